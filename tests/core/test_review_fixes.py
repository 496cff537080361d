"""Journeys the request layer must keep working: registering again after withdrawing, proposing
again once an old proposal is past its deadline, and API reads that never write."""
from datetime import timedelta

from matchmaking.core.timeutil import utcnow
from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing


def _propose(client, pair, message="共建学徒制班"):
    return client.post(f"/pairings/new/programme/{pair.programme.id}",
                       data={"counterpart_id": pair.programme.id, "own_id": pair.need.id, "message": message})


def _overdue(pairing):
    pairing.expires_at = utcnow() - timedelta(hours=1)
    db.session.commit()


def test_an_overdue_proposal_does_not_block_a_new_one(pair, login_as):
    enterprise = login_as(pair.enterprise_user)
    _propose(enterprise, pair)
    first = db.session.scalar(db.select(Pairing))
    _overdue(first)
    response = _propose(enterprise, pair, "再次发起：共建订单班")
    assert response.status_code == 302 and "/pairings/" in response.headers["Location"]
    db.session.expire_all()
    statuses = sorted(p.status for p in db.session.scalars(db.select(Pairing)))
    assert statuses == ["expired", "proposed"]


def test_the_api_pairing_list_reads_an_overdue_proposal_as_expired_without_writing(pair, login_as, app):
    _propose(login_as(pair.enterprise_user), pair)
    pairing = db.session.scalar(db.select(Pairing))
    _overdue(pairing)
    client = app.test_client()
    token = client.post("/api/v1/auth/token", json={"email": pair.school_user.email,
                                                    "password": "Yibin#2026pass"}).get_json()["token"]
    body = client.get("/api/v1/pairings?status=expired", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert [item["id"] for item in body["items"]] == [pairing.id] and body["items"][0]["status"] == "expired"
    db.session.expire_all()
    assert db.session.get(Pairing, pairing.id).status == "proposed"


def test_a_withdrawn_organisation_is_offered_the_registration_form_again(make, login_as):
    from tests.events.conftest import EventFactory

    event = EventFactory(make).event(status="open")
    school = make.school()
    user = make.user(school)
    member = login_as(user)
    member.post(f"/events/{event.id}/register", data={"attendees": "张老师（招就处）"})
    member.post(f"/events/{event.id}/withdraw")
    html = member.get(f"/events/{event.id}").get_data(as_text=True)
    assert f'action="/events/{event.id}/register"' in html
