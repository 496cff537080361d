"""Docking events over the API: listing, registering, meeting requests, scheduling and
timetables; the same services and refusals as the event pages."""
from datetime import timedelta

import pytest

from matchmaking.events.models import MeetingRequest, Registration
from matchmaking.events.services import local_today
from matchmaking.extensions import db

from ..events.conftest import EventFactory
from .conftest import error_of

REGISTER = {"attendees": "李明 校企合作处处长\n王芳 就业指导中心主任", "unavailable_slots": [0]}


@pytest.fixture
def ev(make):
    return EventFactory(make)


@pytest.fixture
def approved(ev, pair):
    """An open event with the pair's school and enterprise both approved."""
    event = ev.event()
    ev.registration(event, pair.school)
    ev.registration(event, pair.enterprise)
    return event


# Listing and detail ---------------------------------------------------------------------------------


def test_the_public_sees_published_events_only_and_the_bureau_drafts_too(api, ev, officer):
    published, draft = ev.event(title="已发布的对接会"), ev.event(status="draft", title="草稿对接会")
    body = api.anonymous.get("/events").get_json()
    assert [e["id"] for e in body["items"]] == [published.id]
    assert (body["page"], body["per_page"], body["total"]) == (1, 20, 1)
    error_of(api.anonymous.get(f"/events/{draft.id}"), 404)
    assert {e["id"] for e in officer.get("/events").get_json()["items"]} == {published.id, draft.id}
    assert officer.get(f"/events/{draft.id}").get_json()["status"] == "draft"


def test_events_are_paged(api, ev):
    for days in range(3):
        ev.event(date=local_today() + timedelta(days=10 + days))
    body = api.anonymous.get("/events?per_page=2&page=2").get_json()
    assert body["total"] == 3 and body["page"] == 2 and len(body["items"]) == 1
    assert api.anonymous.get("/events?page=9").get_json()["items"] == []
    for query in ("per_page=101", "per_page=0", "page=0", "page=x"):
        error_of(api.anonymous.get("/events?" + query), 400)


def test_detail_has_slots_window_state_and_my_registration(api, ev, pair, school):
    event = ev.event(breaks=[["10:00", "10:30"]])
    anonymous = api.anonymous.get(f"/events/{event.id}").get_json()
    assert anonymous["status"] == "open" and anonymous["registration_open"] is True
    assert anonymous["tables"] == 3 and anonymous["my_registration"] is None
    assert [(s["number"], s["start"]) for s in anonymous["slots"]] == [(0, "09:00"), (1, "09:30"), (3, "10:30"),
                                                                        (4, "11:00"), (5, "11:30")]
    assert anonymous["breaks"] == [{"start": "10:00", "end": "10:30"}]
    assert anonymous["registration_closes"] == event.registration_closes.isoformat()
    ev.registration(event, pair.school, status="pending")
    mine = school.get(f"/events/{event.id}").get_json()["my_registration"]
    assert mine["status"] == "pending" and mine["side"] == "school" and mine["checkin_code"] is None


def test_a_closed_window_is_not_open_for_registration(api, ev):
    event = ev.event(registration_closes=local_today() - timedelta(days=1),
                     registration_opens=local_today() - timedelta(days=3))
    assert api.anonymous.get(f"/events/{event.id}").get_json()["registration_open"] is False


# Registration -------------------------------------------------------------------------------------


def test_register_update_withdraw_and_register_again(ev, pair, school):
    event = ev.event()
    response = school.post(f"/events/{event.id}/registrations", json=REGISTER)
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "pending" and body["unavailable_slots"] == [0] and body["organisation_id"] == pair.school.id
    error_of(school.post(f"/events/{event.id}/registrations", json=REGISTER), 409)
    changed = school.patch(f"/events/{event.id}/registrations/mine", json={"unavailable_slots": [1, 2, 99]}).get_json()
    assert changed["unavailable_slots"] == [1, 2] and changed["attendees"] == REGISTER["attendees"]
    assert school.get(f"/events/{event.id}/registrations/mine").get_json()["id"] == body["id"]
    assert school.delete(f"/events/{event.id}/registrations/mine").get_json()["status"] == "withdrawn"
    error_of(school.delete(f"/events/{event.id}/registrations/mine"), 409)
    again = school.post(f"/events/{event.id}/registrations", json={"attendees": "李明"})
    assert again.status_code == 201 and again.get_json()["id"] == body["id"]


