"""Agendas, calendar files, check-in and what happens at the table: held / no-show, outcomes
that become pairings."""
from icalendar import Calendar

from matchmaking.events.models import Meeting, MeetingRequest
from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing

from .helpers import refreshed


def _scheduled(pair, ev, officer, login_as):
    event = ev.event(status="closed")
    school_reg, enterprise_reg = ev.registration(event, pair.school), ev.registration(event, pair.enterprise)
    db.session.add(MeetingRequest(event_id=event.id, school_id=pair.school.id, enterprise_id=pair.enterprise.id,
                                  requested_by="bureau", priority="bureau", status="accepted"))
    db.session.commit()
    login_as(officer).post(f"/events/manage/{event.id}/schedule")
    return event, school_reg, enterprise_reg, db.session.scalar(db.select(Meeting))


def test_agenda_shows_meetings_and_a_qr_code_without_script(pair, ev, officer, login_as):
    event, school_reg, _, meeting = _scheduled(pair, ev, officer, login_as)
    response = login_as(pair.school_user).get(f"/events/{event.id}/agenda")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and pair.enterprise.name in page and school_reg.checkin_code in page
    assert "<svg" in page and "<script>" not in page and meeting.starts_at.strftime("%H:%M") in page
    bureau_view = login_as(officer).get(f"/events/manage/{event.id}/agenda/{school_reg.id}").get_data(as_text=True)
    assert pair.enterprise.name in bureau_view


