"""产教融合型企业 certification over the API: apply, decide, read, and the public notice list,
through HTTP with bearer tokens; the same services as the pages (tests/certification)."""
import base64
import json
from datetime import timedelta

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from matchmaking.audit.models import AuditEntry
from matchmaking.certification import services
from matchmaking.certification.models import Certification
from matchmaking.core.timeutil import local_today
from matchmaking.extensions import db

from ..certification.conftest import PDF, PLAN, Chain, application_form
from .conftest import error_of


def evidence(data=PDF, name="合作协议.pdf"):
    return {"name": name, "content_base64": base64.b64encode(data).decode()}


def application(**changes):
    body = {"plan": PLAN, "pledge": True, "pledge_signed_by": "张伟", "evidence": [evidence()]}
    body.update(changes)
    return body


def _conforms(api, schema, body):
    """`body` is valid against the document's component `schema` (what the fuzzer checks with real objects)."""
    components = api.anonymous.get("/openapi.json").get_json()["components"]
    Draft202012Validator({"$ref": f"#/components/schemas/{schema}", "components": components}).validate(body)
    return body


def _refresh(certification_id):
    db.session.expire_all()
    return db.session.get(Certification, certification_id)


@pytest.fixture
def chain(make):
    """The review chain of tests/certification: districts, the two departments, the enterprise, bystanders."""
    return Chain(make)


@pytest.fixture
def callers(api, chain):
    """Tokens of everyone in the chain fixture, by the fixture's names."""
    names = ("bureau", "district", "other_district", "ndrc", "education", "finance", "applicant", "other_applicant",
             "school_user")
    return type("Callers", (), {name: api.as_(getattr(chain, name)) for name in names})


@pytest.fixture
def applied(callers):
    """The id of the enterprise's application, just submitted over the API."""
    response = callers.applicant.post("/certifications", json=application())
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _decide(caller, certification_id, decision="pass", **body):
    return caller.post(f"/certifications/{certification_id}/decisions", json={"decision": decision, **body})