@pytest.mark.parametrize("body, status, field", [
    ({}, 422, "attendees"),
    ({"attendees": "   "}, 422, "attendees"),
    ({"attendees": "长" * 2001}, 422, "attendees"),
    ({"attendees": 3}, 400, "attendees"),
    ({"attendees": "李明", "unavailable_slots": "1"}, 400, "unavailable_slots"),
    ({"attendees": "李明", "unavailable_slots": [1, "2"]}, 400, "unavailable_slots"),
    ({"attendees": "李明", "slots": [1]}, 400, "slots"),
])
def test_registration_values_are_checked(ev, school, body, status, field):
    event = ev.event()
    assert field in error_of(school.post(f"/events/{event.id}/registrations", json=body), status)["fields"]
    assert db.session.scalar(db.select(db.func.count(Registration.id))) == 0


def test_registration_refusals(api, ev, make, officer, school):
    closed = ev.event(registration_opens=local_today() + timedelta(days=1))
    assert "报名时间" in error_of(school.post(f"/events/{closed.id}/registrations", json=REGISTER), 409)["message"]
    draft = ev.event(status="draft")
    error_of(school.post(f"/events/{draft.id}/registrations", json=REGISTER), 404)
    event = ev.event()
    error_of(officer.post(f"/events/{event.id}/registrations", json=REGISTER), 403)
    pending = api.as_(make.user(make.enterprise(status="pending")))
    assert "审核" in error_of(pending.post(f"/events/{event.id}/registrations", json=REGISTER), 403)["message"]
    error_of(api.anonymous.post(f"/events/{event.id}/registrations", json=REGISTER), 401)
    error_of(school.post("/events/999999/registrations", json=REGISTER), 404)


def test_a_full_side_and_a_rejected_registration_answer_409(api, ev, make, pair, school):
    event = ev.event(capacity_per_side=1)
    ev.registration(event, make.school())
    assert "名额" in error_of(school.post(f"/events/{event.id}/registrations", json=REGISTER), 409)["message"]
    other = ev.event()
    ev.registration(other, pair.school, status="rejected", rejection_reason="材料不全")
    assert "材料不全" in error_of(school.post(f"/events/{other.id}/registrations", json=REGISTER), 409)["message"]


def test_my_registration_is_404_without_one_and_403_for_the_bureau(ev, officer, school):
    event = ev.event()
    for method in ("get", "delete"):
        error_of(getattr(school, method)(f"/events/{event.id}/registrations/mine"), 404)
        error_of(getattr(officer, method)(f"/events/{event.id}/registrations/mine"), 403)
    error_of(school.patch(f"/events/{event.id}/registrations/mine", json={"attendees": "李明"}), 404)


def test_oversized_registration_body_answers_413(ev, school):
    event = ev.event()
    error_of(school.post(f"/events/{event.id}/registrations", json={"attendees": "长" * (1024 * 1024)}), 413)


# Meeting requests -----------------------------------------------------------------------------------


def test_request_list_and_accept(approved, pair, school, enterprise):
    url = f"/events/{approved.id}/meeting-requests"
    response = school.post(url, json={"target_organisation_id": pair.enterprise.id, "priority": "must",
                                      "message": "希望洽谈订单班合作"})
    assert response.status_code == 201
    sent = response.get_json()
    assert sent["direction"] == "outgoing" and sent["priority"] == "must" and sent["status"] == "pending"
    assert sent["counterpart_id"] == pair.enterprise.id
    error_of(school.post(url, json={"target_organisation_id": pair.enterprise.id}), 409)
    incoming = enterprise.get(url).get_json()["items"]
    assert [(r["id"], r["direction"]) for r in incoming] == [(sent["id"], "incoming")]
    error_of(school.post(f"{url}/{sent['id']}/accept"), 404)  # only the asked side answers
    accepted = enterprise.post(f"{url}/{sent['id']}/accept").get_json()
    assert accepted["status"] == "accepted" and accepted["responded_at"]
    error_of(enterprise.post(f"{url}/{sent['id']}/decline"), 409)


def test_decline_and_default_priority(approved, pair, school, enterprise):
    url = f"/events/{approved.id}/meeting-requests"
    sent = enterprise.post(url, json={"target_organisation_id": pair.school.id}).get_json()
    assert sent["priority"] == "want" and sent["requested_by"] == "enterprise"
    assert school.post(f"{url}/{sent['id']}/decline").get_json()["status"] == "declined"


