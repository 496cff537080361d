"""Objects as JSON: FORMAT.md's field names (via exchange.services) plus the state a client needs.

Timestamps are UTC in ISO 8601 with a "Z"; dates are "YYYY-MM-DD"; ids are the database ids."""
from ..exchange.services import need_record, programme_record
from ..projects import lifecycle as project_lifecycle
from ..projects.services import actual_totals


def timestamp(value):
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"


def day(value):
    return None if value is None else value.isoformat()


def _posting_state(posting):
    return {
        "id": posting.id,
        "external_ref": posting.external_ref,
        "organisation_id": posting.organisation_id,
        "status": posting.status,
        "published_at": timestamp(posting.published_at),
        "updated_at": timestamp(posting.updated_at),
    }


def programme(item):
    return {**programme_record(item), **_posting_state(item)}


def need(item):
    return {**need_record(item), **_posting_state(item)}


def page(result, serialize):
    return {"items": [serialize(item) for item in result.items], "page": result.page,
            "per_page": result.per_page, "total": result.total}


def user(account):
    organisation = account.organisation
    return {"id": account.id, "email": account.email, "name": account.name,
            "organisation": {"id": organisation.id, "name": organisation.name, "kind": organisation.kind,
                             "status": organisation.status}}


def suggestion(row, *, perspective):
    """A stored recommendation; `perspective` "need" shows the programme, "programme" the need."""
    other = {"programme": programme(row.programme)} if perspective == "need" else {"need": need(row.need)}
    return {**other, "score": round(float(row.score), 4), "reasons": list(row.reasons)}


def pairing(item, *, viewer=None):
    project = item.project
    direction = None
    if viewer is not None:
        direction = "outgoing" if item.proposer_id == viewer.organisation_id else \
            "incoming" if item.responder_id == viewer.organisation_id else None
    return {
        "id": item.id,
        "status": item.status,
        "direction": direction,
        "need_id": item.need_id,
        "need_title": item.need.title,
        "programme_id": item.programme_id,
        "programme_title": item.programme.title,
        "proposer_id": item.proposer_id,
        "proposer": item.proposer.name,
        "responder_id": item.responder_id,
        "responder": item.responder.name,
        "message": item.message,
        "decline_reason": item.decline_reason,
        "source": item.source,
        "score": item.score,
        "created_at": timestamp(item.created_at),
        "expires_at": timestamp(item.expires_at),
        "responded_at": timestamp(item.responded_at),
        "project_id": project.id if project is not None else None,
    }


def follow_up(item):
    return {
        "id": item.id,
        "project_id": item.project_id,
        "organisation_id": item.organisation_id,
        "date": day(item.date),
        "content": item.content,
        "students_placed": item.students_placed,
        "apprentices_enrolled": item.apprentices_enrolled,
        "employees_trained": item.employees_trained,
        "rd_results": item.rd_results,
        "created_at": timestamp(item.created_at),
    }


def project(item, *, detail=False):
    data = {
        "id": item.id,
        "title": item.title,
        "status": item.status,
        "type": item.type_code,
        "cluster": item.cluster_code,
        "district": item.district_code,
        "pairing_id": item.pairing_id,
        "need_id": item.need_id,
        "programme_id": item.programme_id,
        "school_id": item.school_id,
        "school": item.school.name,
        "enterprise_id": item.enterprise_id,
        "enterprise": item.enterprise.name,
        "planned_students": item.planned_students,
        "planned_apprentices": item.planned_apprentices,
        "planned_trainees": item.planned_trainees,
        "duration_months": item.duration_months,
        "agreement_date": day(item.agreement_date),
        "termination_reason": item.termination_reason,
        "created_at": timestamp(item.created_at),
        "last_activity_at": timestamp(item.last_activity_at),
        "closed_at": timestamp(item.closed_at),
        "transitions": [project_lifecycle.TRANSITIONS[action][1] for action in project_lifecycle.allowed(item)],
    }
    if detail:
        data["totals"] = actual_totals(item)
        data["follow_ups"] = [follow_up(f) for f in item.follow_ups]
    return data
