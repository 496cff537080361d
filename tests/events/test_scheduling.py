"""Scheduling through the bureau's pages: meetings stored with slot, table and time, what could
not be placed and why, the timetable, and rescheduling that keeps feasible meetings in place."""
from matchmaking.events.models import Meeting, MeetingRequest
from matchmaking.extensions import db
from matchmaking.notifications.models import Notification

from .helpers import refreshed


def _meetings(status=None):
    query = db.select(Meeting).order_by(Meeting.slot, Meeting.table)
    if status:
        query = query.where(Meeting.status == status)
    return db.session.scalars(query).all()


def _kinds(user):
    return [n.kind for n in db.session.scalars(db.select(Notification).where(Notification.user_id == user.id))]


def _want(event, school, enterprise, requested_by="bureau"):
    db.session.add(MeetingRequest(event_id=event.id, school_id=school.id, enterprise_id=enterprise.id,
                                  requested_by=requested_by, priority="bureau" if requested_by == "bureau" else "must",
                                  status="accepted"))
    db.session.commit()


def _closed_event_with_three(pair, make, ev, **fields):
    event = ev.event(status="closed", **fields)
    second = make.enterprise(name="宜宾第二企业")
    for organisation in (pair.school, pair.enterprise, second):
        ev.registration(event, organisation)
    _want(event, pair.school, pair.enterprise)
    _want(event, pair.school, second)
    return event, second


def test_schedule_stores_meetings_and_notifies(pair, make, officer, login_as, ev):
    event, second = _closed_event_with_three(pair, make, ev)
    bureau = login_as(officer)
    response = bureau.post(f"/events/manage/{event.id}/schedule")
    assert response.status_code == 302 and response.headers["Location"].endswith("/timetable")
    meetings = _meetings()
    assert {(m.school_id, m.enterprise_id) for m in meetings} == {(pair.school.id, pair.enterprise.id), (pair.school.id, second.id)}
    assert meetings[0].slot != meetings[1].slot  # the school cannot be at two tables at once
    for m in meetings:
        assert m.starts_at.date() == event.date and m.sequence == 0 and m.uid and m.tier == 0
        assert 1 <= m.table <= event.tables
    assert refreshed(event).status == "scheduled" and event.unplaced == []
    assert "event_meeting_scheduled" in _kinds(pair.enterprise_user)
    grid = bureau.get(f"/events/manage/{event.id}/timetable").get_data(as_text=True)
    assert pair.enterprise.name in grid and second.name in grid and "1 号桌" in grid
    table = bureau.get(f"/events/manage/{event.id}/tables/{meetings[0].table}").get_data(as_text=True)
    assert pair.school.name in table


def test_unplaced_requests_are_shown_with_the_reason(pair, make, officer, login_as, ev):
    event = ev.event(status="closed")
    ev.registration(event, pair.school, unavailable=[0, 1, 2])
    ev.registration(event, pair.enterprise, unavailable=[3, 4, 5])
    _want(event, pair.school, pair.enterprise)
    bureau = login_as(officer)
    bureau.post(f"/events/manage/{event.id}/schedule")
    assert _meetings() == []
    assert refreshed(event).unplaced[0]["reason"] == "no_common_free_slot"
    page = bureau.get(f"/events/manage/{event.id}").get_data(as_text=True)
    assert "未能安排的请求" in page and "双方没有共同的空闲时段" in page


def test_scheduling_before_registration_closes_is_refused(pair, officer, login_as, ev):
    event = ev.event(status="open")
    response = login_as(officer).post(f"/events/manage/{event.id}/schedule", follow_redirects=True)
    assert "请先截止报名" in response.get_data(as_text=True) and _meetings() == []


def test_a_withdrawal_drops_its_meetings_and_keeps_the_others_in_place(pair, make, officer, login_as, ev):
    event, second = _closed_event_with_three(pair, make, ev)
    bureau = login_as(officer)
    bureau.post(f"/events/manage/{event.id}/schedule")
    kept_before = {(m.school_id, m.enterprise_id): (m.slot, m.table) for m in _meetings()}
    login_as(pair.enterprise_user).post(f"/events/{event.id}/withdraw")
    bureau.post(f"/events/manage/{event.id}/schedule")
    dropped = _meetings("cancelled")
    assert [(m.enterprise_id, m.cancel_reason, m.sequence) for m in dropped] == [(pair.enterprise.id, "participant_withdrawn", 1)]
    kept = _meetings("scheduled")
    assert [(m.slot, m.table, m.sequence) for m in kept] == [kept_before[(pair.school.id, second.id)] + (0,)]
    assert "event_meeting_dropped" in _kinds(pair.school_user)


