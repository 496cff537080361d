"""Demo docking events told through the real services: a past event that was held (registrants,
a schedule, check-ins, outcomes and a pairing that became a signed project) and an upcoming one
open for registration, so the event pages and the report have something to show."""
from datetime import datetime, time, timedelta

from sqlalchemy import func, select

from ..events import onsite, scheduling, services, wishes
from ..events.models import DockingEvent
from ..events.services import local_today
from ..extensions import db
from ..needs.models import Need
from ..organisations.models import Organisation
from ..pairings import services as pairings
from ..pairings.models import Pairing
from ..programmes.models import Programme
from ..projects import services as projects
from .cooperation import DEMO_ENTERPRISE, DEMO_SCHOOL, _contact_user

PAST_DAYS_AGO = 30


def _event_data(title, description, clusters, day, opens, closes, **extra):
    data = {
        "title": title, "description": description, "cluster_codes": clusters, "venue": "宜宾市人力资源市场三楼洽谈大厅",
        "date": day, "start_time": time(9, 0), "end_time": time(12, 0), "meeting_minutes": 20,
        "breaks": [["10:20", "10:40"]], "tables": 6, "registration_opens": opens, "registration_closes": closes,
        "capacity_per_side": 20,
    }
    data.update(extra)
    return data


def _organisations(kind, cluster, exclude, limit):
    model = Programme if kind == "school" else Need
    ids = select(model.organisation_id).where(model.cluster_code == cluster, model.status == "published")
    return list(db.session.scalars(select(Organisation).where(
        Organisation.kind == kind, Organisation.status == "verified", Organisation.id.in_(ids),
        Organisation.name.not_in(exclude)).order_by(Organisation.id).limit(limit)))


def _unpaired_items(enterprise, school):
    """The first published need × programme of the two with no pairing yet."""
    needs = db.session.scalars(select(Need).where(Need.organisation_id == enterprise.id, Need.status == "published").order_by(Need.id))
    programmes = list(db.session.scalars(select(Programme).where(
        Programme.organisation_id == school.id, Programme.status == "published").order_by(Programme.id)))
    for need in needs:
        for programme in programmes:
            if not db.session.scalar(select(Pairing.id).where(Pairing.need_id == need.id, Pairing.programme_id == programme.id)):
                return need, programme
    return None, None


def _seed_past(bureau_user, password):
    today = local_today()
    event = services.create_event(_event_data(
        "2026年秋季动力电池产业校企对接会", "围绕动力电池制造、检测与设备运维岗位，学校与企业一对一洽谈订单班、学徒制与实习合作。",
        ["power_battery", "smart_terminal"], today, today, today), by=bureau_user)
    services.transition(event, "open", by=bureau_user)
    school = db.session.scalar(select(Organisation).where(Organisation.name == DEMO_SCHOOL))
    enterprise = db.session.scalar(select(Organisation).where(Organisation.name == DEMO_ENTERPRISE))
    schools = [school] + _organisations("school", "power_battery", [DEMO_SCHOOL], 3)
    enterprises = [enterprise] + _organisations("enterprise", "power_battery", [DEMO_ENTERPRISE], 4)
    users = {}
    for organisation in schools + enterprises:
        users[organisation.id] = _contact_user(organisation, password)
        registration = services.register(event, attendees=f"{organisation.contact_name or '联系人'}（负责人）",
                                         unavailable=[], by=users[organisation.id])
        services.approve(registration, by=bureau_user)
    # The demo pair asked for each other; every other school asked for two enterprises, which accepted.
    wishes.request_meeting(event, enterprise.id, priority="must", by=users[school.id])
    wishes.request_meeting(event, school.id, priority="must", by=users[enterprise.id])
    for index, other_school in enumerate(schools[1:]):
        for other in (enterprises[(index + 1) % len(enterprises)], enterprises[(index + 2) % len(enterprises)]):
            request = wishes.request_meeting(event, other.id, priority="want", by=users[other_school.id])
            wishes.respond(request, True, by=users[other.id])
    if len(enterprises) > 1:
        wishes.bureau_add(event, school.id, enterprises[1].id, by=bureau_user)
    services.transition(event, "close", by=bureau_user)
    scheduling.run(event, by=bureau_user)
    for registration in event.registrations[:-1]:  # one registrant never came
        onsite.check_in(registration, by=bureau_user)
    absent = event.registrations[-1].organisation_id
    for meeting in event.meetings:
        onsite.mark(meeting, "no_show" if absent in (meeting.school_id, meeting.enterprise_id) else "held", by=bureau_user)
    for meeting in event.meetings:
        if meeting.status != "held":
            continue
        if {meeting.school_id, meeting.enterprise_id} == {school.id, enterprise.id}:
            need, programme = _unpaired_items(enterprise, school)
            if need is not None:
                pairing = onsite.record_outcome(meeting, "continue", own_item_id=need.id, counterpart_item_id=programme.id,
                                                message="对接会上初步商定共建电池检测方向订单班。", by=users[enterprise.id])
                project = pairings.accept(pairing, by=users[school.id])
                projects.transition(project, "sign", by=users[school.id], agreement_date=today - timedelta(days=PAST_DAYS_AGO - 12))
                # The school answered by accepting the pairing; its intention is the same.
                meeting.school_outcome = "continue"
        else:
            onsite.record_outcome(meeting, "no_interest", by=users[meeting.school_id])
    services.transition(event, "hold", by=bureau_user)
    db.session.flush()
    _move_back(event, PAST_DAYS_AGO)
    return event


