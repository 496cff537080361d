"""Objects as the API's output models (api/schemas): FORMAT.md's field names (via exchange.services)
plus the state a client needs. The models say how timestamps, dates and local times are written."""
from flask import jsonify

from ..events.services import registration_open_today
from ..events.slots import event_slots
from ..exchange.services import need_record, programme_record
from ..projects import lifecycle as project_lifecycle
from ..projects.services import actual_totals
from .schemas import common, events, pairings, postings, projects


def _posting_state(posting):
    return {"id": posting.id, "external_ref": posting.external_ref, "organisation_id": posting.organisation_id,
            "status": posting.status, "published_at": posting.published_at, "updated_at": posting.updated_at}


def programme(item):
    return postings.Programme(**{**programme_record(item), **_posting_state(item)})


def need(item):
    return postings.Need(**{**need_record(item), **_posting_state(item)})


def page(model, result, serialize):
    """One page of a list as `model` (a Page subclass)."""
    return model(items=[serialize(item) for item in result.items], page=result.page, per_page=result.per_page,
                 total=result.total)


def user(account):
    organisation = account.organisation
    return common.User(id=account.id, email=account.email, name=account.name, organisation=common.OrganisationRef(
        id=organisation.id, name=organisation.name, kind=organisation.kind, status=organisation.status))


def suggestions(rows, *, perspective):
    """Stored recommendations; `perspective` "need" lists the programmes, "programme" the needs."""
    if perspective == "need":
        return postings.ProgrammeSuggestions(items=[postings.ProgrammeSuggestion(
            programme=programme(row.programme), score=round(float(row.score), 4), reasons=list(row.reasons))
            for row in rows])
    return postings.NeedSuggestions(items=[postings.NeedSuggestion(
        need=need(row.need), score=round(float(row.score), 4), reasons=list(row.reasons)) for row in rows])


def pairing(item, *, viewer=None):
    project = item.project
    direction = None
    if viewer is not None:
        direction = "outgoing" if item.proposer_id == viewer.organisation_id else \
            "incoming" if item.responder_id == viewer.organisation_id else None
    return pairings.Pairing(
        id=item.id, status=item.current_status, direction=direction, need_id=item.need_id, need_title=item.need.title,
        programme_id=item.programme_id, programme_title=item.programme.title, proposer_id=item.proposer_id,
        proposer=item.proposer.name, responder_id=item.responder_id, responder=item.responder.name,
        message=item.message, decline_reason=item.decline_reason, source=item.source, score=item.score,
        created_at=item.created_at, expires_at=item.expires_at, responded_at=item.responded_at,
        project_id=project.id if project is not None else None,
    )


def follow_up(item):
    return projects.FollowUp(
        id=item.id, project_id=item.project_id, organisation_id=item.organisation_id, date=item.date,
        content=item.content, students_placed=item.students_placed, apprentices_enrolled=item.apprentices_enrolled,
        employees_trained=item.employees_trained, rd_results=item.rd_results, created_at=item.created_at,
    )


def project(item, *, detail=False):
    data = dict(  # noqa: C408 — keyword form, as the model's constructor reads
        id=item.id, title=item.title, status=item.status, type=item.type_code, cluster=item.cluster_code,
        district=item.district_code, pairing_id=item.pairing_id, need_id=item.need_id, programme_id=item.programme_id,
        school_id=item.school_id, school=item.school.name, enterprise_id=item.enterprise_id,
        enterprise=item.enterprise.name, planned_students=item.planned_students,
        planned_apprentices=item.planned_apprentices, planned_trainees=item.planned_trainees,
        duration_months=item.duration_months, agreement_date=item.agreement_date,
        termination_reason=item.termination_reason, created_at=item.created_at,
        last_activity_at=item.last_activity_at, closed_at=item.closed_at,
        transitions=[project_lifecycle.TRANSITIONS[action][1] for action in project_lifecycle.allowed(item)],
    )
    if detail:
        data.update(
            totals=actual_totals(item), follow_ups=[follow_up(f) for f in item.follow_ups],
            milestones=[milestone(m) for m in item.milestones], school_summary=item.school_summary,
            enterprise_confirmed_at=item.enterprise_confirmed_at,
            agreement=projects.AgreementFile(name=item.agreement_name, mime=item.agreement_mime)
            if item.agreement_path else None,
        )
    return projects.Project(**data)