def test_apply_then_the_district_and_both_departments_pass_it_into_the_notice(callers, chain, app):
    response = callers.applicant.post("/certifications", json=application())
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["enterprise"] == {"id": chain.enterprise.id, "name": chain.enterprise.name}
    assert (body["level"], body["status"], body["round"], body["pending_stages"]) == (
        "municipal", "district_review", 1, ["district"])
    assert body["status_label"] == "区县初审中" and body["submitted_at"].endswith("Z")
    assert body["files"] == [{"id": body["files"][0]["id"], "name": "合作协议.pdf", "size": len(PDF)}]
    assert body["decisions"] == [] and "objections" not in body  # the applicant never reads objections
    certification_id = body["id"]

    passed = _decide(callers.district, certification_id, comment="材料属实。")
    assert passed.status_code == 200, passed.get_json()
    body = passed.get_json()
    assert body["status"] == "department_review" and sorted(body["pending_stages"]) == ["education", "ndrc"]
    decision = body["decisions"][0]
    assert (decision["stage"], decision["decision"], decision["comment"], decision["corrections"]) == (
        "district", "pass", "材料属实。", [])
    assert decision["department"]["name"] == "宜宾市翠屏区人民政府" and decision["created_at"].endswith("Z")
    assert body["objections"] == []  # a reviewer may read them

    assert _decide(callers.education, certification_id).get_json()["pending_stages"] == ["ndrc"]
    body = _decide(callers.ndrc, certification_id).get_json()
    assert (body["status"], body["pending_stages"]) == ("notice", [])
    certification = _refresh(certification_id)
    assert body["notice_starts_on"] == certification.notice_starts_on.isoformat()
    assert body["notice_ends_on"] == certification.notice_ends_on.isoformat()
    assert [d["stage"] for d in body["decisions"]] == ["district", "education", "ndrc"]

    # The services did the writing: audit entries and the applicant's notifications, as through the pages.
    actions = [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("certification.pass") == 3 and "certification.apply" in actions
    assert "certification.notice" in actions


def test_who_reads_a_certification(api, callers, applied):
    for caller in (callers.applicant, callers.district, callers.ndrc, callers.education, callers.bureau):
        assert caller.get(f"/certifications/{applied}").get_json()["id"] == applied
    for caller in (callers.other_applicant, callers.other_district, callers.finance, callers.school_user):
        error_of(caller.get(f"/certifications/{applied}"), 404)
    error_of(callers.applicant.get(f"/certifications/{applied + 1000}"), 404)
    error_of(api.anonymous.get(f"/certifications/{applied}"), 401)


def test_only_the_reviewer_whose_turn_it_is_decides(api, callers, applied):
    for caller in (callers.finance, callers.other_district, callers.other_applicant, callers.school_user):
        error_of(_decide(caller, applied), 404)  # outside the chain: not theirs to see
    for caller in (callers.ndrc, callers.education):
        assert "现在不是贵单位审核的环节" in error_of(_decide(caller, applied), 403)["message"]
    for caller in (callers.applicant, callers.bureau):
        error_of(_decide(caller, applied), 403)
    error_of(api.anonymous.post(f"/certifications/{applied}/decisions", json={"decision": "pass"}), 401)
    assert _refresh(applied).decisions == []


def test_a_reviewer_acts_once_per_round(callers, applied):
    assert _decide(callers.district, applied).status_code == 200
    assert _decide(callers.education, applied).status_code == 200
    again = error_of(_decide(callers.education, applied, "refuse", comment="重复提交"), 403)
    assert "已对本轮申请作出决定" in again["message"]
    error_of(_decide(callers.district, applied), 403)  # its stage is over
    assert len(_refresh(applied).decisions) == 2


def test_a_return_lists_the_corrections_and_happens_once(api, callers, chain, applied, login_as):
    error = error_of(_decide(callers.district, applied, "return", comment="请补正。"), 422)
    assert list(error["fields"]) == ["corrections"] and "逐条列出" in error["message"]
    error = error_of(_decide(callers.district, applied, "refuse"), 422)
    assert list(error["fields"]) == ["comment"]

    returned = _decide(callers.district, applied, "return", corrections=["补充合作协议盖章件", "写明每年资金投入"])
    body = _conforms(api, "Certification", returned.get_json())
    assert body["status"] == "returned" and body["decisions"][0]["corrections"] == ["补充合作协议盖章件", "写明每年资金投入"]
    page = login_as(chain.applicant).post(f"/certification/{applied}/resubmit", data=application_form(),
                                          content_type="multipart/form-data")
    assert page.status_code == 302
    assert callers.applicant.get(f"/certifications/{applied}").get_json()["round"] == 2
    error = error_of(_decide(callers.district, applied, "return", corrections=["再补一次"]), 409)
    assert "不能再次退回" in error["message"]


def test_a_decision_body_is_checked_after_the_turn(callers, applied):
    error = error_of(callers.district.post(f"/certifications/{applied}/decisions", json={}), 422)
    assert error["fields"] == {"decision": "请选择审核意见。"}
    error_of(_decide(callers.district, applied, "approve"), 422)
    error_of(_decide(callers.district, applied, corrections="一行"), 400)
    error_of(_decide(callers.district, applied, comment="很" * 1001), 422)


def test_another_enterprise_cannot_see_or_act_on_an_application(callers, applied):
    error_of(callers.other_applicant.get(f"/certifications/{applied}"), 404)
    error_of(_decide(callers.other_applicant, applied), 404)


def test_who_may_apply(api, callers, make):
    error_of(api.anonymous.post("/certifications", json=application()), 401)
    for caller in (callers.school_user, callers.bureau, callers.ndrc, api.as_(make.user(make.enterprise(status="pending")))):
        error_of(caller.post("/certifications", json=application()), 403)
    assert db.session.scalars(select(Certification)).all() == []


def test_bad_base64_is_refused_on_the_evidence_field(callers):
    error = error_of(callers.applicant.post("/certifications", json=application(evidence=[
        evidence(), {"name": "第二份.pdf", "content_base64": "这不是base64!"}])), 422)
    assert list(error["fields"]) == ["evidence"] and "第二份.pdf" in error["fields"]["evidence"]
    error_of(callers.applicant.post("/certifications", json=application(evidence=[
        {"name": "a.pdf", "content_base64": "QUJD="}])), 422)  # bad padding
    # Line breaks (MIME-style Base64) are accepted.
    wrapped = base64.encodebytes(PDF).decode()
    assert "\n" in wrapped
    assert callers.applicant.post("/certifications", json=application(evidence=[
        {"name": "a.pdf", "content_base64": wrapped}])).status_code == 201


@pytest.mark.parametrize("changes, field", [
    ({"pledge": False}, "pledge"),
    ({"pledge_signed_by": "   "}, "pledge_signed_by"),
    ({"evidence": []}, "evidence"),
    ({"evidence": [evidence(b"not a pdf", "x.pdf")]}, "evidence"),
    ({"evidence": [evidence(name="x.exe")]}, "evidence"),
])
def test_the_services_refusals_are_422_on_their_field(callers, changes, field):
    error = error_of(callers.applicant.post("/certifications", json=application(**changes)), 422)
    assert list(error["fields"]) == [field]


def test_a_missing_pledge_is_refused(callers):
    body = application()
    del body["pledge"]
    error = error_of(callers.applicant.post("/certifications", json=body), 422)
    assert error["fields"] == {"pledge": "请阅读并签署信用承诺。"}


def test_the_plan_is_checked_by_the_pages_form(callers):
    error = error_of(callers.applicant.post("/certifications", json=application(plan="太短")), 422)
    assert error["fields"]["plan"] == "三年合作规划需为 100 到 5000 个字。"
    error_of(callers.applicant.post("/certifications", json=application(plan=12)), 400)
    error_of(callers.applicant.post("/certifications", json=application(extra=1)), 400)
    error_of(callers.applicant.post("/certifications", json=application(evidence=[{"name": "a.pdf"}])), 422)


def test_a_second_open_application_is_409(callers, applied):
    error = error_of(callers.applicant.post("/certifications", json=application()), 409)
    assert "办理中" in error["message"]


def test_evidence_beyond_the_api_body_limit_but_within_the_sites_is_accepted(app, callers):
    big = PDF + b"0" * (2 * 1024 * 1024)  # over the API's 1 MiB JSON limit once encoded, within the upload limit
    assert callers.applicant.post("/certifications", json=application(evidence=[evidence(big)])).status_code == 201
    too_big = b"0" * app.config["MAX_CONTENT_LENGTH"]
    error_of(callers.other_applicant.post("/certifications", json=application(evidence=[evidence(too_big)])), 413)


def test_the_notice_list_is_public_and_shows_no_objector(api, app, callers, chain, applied):
    for caller in (callers.district, callers.education, callers.ndrc):
        assert _decide(caller, applied).status_code == 200
    certification = _refresh(applied)
    assert api.anonymous.get("/notices").get_json()["items"] == []  # the notice starts on the next working day
    certification.notice_starts_on = local_today()
    db.session.commit()
    visitor = app.test_client()
    assert visitor.post(f"/notices/{applied}", data={
        "name": "李女士", "contact": "13900001111", "text": "该企业实习学生加班严重，请核实实习管理情况。"}).status_code == 302

    response = api.anonymous.get("/notices")
    assert response.status_code == 200
    body = _conforms(api, "NoticeList", response.get_json())
    assert body == {"items": [{
        "id": applied, "enterprise": chain.enterprise.name, "district": "翠屏区", "cluster": chain.enterprise.cluster_code,
        "notice_starts_on": local_today().isoformat(), "notice_ends_on": certification.notice_ends_on.isoformat(),
        "url": f"/notices/{applied}"}], "results": []}
    raw = json.dumps(body, ensure_ascii=False)
    assert "李女士" not in raw and "13900001111" not in raw and "加班" not in raw
    assert visitor.get(body["items"][0]["url"]).status_code == 200

    # The applicant reads no objection; its reviewers and the bureau do, with the contact.
    assert "objections" not in _conforms(api, "Certification", callers.applicant.get(f"/certifications/{applied}").get_json())
    for caller in (callers.district, callers.bureau):
        objection = _conforms(api, "Certification", caller.get(f"/certifications/{applied}").get_json())["objections"][0]
        assert (objection["name"], objection["contact"], objection["outcome"]) == ("李女士", "13900001111", None)

    # Once it takes effect it moves to the results, with its certificate number.
    objection = _refresh(applied).objections[0]
    assert _dismiss(app, chain, objection).status_code == 302
    with app.test_request_context("/"):
        assert services.conclude_notices(today=certification.notice_ends_on + timedelta(days=1)) == 1
        db.session.commit()
    certification = _refresh(applied)
    body = _conforms(api, "NoticeList", api.anonymous.get("/notices").get_json())
    assert body["items"] == [] and body["results"] == [{
        "enterprise": chain.enterprise.name, "certificate_no": certification.certificate_no,
        "effective_on": certification.effective_on.isoformat()}]


def _dismiss(app, chain, objection):
    """The district dismisses the objection through its page (the API does not answer objections)."""
    from ..conftest import PASSWORD

    client = app.test_client()
    assert client.post("/login", data={"email": chain.district.email, "password": PASSWORD}).status_code == 302
    return client.post(f"/certification/objections/{objection.id}/answer", data={
        f"objection-{objection.id}-outcome": "dismissed",
        f"objection-{objection.id}-answer": "经核查，企业已与学校签订三方协议，实习时长符合规定。"})


def test_the_four_operations_are_in_the_document(api):
    spec = api.anonymous.get("/openapi.json").get_json()
    paths, schemas = spec["paths"], spec["components"]["schemas"]
    apply = paths["/certifications"]["post"]
    assert set(apply["responses"]) == {"201", "400", "401", "403", "409", "413", "422"}
    assert apply["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CertificationInput"}
    assert schemas["CertificationInput"]["properties"]["plan"]["minLength"] == services.PLAN_MIN
    decide = paths["/certifications/{certification_id}/decisions"]["post"]
    assert set(decide["responses"]) == {"200", "400", "401", "403", "404", "409", "413", "422"}
    assert schemas["DecisionInput"]["properties"]["decision"]["enum"] == ["pass", "return", "refuse"]
    assert set(paths["/certifications/{certification_id}"]["get"]["responses"]) == {"200", "400", "401", "404"}
    notices = paths["/notices"]["get"]
    assert notices["security"] == [] and "401" not in notices["responses"]
    assert set(schemas["Notice"]["properties"]) == {"id", "enterprise", "district", "cluster", "notice_starts_on",
                                                    "notice_ends_on", "url"}
    assert "objections" in schemas["Certification"]["properties"]


def test_a_department_signs_in_to_the_api(callers, chain):
    me = callers.ndrc.get("/me").get_json()
    assert me["organisation"] == {"id": chain.ndrc.organisation_id, "name": "宜宾市发展和改革委员会", "kind": "department",
                                  "status": me["organisation"]["status"]}