def _move_back(event, days):
    """Move the event into the past, keeping its wall-clock times."""
    shift = timedelta(days=days)
    event.date -= shift
    event.registration_opens -= shift + timedelta(days=20)
    event.registration_closes -= shift + timedelta(days=5)
    for meeting in event.meetings:
        meeting.starts_at = datetime.combine(event.date, meeting.starts_at.time())
        meeting.ends_at = datetime.combine(event.date, meeting.ends_at.time())
        if meeting.pairing is not None:
            meeting.pairing.created_at -= shift
            meeting.pairing.responded_at = meeting.pairing.created_at + timedelta(days=2)
    for registration in event.registrations:
        registration.created_at -= shift + timedelta(days=10)
        if registration.checked_in_at:
            registration.checked_in_at -= shift


def _seed_upcoming(bureau_user, password):
    today = local_today()
    event = services.create_event(_event_data(
        "2026年冬季智能终端与数字经济校企对接会", "面向智能终端制造、软件与数据服务岗位，欢迎学校和企业报名，人社局将根据双方意向自动安排一对一洽谈。",
        ["smart_terminal", "digital_economy"], today + timedelta(days=21), today - timedelta(days=2),
        today + timedelta(days=14), start_time=time(14, 0), end_time=time(17, 0), breaks=[["15:20", "15:40"]]),
        by=bureau_user)
    services.transition(event, "open", by=bureau_user)
    exclude = [DEMO_SCHOOL, DEMO_ENTERPRISE]
    registrants = _organisations("school", "smart_terminal", exclude, 1) + _organisations("enterprise", "smart_terminal", exclude, 2)
    for index, organisation in enumerate(registrants):
        registration = services.register(event, attendees=f"{organisation.contact_name or '联系人'}", unavailable=[],
                                         by=_contact_user(organisation, password))
        if index < 2:
            services.approve(registration, by=bureau_user)
    return event


def seed_events(password):
    """Create the two demo events once (nothing happens if any event exists)."""
    if db.session.scalar(select(func.count(DockingEvent.id))):
        return 0
    from ..organisations.services import bureau_organisation

    bureau = bureau_organisation()
    bureau_user = _contact_user(bureau, password)
    if db.session.scalar(select(Organisation.id).where(Organisation.name.in_([DEMO_SCHOOL, DEMO_ENTERPRISE]))) is None:
        return 0
    _seed_past(bureau_user, password)
    _seed_upcoming(bureau_user, password)
    db.session.flush()
    return 2