@pytest.mark.parametrize("body, status, field", [
    ({}, 422, "target_organisation_id"),
    ({"target_organisation_id": "5"}, 400, "target_organisation_id"),
    ({"target_organisation_id": 0}, 400, "target_organisation_id"),
    ({"target_organisation_id": "{enterprise}", "priority": "urgent"}, 422, "priority"),
    ({"target_organisation_id": "{enterprise}", "message": "长" * 501}, 422, "message"),
])
def test_meeting_request_values_are_checked(approved, pair, school, body, status, field):
    body = {k: pair.enterprise.id if v == "{enterprise}" else v for k, v in body.items()}
    error = error_of(school.post(f"/events/{approved.id}/meeting-requests", json=body), status)
    assert field in error["fields"]
    assert db.session.scalar(db.select(db.func.count(MeetingRequest.id))) == 0


def test_meeting_request_refusals(api, approved, ev, make, pair, officer, school):
    url = f"/events/{approved.id}/meeting-requests"
    other_school = make.school()
    ev.registration(approved, other_school)
    assert "对方" in error_of(school.post(url, json={"target_organisation_id": other_school.id}), 422)["message"]
    stranger = make.enterprise()
    error_of(school.post(url, json={"target_organisation_id": stranger.id}), 404)
    outsider = api.as_(make.user(stranger))
    error_of(outsider.get(url), 403)
    error_of(outsider.post(url, json={"target_organisation_id": pair.school.id}), 403)
    error_of(officer.get(url), 403)
    error_of(api.anonymous.get(url), 401)
    approved.status = "held"
    db.session.commit()
    error_of(school.post(url, json={"target_organisation_id": pair.enterprise.id}), 409)


def test_a_request_of_another_event_is_404(approved, ev, pair, school, enterprise):
    sent = school.post(f"/events/{approved.id}/meeting-requests",
                       json={"target_organisation_id": pair.enterprise.id}).get_json()
    other = ev.event()
    ev.registration(other, pair.enterprise)
    error_of(enterprise.post(f"/events/{other.id}/meeting-requests/{sent['id']}/accept"), 404)


def test_counterparts_list_the_other_side(approved, pair, school):
    items = school.get(f"/events/{approved.id}/counterparts").get_json()["items"]
    assert [(c["organisation_id"], c["kind"], c["requested"]) for c in items] == [(pair.enterprise.id, "enterprise", False)]


# Scheduling and timetables --------------------------------------------------------------------------


def test_only_the_bureau_schedules_and_only_after_registration_closed(approved, officer, school, enterprise):
    url = f"/events/{approved.id}/schedule"
    error_of(school.post(url), 403)
    error_of(enterprise.post(url), 403)
    assert "截止报名" in error_of(officer.post(url), 409)["message"]
    error_of(officer.post("/events/999999/schedule"), 404)


def test_schedule_then_my_timetable(approved, pair, officer, school, enterprise):
    url = f"/events/{approved.id}/meeting-requests"
    sent = school.post(url, json={"target_organisation_id": pair.enterprise.id}).get_json()
    enterprise.post(f"{url}/{sent['id']}/accept")  # a pending one-sided request is not scheduled
    approved.status = "closed"
    db.session.commit()
    body = officer.post(f"/events/{approved.id}/schedule").get_json()
    assert body["counts"]["placed"] == 1 and body["event"]["status"] == "scheduled"
    mine = school.get(f"/events/{approved.id}/meetings/mine").get_json()["items"]
    assert len(mine) == 1
    meeting = mine[0]
    assert meeting["counterpart"] == {"id": pair.enterprise.id, "name": pair.enterprise.name, "kind": "enterprise"}
    assert meeting["status"] == "scheduled" and 1 <= meeting["table"] <= 3 and meeting["outcome"] is None
    day = approved.date.isoformat()
    assert meeting["starts_at"].startswith(day) and meeting["starts_at"].endswith("+08:00")
    assert meeting["ends_at"] > meeting["starts_at"]
    theirs = enterprise.get(f"/events/{approved.id}/meetings/mine").get_json()["items"]
    assert theirs[0]["id"] == meeting["id"] and theirs[0]["counterpart"]["id"] == pair.school.id
    again = officer.post(f"/events/{approved.id}/schedule").get_json()  # a rerun keeps the meeting in place
    assert again["counts"]["moved"] == 0 and again["counts"]["placed"] == 1


