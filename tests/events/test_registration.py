"""Registration: verified schools and enterprises sign up in the window, within capacity, once;
the bureau approves or rejects with a reason and invites the most relevant organisations."""
from datetime import timedelta

import pytest

from matchmaking.events.models import Registration
from matchmaking.events.services import local_today
from matchmaking.extensions import db
from matchmaking.notifications.models import Notification

from .helpers import refreshed


def _register(client, event, attendees="王校长、李老师", unavailable=()):
    return client.post(f"/events/{event.id}/register", data={"attendees": attendees, "unavailable": list(unavailable)})


def _registrations():
    return db.session.scalars(db.select(Registration)).all()


def _kinds(user):
    return [n.kind for n in db.session.scalars(db.select(Notification).where(Notification.user_id == user.id))]


def test_school_registers_with_attendees_and_unavailable_slots(pair, login_as, ev):
    event = ev.event()
    school = login_as(pair.school_user)
    page = school.get(f"/events/{event.id}").get_data(as_text=True)
    assert "提交报名" in page and "09:30–10:00" in page
    response = _register(school, event, unavailable=[0, 5, 99])
    assert response.status_code == 302
    registration = _registrations()[0]
    assert registration.status == "pending" and registration.side == "school"
    assert registration.unavailable_slots == [0, 5] and len(registration.checkin_code) == 8
    assert "待审核" in school.get(f"/events/{event.id}").get_data(as_text=True)


def test_updating_a_registration_keeps_one_row(pair, login_as, ev):
    event = ev.event()
    school = login_as(pair.school_user)
    _register(school, event)
    _register(school, event, attendees="新的参会人", unavailable=[1])
    assert len(_registrations()) == 1 and _registrations()[0].attendees == "新的参会人"


def test_double_registration_is_refused_by_the_service_and_the_database(pair, ev):
    from matchmaking.core.errors import Conflict
    from matchmaking.events import services

    event = ev.event()
    services.register(event, attendees="甲", unavailable=[], by=pair.school_user)
    db.session.commit()
    with pytest.raises(Conflict, match="已报名"):
        services.register(event, attendees="乙", unavailable=[], by=pair.school_user)
    db.session.rollback()
    from sqlalchemy.exc import IntegrityError

    db.session.add(Registration(event=event, organisation=pair.school, side="school", checkin_code="X1"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize("fields", [
    {"registration_opens": 1},
    {"registration_closes": -1, "registration_opens": -3},
    {"status": "closed"},
])
def test_registration_outside_the_window_is_refused(pair, login_as, ev, fields):
    # Day offsets, turned into dates when the test runs (collection may happen before local midnight).
    event = ev.event(**{key: local_today() + timedelta(days=value) if isinstance(value, int) else value
                        for key, value in fields.items()})
    school = login_as(pair.school_user)
    assert "提交报名" not in school.get(f"/events/{event.id}").get_data(as_text=True)
    response = _register(school, event)
    assert response.status_code == 400 and "当前不在报名时间内" in response.get_data(as_text=True)
    assert _registrations() == []


def test_capacity_full_refuses_the_next_one_of_that_side(pair, make, login_as, ev):
    event = ev.event(capacity_per_side=1)
    ev.registration(event, make.school(), status="pending")
    response = _register(login_as(pair.school_user), event)
    assert response.status_code == 400 and "名额已满" in response.get_data(as_text=True)
    assert _register(login_as(pair.enterprise_user), event).status_code == 302


def test_empty_attendees_are_refused_and_the_input_kept(pair, login_as, ev):
    event = ev.event()
    response = login_as(pair.school_user).post(f"/events/{event.id}/register", data={"attendees": "", "unavailable": ["1"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "请填写参会人员" in page and 'checked id="unavailable-1"' in page


def test_unverified_organisations_and_the_bureau_cannot_register(make, officer, login_as, ev):
    event = ev.event()
    pending = make.user(make.school(status="pending"))
    assert _register(login_as(pending), event).status_code == 403
    assert _register(login_as(officer), event).status_code == 403
    assert _registrations() == []


def test_registering_for_a_draft_is_404(pair, login_as, ev):
    assert _register(login_as(pair.school_user), ev.event(status="draft")).status_code == 404


def test_bureau_approves_and_rejects_with_a_reason(pair, officer, login_as, ev):
    event = ev.event()
    school_reg = ev.registration(event, pair.school, status="pending")
    enterprise_reg = ev.registration(event, pair.enterprise, status="pending")
    bureau = login_as(officer)
    assert pair.school.name in bureau.get(f"/events/manage/{event.id}").get_data(as_text=True)
    bureau.post(f"/events/manage/{event.id}/registrations/{school_reg.id}/approve")
    assert refreshed(school_reg).status == "approved"
    assert "event_registration_approved" in _kinds(pair.school_user)
    empty = bureau.post(f"/events/manage/{event.id}/registrations/{enterprise_reg.id}/reject", data={"reason": ""},
                        follow_redirects=True)
    assert "请填写驳回原因" in empty.get_data(as_text=True) and refreshed(enterprise_reg).status == "pending"
    bureau.post(f"/events/manage/{event.id}/registrations/{enterprise_reg.id}/reject", data={"reason": "不属于本次集群"})
    assert refreshed(enterprise_reg).status == "rejected" and enterprise_reg.rejection_reason == "不属于本次集群"
    assert "event_registration_rejected" in _kinds(pair.enterprise_user)
    again = bureau.post(f"/events/manage/{event.id}/registrations/{school_reg.id}/approve", follow_redirects=True)
    assert "该报名已处理" in again.get_data(as_text=True)


def test_registration_of_another_event_is_404_for_the_bureau(pair, officer, login_as, ev):
    event, other = ev.event(), ev.event()
    registration = ev.registration(other, pair.school, status="pending")
    response = login_as(officer).post(f"/events/manage/{event.id}/registrations/{registration.id}/approve")
    assert response.status_code == 404 and refreshed(registration).status == "pending"


def test_withdraw_and_register_again(pair, login_as, ev):
    event = ev.event()
    school = login_as(pair.school_user)
    _register(school, event)
    school.post(f"/events/{event.id}/withdraw")
    assert _registrations()[0].status == "withdrawn"
    assert _register(school, event).status_code == 302 and _registrations()[0].status == "pending"


def test_bureau_sees_relevant_organisations_and_invites_them(pair, make, officer, login_as, ev):
    event = ev.event()
    other_cluster = make.enterprise(cluster_code="digital_economy")
    make.need(other_cluster, cluster_code="digital_economy")
    bureau = login_as(officer)
    page = bureau.get(f"/events/manage/{event.id}").get_data(as_text=True)
    assert pair.school.name in page and pair.enterprise.name in page and other_cluster.name not in page
    response = bureau.post(f"/events/manage/{event.id}/invite", data={"organisation_id": [pair.school.id, pair.enterprise.id]})
    assert response.status_code == 302
    assert _kinds(pair.school_user) == ["event_invited"] and _kinds(pair.enterprise_user) == ["event_invited"]
    link = db.session.scalar(db.select(Notification.link).where(Notification.user_id == pair.school_user.id))
    assert link == f"/events/{event.id}"


def test_a_rejected_organisation_is_told_why_when_it_tries_again(pair, login_as, ev):
    event = ev.event()
    ev.registration(event, pair.school, status="rejected", rejection_reason="不属于本次集群")
    response = _register(login_as(pair.school_user), event)
    assert response.status_code == 400 and "不属于本次集群" in response.get_data(as_text=True)