def test_ics_has_stable_uid_timezone_and_sequence(pair, ev, officer, login_as):
    event, _, _, meeting = _scheduled(pair, ev, officer, login_as)
    school = login_as(pair.school_user)
    response = school.get(f"/events/{event.id}/agenda.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == meeting.uid and int(vevent["SEQUENCE"]) == 0 and "DTSTAMP" in vevent
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert vevent.decoded("DTSTART").replace(tzinfo=None) == meeting.starts_at
    assert pair.enterprise.name in str(vevent["SUMMARY"])
    meeting.sequence, meeting.status = 2, "cancelled"
    db.session.commit()
    (again,) = Calendar.from_ical(school.get(f"/events/{event.id}/agenda.ics").data).walk("VEVENT")
    assert str(again["UID"]) == meeting.uid and int(again["SEQUENCE"]) == 2 and str(again["STATUS"]) == "CANCELLED"


def test_agenda_and_ics_are_for_approved_participants_only(pair, make, ev, officer, login_as):
    event, _, _, _ = _scheduled(pair, ev, officer, login_as)
    outsider = make.user(make.school())
    for path in (f"/events/{event.id}/agenda", f"/events/{event.id}/agenda.ics"):
        assert login_as(outsider).get(path).status_code == 403
    assert login_as(officer).get(f"/events/{event.id}/agenda").status_code == 403


def test_check_in_by_code_by_search_and_refusals(pair, ev, officer, login_as):
    event, school_reg, enterprise_reg, _ = _scheduled(pair, ev, officer, login_as)
    bureau = login_as(officer)
    bad = bureau.post(f"/events/manage/{event.id}/checkin", data={"code": "NOPE1234"})
    assert bad.status_code == 400 and "签到码无效" in bad.get_data(as_text=True) and "NOPE1234" in bad.get_data(as_text=True)
    ok = bureau.post(f"/events/manage/{event.id}/checkin", data={"code": f" {school_reg.checkin_code.lower()} "})
    assert ok.status_code == 302 and refreshed(school_reg).checked_in_at is not None
    twice = bureau.post(f"/events/manage/{event.id}/checkin", data={"code": school_reg.checkin_code})
    assert twice.status_code == 400 and "已经签到" in twice.get_data(as_text=True)
    found = bureau.get(f"/events/manage/{event.id}/checkin?q={pair.enterprise.name[:4]}").get_data(as_text=True)
    assert pair.enterprise.name in found
    bureau.post(f"/events/manage/{event.id}/checkin/{enterprise_reg.id}")
    assert refreshed(enterprise_reg).checked_in_at is not None
    assert login_as(pair.school_user).post(f"/events/manage/{event.id}/checkin",
                                           data={"code": school_reg.checkin_code}).status_code == 403


def test_check_in_before_scheduling_is_refused(pair, ev, officer, login_as):
    event = ev.event(status="open")
    registration = ev.registration(event, pair.school)
    response = login_as(officer).post(f"/events/manage/{event.id}/checkin", data={"code": registration.checkin_code})
    assert "活动排程后才能签到" in response.get_data(as_text=True) and refreshed(registration).checked_in_at is None


def test_mark_held_then_continue_creates_an_event_pairing(pair, ev, officer, login_as):
    event, _, _, meeting = _scheduled(pair, ev, officer, login_as)
    enterprise = login_as(pair.enterprise_user)
    early = enterprise.post(f"/events/{event.id}/meetings/{meeting.id}/outcome",
                            data={f"m{meeting.id}-outcome": "no_interest"}, follow_redirects=True)
    assert "请先将洽谈标记为已洽谈" in early.get_data(as_text=True)
    assert enterprise.post(f"/events/{event.id}/meetings/{meeting.id}/held").status_code == 302
    assert refreshed(meeting).status == "held"
    missing = enterprise.post(f"/events/{event.id}/meetings/{meeting.id}/outcome", data={})
    assert missing.status_code == 400 and "请选择洽谈结果" in missing.get_data(as_text=True)
    response = enterprise.post(f"/events/{event.id}/meetings/{meeting.id}/outcome", data={
        f"m{meeting.id}-outcome": "continue", f"m{meeting.id}-own_item_id": pair.need.id,
        f"m{meeting.id}-counterpart_item_id": pair.programme.id})
    pairing = db.session.scalar(db.select(Pairing))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/pairings/{pairing.id}")
    assert pairing.source == "event" and pairing.proposer_id == pair.enterprise.id and pairing.status == "proposed"
    assert refreshed(meeting).pairing_id == pairing.id and meeting.enterprise_outcome == "continue"
    twice = enterprise.post(f"/events/{event.id}/meetings/{meeting.id}/outcome",
                            data={f"m{meeting.id}-outcome": "no_interest"}, follow_redirects=True)
    assert "本方已登记过洽谈结果" in twice.get_data(as_text=True)
    school = login_as(pair.school_user)
    school.post(f"/events/{event.id}/meetings/{meeting.id}/outcome", data={f"m{meeting.id}-outcome": "no_interest"})
    assert refreshed(meeting).school_outcome == "no_interest"


def test_continue_needs_the_counterparts_item(pair, make, ev, officer, login_as):
    event, _, _, meeting = _scheduled(pair, ev, officer, login_as)
    stranger_programme = make.programme(make.school())
    enterprise = login_as(pair.enterprise_user)
    enterprise.post(f"/events/{event.id}/meetings/{meeting.id}/held")
    response = enterprise.post(f"/events/{event.id}/meetings/{meeting.id}/outcome", data={
        f"m{meeting.id}-outcome": "continue", f"m{meeting.id}-own_item_id": pair.need.id,
        f"m{meeting.id}-counterpart_item_id": stranger_programme.id})
    assert response.status_code == 404 and db.session.scalar(db.select(db.func.count(Pairing.id))) == 0
    no_items = enterprise.post(f"/events/{event.id}/meetings/{meeting.id}/outcome",
                               data={f"m{meeting.id}-outcome": "continue"}, follow_redirects=True)
    assert "请选择双方的对接内容" in no_items.get_data(as_text=True)


def test_no_show_by_the_bureau_and_meetings_of_others_are_404(pair, make, ev, officer, login_as):
    event, _, _, meeting = _scheduled(pair, ev, officer, login_as)
    outsider = make.user(make.enterprise())
    ev.registration(event, outsider.organisation)
    assert login_as(outsider).post(f"/events/{event.id}/meetings/{meeting.id}/held").status_code == 404
    response = login_as(officer).post(f"/events/{event.id}/meetings/{meeting.id}/no_show", data={"back": "timetable"})
    assert response.headers["Location"].endswith("/timetable") and refreshed(meeting).status == "no_show"


def test_marking_before_scheduling_is_refused(pair, ev, officer, login_as):
    event, _, _, meeting = _scheduled(pair, ev, officer, login_as)
    event.status = "open"
    db.session.commit()
    login_as(pair.school_user).post(f"/events/{event.id}/meetings/{meeting.id}/held")
    assert refreshed(meeting).status == "scheduled"


def test_bureau_prints_every_agenda_with_its_code(pair, ev, officer, login_as):
    event, school_reg, enterprise_reg, _ = _scheduled(pair, ev, officer, login_as)
    page = login_as(officer).get(f"/events/manage/{event.id}/agendas").get_data(as_text=True)
    assert page.count("<svg") == 2 and school_reg.checkin_code in page and enterprise_reg.checkin_code in page
    assert login_as(pair.school_user).get(f"/events/manage/{event.id}/agendas").status_code == 403