def test_timetable_is_for_approved_participants_only(api, approved, ev, make, officer):
    url = f"/events/{approved.id}/meetings/mine"
    error_of(officer.get(url), 403)
    pending = make.school()
    ev.registration(approved, pending, status="pending")
    error_of(api.as_(make.user(pending)).get(url), 403)
    error_of(api.anonymous.get(url), 401)
    draft = ev.event(status="draft")
    error_of(api.as_(make.user(pending)).get(f"/events/{draft.id}/meetings/mine"), 404)



# On the day: marking meetings and recording outcomes ---------------------------------------------------


@pytest.fixture
def meeting_id(approved, pair, officer, school, enterprise):
    """The one meeting of the pair at the scheduled event."""
    url = f"/events/{approved.id}/meeting-requests"
    sent = school.post(url, json={"target_organisation_id": pair.enterprise.id}).get_json()
    enterprise.post(f"{url}/{sent['id']}/accept")
    approved.status = "closed"
    db.session.commit()
    officer.post(f"/events/{approved.id}/schedule")
    return school.get(f"/events/{approved.id}/meetings/mine").get_json()["items"][0]["id"]


def test_mark_held_then_continue_proposes_a_pairing(approved, meeting_id, pair, school, enterprise):
    url = f"/events/{approved.id}/meetings/{meeting_id}"
    error_of(school.post(f"{url}/outcome", json={"outcome": "no_interest"}), 409)  # not marked held yet
    assert enterprise.post(f"{url}/held").get_json()["status"] == "held"
    body = school.post(f"{url}/outcome", json={"outcome": "continue", "own_item_id": pair.programme.id,
                                               "counterpart_item_id": pair.need.id}).get_json()
    assert body["meeting"]["outcome"] == "continue" and body["meeting"]["pairing_id"] == body["pairing"]["id"]
    assert body["pairing"]["status"] == "proposed" and body["pairing"]["source"] == "event"
    assert body["pairing"]["direction"] == "outgoing"
    error_of(school.post(f"{url}/outcome", json={"outcome": "no_interest"}), 409)  # once per side
    assert "对接意向" in error_of(enterprise.post(f"{url}/no-show"), 409)["message"]
    theirs = enterprise.post(f"{url}/outcome", json={"outcome": "no_interest"}).get_json()
    assert theirs["pairing"] is None and theirs["meeting"]["outcome"] == "no_interest"


def test_the_bureau_marks_a_no_show(approved, meeting_id, officer):
    body = officer.post(f"/events/{approved.id}/meetings/{meeting_id}/no-show").get_json()
    assert body["status"] == "no_show" and body["counterpart"] is None and body["outcome"] is None


@pytest.mark.parametrize("body, status, field", [
    ({}, 422, "outcome"),
    ({"outcome": "maybe"}, 422, "outcome"),
    ({"outcome": "continue"}, 422, "own_item_id"),
    ({"outcome": "continue", "own_item_id": "1"}, 400, "own_item_id"),
    ({"outcome": "continue", "own_item_id": 2**31}, 400, "own_item_id"),
    ({"outcome": "no_interest", "message": "长" * 501}, 422, "message"),
])
def test_outcome_values_are_checked(approved, meeting_id, school, enterprise, body, status, field):
    enterprise.post(f"/events/{approved.id}/meetings/{meeting_id}/held")
    assert field in error_of(school.post(f"/events/{approved.id}/meetings/{meeting_id}/outcome", json=body), status)["fields"]


def test_outcome_items_must_be_the_two_parties(approved, meeting_id, make, pair, school, enterprise):
    url = f"/events/{approved.id}/meetings/{meeting_id}"
    enterprise.post(f"{url}/held")
    strangers_need = make.need(make.enterprise())
    error_of(school.post(f"{url}/outcome", json={"outcome": "continue", "own_item_id": pair.programme.id,
                                                 "counterpart_item_id": strangers_need.id}), 404)


def test_meetings_of_others_are_404_and_outcomes_need_a_participant(api, approved, meeting_id, ev, make, officer):
    outsider_org = make.school()
    ev.registration(approved, outsider_org)
    outsider = api.as_(make.user(outsider_org))
    url = f"/events/{approved.id}/meetings/{meeting_id}"
    error_of(outsider.post(f"{url}/held"), 404)
    error_of(outsider.post(f"{url}/outcome", json={"outcome": "no_interest"}), 404)
    error_of(officer.post(f"{url}/outcome", json={"outcome": "no_interest"}), 403)
    error_of(api.anonymous.post(f"{url}/held"), 401)
    error_of(officer.post(f"/events/{approved.id}/meetings/999999/held"), 404)