def test_a_removed_slot_moves_its_meetings_and_bumps_their_sequence(pair, make, officer, login_as, ev):
    event, second = _closed_event_with_three(pair, make, ev)
    bureau = login_as(officer)
    bureau.post(f"/events/manage/{event.id}/schedule")
    first = _meetings()[0]
    slot_before = first.slot
    bureau.post(f"/events/manage/{event.id}/slots/remove", data={"slot": slot_before})
    assert refreshed(event).removed_slots == [slot_before]
    bureau.post(f"/events/manage/{event.id}/schedule")
    moved = refreshed(first)
    assert moved.status == "scheduled" and moved.slot != slot_before and moved.sequence == 1
    assert "event_meeting_moved" in _kinds(pair.school_user)


def test_a_late_registrant_is_added_without_moving_anyone(pair, make, officer, login_as, ev):
    event, second = _closed_event_with_three(pair, make, ev)
    bureau = login_as(officer)
    bureau.post(f"/events/manage/{event.id}/schedule")
    before = {m.id: (m.slot, m.table) for m in _meetings()}
    late_school = make.school(name="宜宾迟到学校")
    late = ev.registration(event, late_school, status="pending")
    bureau.post(f"/events/manage/{event.id}/registrations/{late.id}/approve")
    _want(event, late_school, second)
    bureau.post(f"/events/manage/{event.id}/schedule")
    after = {m.id: (m.slot, m.table) for m in _meetings()}
    assert all(after[i] == place for i, place in before.items())
    assert any(m.school_id == late_school.id for m in _meetings("scheduled"))


def test_removing_a_table_reschedules_onto_the_rest(pair, make, officer, login_as, ev):
    event, second = _closed_event_with_three(pair, make, ev, tables=2)
    bureau = login_as(officer)
    bureau.post(f"/events/manage/{event.id}/schedule")
    event.tables = 1
    db.session.commit()
    bureau.post(f"/events/manage/{event.id}/schedule")
    assert {m.table for m in _meetings("scheduled")} == {1} and len(_meetings("scheduled")) == 2


def test_the_bureau_is_told_when_the_schedule_no_longer_fits(pair, make, officer, login_as, ev):
    event, second = _closed_event_with_three(pair, make, ev)
    bureau = login_as(officer)
    bureau.post(f"/events/manage/{event.id}/schedule")
    assert "请点击“重新排程”" not in bureau.get(f"/events/manage/{event.id}").get_data(as_text=True)
    login_as(pair.enterprise_user).post(f"/events/{event.id}/withdraw")
    assert "请点击“重新排程”" in bureau.get(f"/events/manage/{event.id}").get_data(as_text=True)
    bureau.post(f"/events/manage/{event.id}/schedule")
    assert "请点击“重新排程”" not in bureau.get(f"/events/manage/{event.id}").get_data(as_text=True)


def test_the_timing_of_a_scheduled_event_cannot_change_under_its_meetings(pair, make, officer, login_as, ev):
    from .helpers import event_form

    event, _ = _closed_event_with_three(pair, make, ev)
    bureau = login_as(officer)
    bureau.post(f"/events/manage/{event.id}/schedule")
    same = dict(date=event.date.isoformat(), start_time="09:00", end_time="12:00", meeting_minutes="30", tables="2",
                registration_opens=event.registration_opens.isoformat(), registration_closes=event.registration_closes.isoformat())
    assert bureau.post(f"/events/manage/{event.id}/edit", data=event_form(**same)).status_code == 302
    assert refreshed(event).tables == 2
    moved = bureau.post(f"/events/manage/{event.id}/edit", data=event_form(**dict(same, start_time="08:00")))
    assert moved.status_code == 400 and "已排程的活动不能修改日期和时间安排" in moved.get_data(as_text=True)


def test_rescheduling_on_the_day_keeps_meetings_that_already_happened(pair, make, officer, login_as, ev):
    event, second = _closed_event_with_three(pair, make, ev)
    bureau = login_as(officer)
    bureau.post(f"/events/manage/{event.id}/schedule")
    first, later = _meetings()
    bureau.post(f"/events/{event.id}/meetings/{first.id}/held")
    refused = bureau.post(f"/events/manage/{event.id}/slots/remove", data={"slot": first.slot}, follow_redirects=True)
    assert "不能取消" in refused.get_data(as_text=True) and refreshed(event).removed_slots == []
    held_org = pair.enterprise if first.enterprise_id == pair.enterprise.id else second
    user = pair.enterprise_user if held_org == pair.enterprise else make.user(held_org)
    withdraw = login_as(user).post(f"/events/{event.id}/withdraw", follow_redirects=True)
    assert "不能退出" in withdraw.get_data(as_text=True)
    held_place, later_slot = (first.slot, first.table), later.slot
    bureau.post(f"/events/manage/{event.id}/slots/remove", data={"slot": later_slot})
    bureau.post(f"/events/manage/{event.id}/schedule")
    assert (refreshed(first).status, first.slot, first.table, first.sequence) == ("held",) + held_place + (0,)
    assert refreshed(later).status == "scheduled" and later.slot != later_slot and later.sequence == 1
    cells = [(m.slot, m.table) for m in _meetings() if m.status != "cancelled"]
    assert len(cells) == len(set(cells))
