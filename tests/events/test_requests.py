"""Meeting requests: approved participants see the other side ranked by suggestion score with
reasons, ask to meet with a priority, the other side answers; the bureau adds meetings."""
from matchmaking.events.models import MeetingRequest
from matchmaking.extensions import db
from matchmaking.notifications.models import Notification
from matchmaking.recommendations.models import Recommendation

from .helpers import refreshed


def _requests():
    return db.session.scalars(db.select(MeetingRequest).order_by(MeetingRequest.id)).all()


def _ask(client, event, target, priority="must"):
    return client.post(f"/events/{event.id}/requests", data={"target_id": target.id, "priority": priority, "message": "期待交流"})


def _setup(pair, make, ev):
    event = ev.event()
    ev.registration(event, pair.school)
    ev.registration(event, pair.enterprise)
    weak = make.enterprise(name="宜宾弱匹配企业")
    weak_need = make.need(weak)
    ev.registration(event, weak)
    db.session.add_all([
        Recommendation(need_id=pair.need.id, programme_id=pair.programme.id, score=0.82,
                       reasons=[["same_cluster", []], ["shared_terms", ["电芯装配"]]]),
        Recommendation(need_id=weak_need.id, programme_id=pair.programme.id, score=0.31, reasons=[]),
    ])
    db.session.commit()
    return event, weak


def test_counterparts_are_ranked_by_best_score_with_reasons(pair, make, login_as, ev):
    event, weak = _setup(pair, make, ev)
    page = login_as(pair.school_user).get(f"/events/{event.id}/requests").get_data(as_text=True)
    assert page.index(pair.enterprise.name) < page.index(weak.name)
    assert "匹配度 82%" in page and "电芯装配" in page


def test_request_accept_and_notifications(pair, make, login_as, ev):
    event, _ = _setup(pair, make, ev)
    school, enterprise = login_as(pair.school_user), login_as(pair.enterprise_user)
    assert _ask(school, event, pair.enterprise).status_code == 302
    request = _requests()[0]
    assert (request.requested_by, request.priority, request.status) == ("school", "must", "pending")
    kinds = [n.kind for n in db.session.scalars(db.select(Notification).where(Notification.user_id == pair.enterprise_user.id))]
    assert kinds == ["event_meeting_requested"]
    assert "期待交流" in enterprise.get(f"/events/{event.id}/requests").get_data(as_text=True)
    # The asker cannot answer its own request.
    assert school.post(f"/events/{event.id}/requests/{request.id}/accept").status_code == 404
    enterprise.post(f"/events/{event.id}/requests/{request.id}/accept")
    assert refreshed(request).status == "accepted"
    again = enterprise.post(f"/events/{event.id}/requests/{request.id}/decline", follow_redirects=True)
    assert "该洽谈请求已处理" in again.get_data(as_text=True)


def test_double_request_is_refused(pair, make, login_as, ev):
    event, _ = _setup(pair, make, ev)
    school = login_as(pair.school_user)
    _ask(school, event, pair.enterprise)
    response = _ask(school, event, pair.enterprise, priority="nice")
    assert "已经提出过该洽谈请求" in school.get(response.headers["Location"]).get_data(as_text=True)
    assert len(_requests()) == 1
    # The other side asking too is allowed: that makes the meeting mutual.
    assert _ask(login_as(pair.enterprise_user), event, pair.school).status_code == 302
    assert len(_requests()) == 2


def test_same_side_and_unregistered_targets_are_refused(pair, make, login_as, ev):
    event, _ = _setup(pair, make, ev)
    other_school = make.school()
    ev.registration(event, other_school)
    outsider = make.enterprise()
    school = login_as(pair.school_user)
    school.get(_ask(school, event, other_school).headers["Location"])
    assert _ask(school, event, outsider).status_code == 404
    assert _requests() == []


def test_only_approved_participants_use_requests(pair, make, login_as, ev):
    event = ev.event()
    ev.registration(event, pair.school, status="pending")
    school = login_as(pair.school_user)
    assert school.get(f"/events/{event.id}/requests").status_code == 403
    assert _ask(school, event, pair.enterprise).status_code == 403
    assert login_as(pair.enterprise_user).get(f"/events/{event.id}/requests").status_code == 403


def test_a_request_of_another_event_is_404(pair, make, login_as, ev):
    event, _ = _setup(pair, make, ev)
    other = ev.event()
    ev.registration(other, pair.school)
    ev.registration(other, pair.enterprise)
    _ask(login_as(pair.school_user), other, pair.enterprise)
    request = _requests()[0]
    assert login_as(pair.enterprise_user).post(f"/events/{event.id}/requests/{request.id}/accept").status_code == 404


def test_bureau_adds_a_meeting_it_wants(pair, make, officer, login_as, ev):
    event, weak = _setup(pair, make, ev)
    bureau = login_as(officer)
    response = bureau.post(f"/events/manage/{event.id}/meetings", data={"school_id": pair.school.id, "enterprise_id": weak.id})
    assert response.status_code == 302
    request = _requests()[0]
    assert (request.requested_by, request.priority, request.status) == ("bureau", "bureau", "accepted")
    again = bureau.post(f"/events/manage/{event.id}/meetings", data={"school_id": pair.school.id, "enterprise_id": weak.id},
                        follow_redirects=True)
    assert "已经提出过该洽谈请求" in again.get_data(as_text=True) and len(_requests()) == 1
    assert login_as(pair.school_user).post(f"/events/manage/{event.id}/meetings",
                                           data={"school_id": pair.school.id, "enterprise_id": weak.id}).status_code == 403


def test_no_requests_after_the_event(pair, make, login_as, ev):
    event, _ = _setup(pair, make, ev)
    event.status = "held"
    db.session.commit()
    school = login_as(pair.school_user)
    assert "当前不能预约洽谈" in school.get(_ask(school, event, pair.enterprise).headers["Location"]).get_data(as_text=True)
