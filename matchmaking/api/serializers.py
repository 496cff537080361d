"""Objects as JSON: FORMAT.md's field names (via exchange.services) plus the state a client needs.

Timestamps are UTC in ISO 8601 with a "Z"; dates are "YYYY-MM-DD"; ids are the database ids."""
from zoneinfo import ZoneInfo

from ..events.services import registration_open_today
from ..events.slots import event_slots
from ..exchange.services import need_record, programme_record
from ..projects import lifecycle as project_lifecycle
from ..projects.services import actual_totals

#: Event dates and times are wall-clock times in Yibin.
EVENT_TZ = ZoneInfo("Asia/Shanghai")


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


def local_time(value):
    """A local (Asia/Shanghai) wall-clock datetime with its offset: 2026-05-20T09:00:00+08:00."""
    return value.replace(microsecond=0, tzinfo=EVENT_TZ).isoformat()


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
        data["milestones"] = [milestone(m) for m in item.milestones]
        data["school_summary"] = item.school_summary
        data["enterprise_confirmed_at"] = timestamp(item.enterprise_confirmed_at)
        data["agreement"] = {"name": item.agreement_name, "mime": item.agreement_mime} if item.agreement_path else None
    return data


def milestone(item):
    return {"id": item.id, "project_id": item.project_id, "title": item.title, "due_date": day(item.due_date),
            "done_at": timestamp(item.done_at), "created_at": timestamp(item.created_at)}


def registration(item):
    """An organisation's own registration; the check-in code only once approved, as on its agenda."""
    return {
        "id": item.id,
        "event_id": item.event_id,
        "organisation_id": item.organisation_id,
        "side": item.side,
        "status": item.status,
        "attendees": item.attendees,
        "unavailable_slots": list(item.unavailable_slots or []),
        "rejection_reason": item.rejection_reason,
        "checkin_code": item.checkin_code if item.status == "approved" else None,
        "created_at": timestamp(item.created_at),
        "decided_at": timestamp(item.decided_at),
    }


def event(item, *, mine=None, detail=False):
    """A docking event; `detail` adds the slots and the caller's registration (`mine`)."""
    approved = [r.side for r in item.registrations if r.status == "approved"]
    data = {
        "id": item.id,
        "title": item.title,
        "status": item.status,
        "clusters": list(item.cluster_codes or []),
        "venue": item.venue,
        "date": day(item.date),
        "start_time": item.start_time.strftime("%H:%M"),
        "end_time": item.end_time.strftime("%H:%M"),
        "registration_opens": day(item.registration_opens),
        "registration_closes": day(item.registration_closes),
        "registration_open": item.status == "open" and registration_open_today(item),
        "capacity_per_side": item.capacity_per_side,
        "participants": {"schools": approved.count("school"), "enterprises": approved.count("enterprise")},
    }
    if detail:
        data.update({
            "description": item.description,
            "meeting_minutes": item.meeting_minutes,
            "breaks": [{"start": start, "end": end} for start, end in item.breaks or []],
            "tables": item.tables,
            "slots": [{"number": s.number, "start": s.start.strftime("%H:%M"), "end": s.end.strftime("%H:%M")}
                      for s in event_slots(item)],
            "my_registration": registration(mine) if mine is not None else None,
        })
    return data


def meeting_request(item, *, viewer_id):
    direction = "incoming" if item.target_id == viewer_id else "outgoing" if item.requester_id == viewer_id else None
    counterpart = item.enterprise if item.school_id == viewer_id else item.school
    return {
        "id": item.id,
        "event_id": item.event_id,
        "direction": direction,
        "school_id": item.school_id,
        "school": item.school.name,
        "enterprise_id": item.enterprise_id,
        "enterprise": item.enterprise.name,
        "counterpart_id": counterpart.id,
        "counterpart": counterpart.name,
        "requested_by": item.requested_by,
        "priority": item.priority,
        "status": item.status,
        "message": item.message,
        "created_at": timestamp(item.created_at),
        "responded_at": timestamp(item.responded_at),
    }


def counterpart(row):
    """An approved registrant of the other side, with the best suggestion score between the two."""
    organisation = row.registration.organisation
    return {"organisation_id": organisation.id, "name": organisation.name, "kind": organisation.kind,
            "score": round(float(row.score), 4), "reasons": list(row.reasons), "requested": row.requested}


def meeting(item, *, viewer_id):
    """A meeting as one party sees it; for the bureau (no side) counterpart and outcome are null."""
    side = item.side_of(viewer_id)
    other = item.counterpart_of(viewer_id) if side else None
    return {
        "id": item.id,
        "event_id": item.event_id,
        "slot": item.slot,
        "table": item.table,
        "starts_at": local_time(item.starts_at),
        "ends_at": local_time(item.ends_at),
        "school_id": item.school_id,
        "enterprise_id": item.enterprise_id,
        "counterpart": {"id": other.id, "name": other.name, "kind": other.kind} if other else None,
        "status": item.status,
        "outcome": (getattr(item, f"{side}_outcome") or None) if side else None,
        "pairing_id": item.pairing_id,
    }
