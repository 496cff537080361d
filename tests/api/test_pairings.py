"""Pairings over the API: propose, answer, withdraw, list; other organisations see nothing."""
import threading

from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing
from matchmaking.projects.models import Project

from .conftest import error_of


def _propose(caller, pair, **extra):
    return caller.post("/pairings", json={"need_id": pair.need.id, "programme_id": pair.programme.id,
                                          "message": "希望共建学徒制班", **extra})


def test_propose_and_accept_creates_a_project(enterprise, school, pair):
    response = _propose(enterprise, pair, source="suggestion")
    assert response.status_code == 201
    proposed = response.get_json()
    assert proposed["status"] == "proposed" and proposed["direction"] == "outgoing" and proposed["source"] == "suggestion"
    assert proposed["responder_id"] == pair.school.id and proposed["project_id"] is None
    accepted = school.post(f"/pairings/{proposed['id']}/accept").get_json()
    assert accepted["status"] == "accepted" and accepted["direction"] == "incoming"
    project = db.session.get(Project, accepted["project_id"])
    assert project.pairing_id == proposed["id"] and project.school_id == pair.school.id


def test_a_second_open_proposal_for_the_same_pair_is_a_conflict(enterprise, school, pair):
    _propose(enterprise, pair)
    assert "已有进行中" in error_of(_propose(enterprise, pair), 409)["message"]
    error_of(_propose(school, pair), 409)


def test_proposal_validation(enterprise, pair, make):
    error = error_of(enterprise.post("/pairings", json={"message": "缺少编号"}), 422)
    assert set(error["fields"]) == {"need_id", "programme_id"}
    error_of(enterprise.post("/pairings", json={"need_id": "1", "programme_id": pair.programme.id}), 400)
    error_of(enterprise.post("/pairings", json={"need_id": 0, "programme_id": pair.programme.id}), 400)
    assert error_of(_propose(enterprise, pair, message="长" * 1001), 422)["fields"] == {"message": "留言不能超过 1000 个字符。"}
    error_of(_propose(enterprise, pair, source="crawler"), 422)


def test_proposing_with_someone_elses_item_or_a_hidden_one_is_404(api, pair, make):
    other = api.as_(make.user(make.enterprise()))
    error_of(_propose(other, pair), 404)  # the need is not theirs
    draft = make.programme(pair.school, status="draft")
    enterprise = api.as_(pair.enterprise_user)
    error_of(enterprise.post("/pairings", json={"need_id": pair.need.id, "programme_id": draft.id}), 404)
    error_of(enterprise.post("/pairings", json={"need_id": pair.need.id, "programme_id": 999999}), 404)


def test_the_bureau_cannot_propose_or_list(api, pair, make):
    officer = api.as_(make.user(make.bureau()))
    error_of(_propose(officer, pair), 403)
    error_of(officer.get("/pairings"), 403)


def test_only_the_invited_side_answers_and_only_the_proposer_withdraws(enterprise, school, pair):
    pairing_id = _propose(enterprise, pair).get_json()["id"]
    error_of(enterprise.post(f"/pairings/{pairing_id}/accept"), 403)
    error_of(enterprise.post(f"/pairings/{pairing_id}/decline", json={"reason": "不合适"}), 403)
    error_of(school.post(f"/pairings/{pairing_id}/withdraw"), 403)
    assert enterprise.post(f"/pairings/{pairing_id}/withdraw").get_json()["status"] == "withdrawn"
    assert "已被处理" in error_of(school.post(f"/pairings/{pairing_id}/accept"), 409)["message"]


def test_decline_needs_a_reason(enterprise, school, pair):
    pairing_id = _propose(enterprise, pair).get_json()["id"]
    assert error_of(school.post(f"/pairings/{pairing_id}/decline"), 422)["fields"] == {"reason": "请填写婉拒原因。"}
    error_of(school.post(f"/pairings/{pairing_id}/decline", json={"reason": 5}), 400)
    declined = school.post(f"/pairings/{pairing_id}/decline", json={"reason": "本学期名额已满"}).get_json()
    assert declined["status"] == "declined" and declined["decline_reason"] == "本学期名额已满"
    error_of(_propose(enterprise, pair), 409)  # the cooling-off period after a refusal


def test_another_organisation_sees_404(api, enterprise, pair, make):
    pairing_id = _propose(enterprise, pair).get_json()["id"]
    other = api.as_(make.user(make.school()))
    for method, path in (("GET", ""), ("POST", "/accept"), ("POST", "/decline"), ("POST", "/withdraw")):
        error_of(other.request(method, f"/pairings/{pairing_id}{path}", json={"reason": "x"}), 404)


def test_list_by_direction_and_status(enterprise, school, pair, make):
    first = _propose(enterprise, pair).get_json()["id"]
    other_need = make.need(pair.enterprise)
    second = school.post("/pairings", json={"need_id": other_need.id, "programme_id": pair.programme.id}).get_json()["id"]
    assert [p["id"] for p in school.get("/pairings?direction=incoming").get_json()["items"]] == [first]
    assert [p["id"] for p in school.get("/pairings?direction=outgoing").get_json()["items"]] == [second]
    assert {p["id"] for p in school.get("/pairings").get_json()["items"]} == {first, second}
    assert school.get("/pairings?status=accepted").get_json()["items"] == []
    error_of(school.get("/pairings?direction=sideways"), 400)
    assert school.get(f"/pairings/{first}").get_json()["direction"] == "incoming"


def test_concurrent_accepts_create_exactly_one_project(api, enterprise, pair, make):
    pairing_id = _propose(enterprise, pair).get_json()["id"]
    callers = [api.as_(pair.school_user), api.as_(make.user(pair.school)), api.as_(pair.school_user),
               api.as_(make.user(pair.school))]
    barrier = threading.Barrier(len(callers))
    results = []

    def accept(caller):
        barrier.wait()
        response = caller.post(f"/pairings/{pairing_id}/accept")
        results.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=accept, args=(c,)) for c in callers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    codes = sorted(code for code, _ in results)
    assert codes == [200, 409, 409, 409], results
    assert db.session.scalar(db.select(db.func.count(Project.id))) == 1
    assert db.session.get(Pairing, pairing_id).status == "accepted"
