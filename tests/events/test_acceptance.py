"""The whole story as users click through it: the bureau creates and opens an event, a school and
an enterprise register and ask to meet, the bureau schedules, both download their calendars, check
in, the meeting is held with 继续洽谈, a pairing appears and the report counts it."""
import re

from icalendar import Calendar

from matchmaking.events.models import DockingEvent, Registration
from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing

from .helpers import event_form


def test_docking_event_from_creation_to_report(pair, officer, login_as):
    bureau, school, enterprise = login_as(officer), login_as(pair.school_user), login_as(pair.enterprise_user)

    assert bureau.post("/events/manage/new", data=event_form(title="三江新区动力电池对接会")).status_code == 302
    event = db.session.scalar(db.select(DockingEvent))
    assert bureau.post(f"/events/manage/{event.id}/open").status_code == 302
    assert "三江新区动力电池对接会" in school.get("/events").get_data(as_text=True)

    for client, who in ((school, "王校长"), (enterprise, "李经理")):
        assert client.post(f"/events/{event.id}/register", data={"attendees": who}).status_code == 302
    for registration in db.session.scalars(db.select(Registration)):
        bureau.post(f"/events/manage/{event.id}/registrations/{registration.id}/approve")

    assert pair.enterprise.name in school.get(f"/events/{event.id}/requests").get_data(as_text=True)
    school.post(f"/events/{event.id}/requests", data={"target_id": pair.enterprise.id, "priority": "must"})
    enterprise.post(f"/events/{event.id}/requests", data={"target_id": pair.school.id, "priority": "want"})

    bureau.post(f"/events/manage/{event.id}/close")
    timetable = bureau.get(bureau.post(f"/events/manage/{event.id}/schedule").headers["Location"]).get_data(as_text=True)
    assert pair.school.name in timetable and pair.enterprise.name in timetable

    uids = set()
    for client in (school, enterprise):
        (vevent,) = Calendar.from_ical(client.get(f"/events/{event.id}/agenda.ics").data).walk("VEVENT")
        uids.add(str(vevent["UID"]))
    assert len(uids) == 1  # the same meeting in both calendars

    for client in (school, enterprise):
        agenda = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
        code = re.search(r'<strong class="mono">([A-Z0-9]+)</strong>', agenda).group(1)
        assert bureau.post(f"/events/manage/{event.id}/checkin", data={"code": code}).status_code == 302
    assert "已签到 2 / 2 家" in bureau.get(f"/events/manage/{event.id}/checkin").get_data(as_text=True)

    agenda = enterprise.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    meeting_id = int(re.search(r"/meetings/(\d+)/held", agenda).group(1))
    enterprise.post(f"/events/{event.id}/meetings/{meeting_id}/held")
    response = enterprise.post(f"/events/{event.id}/meetings/{meeting_id}/outcome", data={
        f"m{meeting_id}-outcome": "continue", f"m{meeting_id}-own_item_id": pair.need.id,
        f"m{meeting_id}-counterpart_item_id": pair.programme.id, f"m{meeting_id}-message": "会后继续商谈订单班"})
    pairing = db.session.scalar(db.select(Pairing))
    assert pairing.source == "event" and response.headers["Location"].endswith(f"/pairings/{pairing.id}")
    assert "会后继续商谈订单班" in school.get(f"/pairings/{pairing.id}").get_data(as_text=True)
    assert school.post(f"/pairings/{pairing.id}/accept").status_code == 302

    bureau.post(f"/events/manage/{event.id}/hold")
    report = bureau.get(f"/events/manage/{event.id}/report").get_data(as_text=True)
    for label, value in (("签到学校", 1), ("签到企业", 1), ("安排洽谈", 1), ("已洽谈", 1), ("继续洽谈意向", 1),
                         ("产生对接意向", 1), ("建立合作项目", 1), ("已签约及以后", 0)):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in report, label
    assert bureau.post(f"/events/manage/{event.id}/report").status_code == 302
    assert db.session.scalar(db.select(DockingEvent.status)) == "reported"