def milestone(item):
    return projects.Milestone(id=item.id, project_id=item.project_id, title=item.title, due_date=item.due_date,
                              done_at=item.done_at, created_at=item.created_at)


def registration(item):
    """An organisation's own registration; the check-in code only once approved, as on its agenda."""
    return events.Registration(
        id=item.id, event_id=item.event_id, organisation_id=item.organisation_id, side=item.side, status=item.status,
        attendees=item.attendees, unavailable_slots=list(item.unavailable_slots or []),
        rejection_reason=item.rejection_reason,
        checkin_code=item.checkin_code if item.status == "approved" else None,
        created_at=item.created_at, decided_at=item.decided_at,
    )


def _hhmm(value):
    return value.strftime("%H:%M")


def event(item, *, mine=None, detail=False):
    """A docking event; `detail` adds the slots and the caller's registration (`mine`)."""
    approved = [r.side for r in item.registrations if r.status == "approved"]
    data = dict(  # noqa: C408 — keyword form, as the model's constructor reads
        id=item.id, title=item.title, status=item.status, clusters=list(item.cluster_codes or []), venue=item.venue,
        date=item.date, start_time=_hhmm(item.start_time), end_time=_hhmm(item.end_time),
        registration_opens=item.registration_opens, registration_closes=item.registration_closes,
        registration_open=item.status == "open" and registration_open_today(item),
        capacity_per_side=item.capacity_per_side,
        participants=common.SideCounts(schools=approved.count("school"), enterprises=approved.count("enterprise")),
    )
    if not detail:
        return events.EventSummary(**data)
    return events.Event(
        **data, description=item.description, meeting_minutes=item.meeting_minutes,
        breaks=[events.TimeRange(start=start, end=end) for start, end in item.breaks or []], tables=item.tables,
        slots=[events.Slot(number=s.number, start=_hhmm(s.start), end=_hhmm(s.end)) for s in event_slots(item)],
        my_registration=registration(mine) if mine is not None else None,
    )


def meeting_request(item, *, viewer_id):
    direction = "incoming" if item.target_id == viewer_id else "outgoing" if item.requester_id == viewer_id else None
    counterpart = item.enterprise if item.school_id == viewer_id else item.school
    return events.MeetingRequest(
        id=item.id, event_id=item.event_id, direction=direction, school_id=item.school_id, school=item.school.name,
        enterprise_id=item.enterprise_id, enterprise=item.enterprise.name, counterpart_id=counterpart.id,
        counterpart=counterpart.name, requested_by=item.requested_by, priority=item.priority, status=item.status,
        message=item.message, created_at=item.created_at, responded_at=item.responded_at,
    )


def counterpart(row):
    """An approved registrant of the other side, with the best suggestion score between the two."""
    organisation = row.registration.organisation
    return events.Counterpart(organisation_id=organisation.id, name=organisation.name, kind=organisation.kind,
                              score=round(float(row.score), 4), reasons=list(row.reasons), requested=row.requested)


def meeting(item, *, viewer_id):
    """A meeting as one party sees it; for the bureau (no side) counterpart and outcome are null."""
    side = item.side_of(viewer_id)
    other = item.counterpart_of(viewer_id) if side else None
    return events.Meeting(
        id=item.id, event_id=item.event_id, slot=item.slot, table=item.table, starts_at=item.starts_at,
        ends_at=item.ends_at, school_id=item.school_id, enterprise_id=item.enterprise_id,
        counterpart=events.OrganisationBrief(id=other.id, name=other.name, kind=other.kind) if other else None,
        status=item.status, outcome=(getattr(item, f"{side}_outcome") or None) if side else None,
        pairing_id=item.pairing_id,
    )


def respond(model, status=200):
    """A JSON response of an output model."""
    return jsonify(model.dump()), status
