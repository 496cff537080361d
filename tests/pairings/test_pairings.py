"""Pairings through the pages: propose, accept, decline, withdraw, expire, and who may do what."""
import threading
from datetime import timedelta

import pytest

from matchmaking.core.timeutil import utcnow
from matchmaking.extensions import db
from matchmaking.notifications.models import Notification
from matchmaking.pairings.models import Pairing
from matchmaking.projects.models import Project


def _propose_from_enterprise(client, pair, message="希望共建学徒制班"):
    return client.post(f"/pairings/new/programme/{pair.programme.id}",
                       data={"counterpart_id": pair.programme.id, "own_id": pair.need.id, "message": message})


def _pairing():
    return db.session.scalar(db.select(Pairing))


def _notifications(user):
    return db.session.scalars(db.select(Notification).where(Notification.user_id == user.id)).all()


def test_enterprise_proposes_and_school_accepts_creating_one_project(pair, login_as):
    enterprise, school = login_as(pair.enterprise_user), login_as(pair.school_user)
    response = _propose_from_enterprise(enterprise, pair)
    assert response.status_code == 302
    pairing = _pairing()
    assert pairing.status == "proposed" and pairing.proposer_id == pair.enterprise.id and pairing.responder_id == pair.school.id
    assert [n.kind for n in _notifications(pair.school_user)] == ["pairing_proposed"]
    assert "待回复" in school.get("/pairings").get_data(as_text=True)

    response = school.post(f"/pairings/{pairing.id}/accept")
    assert response.status_code == 302 and "/projects/" in response.headers["Location"]
    db.session.refresh(pairing)
    assert pairing.status == "accepted"
    project = db.session.scalar(db.select(Project))
    assert project.pairing_id == pairing.id and project.status == "negotiating"
    assert project.type_code == "apprenticeship" and project.planned_apprentices == 30
    assert "pairing_accepted" in [n.kind for n in _notifications(pair.enterprise_user)]
    for c in (enterprise, school):
        assert project.title in c.get("/projects").get_data(as_text=True)


def test_school_proposes_from_a_need_page(pair, login_as):
    school = login_as(pair.school_user)
    page = school.get(f"/needs/{pair.need.id}").get_data(as_text=True)
    assert "发起对接" in page and pair.programme.title in page
    response = school.post(f"/pairings/new/need/{pair.need.id}", data={"counterpart_id": pair.need.id, "own_id": pair.programme.id})
    assert response.status_code == 302
    assert _pairing().proposer_id == pair.school.id


def test_duplicate_proposal_is_refused_with_a_message(pair, login_as):
    enterprise, school = login_as(pair.enterprise_user), login_as(pair.school_user)
    _propose_from_enterprise(enterprise, pair)
    again = _propose_from_enterprise(enterprise, pair)
    assert "已有进行中的对接意向" in again.get_data(as_text=True)
    # The other side proposing the same pair is refused too.
    reverse = school.post(f"/pairings/new/need/{pair.need.id}", data={"counterpart_id": pair.need.id, "own_id": pair.programme.id})
    assert "已有进行中的对接意向" in reverse.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Pairing.id))) == 1


def test_database_refuses_a_second_open_pairing(pair):
    from sqlalchemy.exc import IntegrityError

    for _ in range(2):
        db.session.add(Pairing(need_id=pair.need.id, programme_id=pair.programme.id, proposer_id=pair.enterprise.id,
                               responder_id=pair.school.id, expires_at=utcnow()))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_decline_needs_a_reason_and_blocks_reproposal_for_30_days(pair, login_as):
    enterprise, school = login_as(pair.enterprise_user), login_as(pair.school_user)
    _propose_from_enterprise(enterprise, pair)
    pairing = _pairing()
    no_reason = school.post(f"/pairings/{pairing.id}/decline", data={"reason": ""}, follow_redirects=True)
    assert "请填写婉拒原因" in no_reason.get_data(as_text=True)
    db.session.refresh(pairing)
    assert pairing.status == "proposed"
    school.post(f"/pairings/{pairing.id}/decline", data={"reason": "本学年名额已满"})
    db.session.refresh(pairing)
    assert pairing.status == "declined" and pairing.decline_reason == "本学年名额已满"
    assert "pairing_declined" in [n.kind for n in _notifications(pair.enterprise_user)]
    again = _propose_from_enterprise(enterprise, pair)
    assert "30 天内不能重复发起" in again.get_data(as_text=True)
    # After the cool-down it is allowed again.
    pairing.responded_at = utcnow() - timedelta(days=31)
    db.session.commit()
    assert _propose_from_enterprise(enterprise, pair).status_code == 302


def test_only_the_proposer_withdraws_and_only_the_other_side_answers(pair, login_as, make):
    enterprise, school = login_as(pair.enterprise_user), login_as(pair.school_user)
    _propose_from_enterprise(enterprise, pair)
    pairing = _pairing()
    for c, action in ((enterprise, "accept"), (enterprise, "decline"), (school, "withdraw")):
        c.post(f"/pairings/{pairing.id}/{action}", data={"reason": "x"})
        db.session.refresh(pairing)
        assert pairing.status == "proposed", action
    third = login_as(make.user(make.school()))
    for action in ("accept", "decline", "withdraw"):
        assert third.post(f"/pairings/{pairing.id}/{action}", data={"reason": "x"}).status_code == 404
    assert third.get(f"/pairings/{pairing.id}").status_code == 404
    enterprise.post(f"/pairings/{pairing.id}/withdraw")
    db.session.refresh(pairing)
    assert pairing.status == "withdrawn"
    # A withdrawn pairing can no longer be accepted.
    html = school.post(f"/pairings/{pairing.id}/accept", follow_redirects=True).get_data(as_text=True)
    assert "已被处理" in html
    assert db.session.scalar(db.select(db.func.count(Project.id))) == 0


def test_double_accept_creates_one_project(pair, login_as):
    enterprise, school = login_as(pair.enterprise_user), login_as(pair.school_user)
    _propose_from_enterprise(enterprise, pair)
    pairing = _pairing()
    school.post(f"/pairings/{pairing.id}/accept")
    second = school.post(f"/pairings/{pairing.id}/accept", follow_redirects=True)
    assert "已被处理" in second.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Project.id))) == 1


def test_concurrent_accepts_create_exactly_one_project(pair, login_as, make):
    enterprise = login_as(pair.enterprise_user)
    _propose_from_enterprise(enterprise, pair)
    pairing = _pairing()
    clients = [login_as(pair.school_user), login_as(make.user(pair.school)), login_as(pair.school_user), login_as(make.user(pair.school))]
    barrier = threading.Barrier(len(clients))
    results, url = [], f"/pairings/{pairing.id}/accept"

    def accept(c):
        barrier.wait()
        results.append(c.post(url).status_code)

    threads = [threading.Thread(target=accept, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == len(clients) and all(code == 302 for code in results)
    assert db.session.scalar(db.select(db.func.count(Project.id))) == 1
    db.session.refresh(pairing)
    assert pairing.status == "accepted"


def test_unanswered_pairing_expires(pair, login_as):
    enterprise, school = login_as(pair.enterprise_user), login_as(pair.school_user)
    _propose_from_enterprise(enterprise, pair)
    pairing = _pairing()
    pairing.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    html = school.post(f"/pairings/{pairing.id}/accept", follow_redirects=True).get_data(as_text=True)
    assert "已过期失效" in html
    db.session.refresh(pairing)
    assert pairing.status == "expired"
    assert db.session.scalar(db.select(db.func.count(Project.id))) == 0
    assert "pairing_expired" in [n.kind for n in _notifications(pair.enterprise_user)]


def test_expire_command(pair, login_as, runner):
    _propose_from_enterprise(login_as(pair.enterprise_user), pair)
    pairing = _pairing()
    pairing.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    result = runner.invoke(args=["expire-pairings"])
    assert "Expired 1" in result.output
    db.session.refresh(pairing)
    assert pairing.status == "expired"


def test_closing_a_need_ends_its_open_pairings(pair, login_as):
    enterprise = login_as(pair.enterprise_user)
    _propose_from_enterprise(enterprise, pair)
    enterprise.post(f"/needs/{pair.need.id}/close")
    pairing = _pairing()
    assert pairing.status == "expired"
    assert "pairing_expired" in [n.kind for n in _notifications(pair.school_user)]


@pytest.mark.parametrize("problem", ["own_draft", "foreign_own", "unpublished_target", "unverified"])
def test_proposals_that_break_the_rules_are_refused(pair, login_as, make, problem):
    user, own_id, target = pair.enterprise_user, pair.need.id, pair.programme
    if problem == "own_draft":
        own_id = make.need(pair.enterprise, status="draft").id
    elif problem == "foreign_own":
        own_id = make.need(make.enterprise()).id
    elif problem == "unpublished_target":
        target = make.programme(pair.school, status="draft")
    elif problem == "unverified":
        pending = make.enterprise(status="pending")
        user = make.user(pending)
        own_id = make.need(pending).id
    response = login_as(user).post(f"/pairings/new/programme/{target.id}", data={"counterpart_id": target.id, "own_id": own_id})
    assert response.status_code in (200, 403, 404)
    assert db.session.scalar(db.select(db.func.count(Pairing.id))) == 0


def test_same_kind_and_bureau_cannot_propose(pair, login_as, make):
    other_school = login_as(make.user(make.school()))
    assert other_school.get(f"/pairings/new/programme/{pair.programme.id}").status_code == 403
    bureau = login_as(make.user(make.bureau()))
    assert bureau.get(f"/pairings/new/need/{pair.need.id}").status_code == 403


def test_navigation_shows_incoming_count_and_bell(pair, login_as):
    _propose_from_enterprise(login_as(pair.enterprise_user), pair)
    school = login_as(pair.school_user)
    html = school.get("/workspace").get_data(as_text=True)
    assert 'title="待我回复">1</span>' in html
    notifications = school.get("/notifications").get_data(as_text=True)
    assert pair.enterprise.name in notifications and "发起了对接意向" in notifications
    note = _notifications(pair.school_user)[0]
    response = school.post(f"/notifications/{note.id}/open")
    assert response.headers["Location"].endswith(f"/pairings/{_pairing().id}")
    db.session.refresh(note)
    assert note.read_at is not None
    # Someone else's notification cannot be opened.
    assert login_as(pair.enterprise_user).post(f"/notifications/{note.id}/open").status_code == 404
