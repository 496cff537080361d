"""Projects over the API: read, sign/start/terminate, follow-ups; same rules as the pages."""
from datetime import timedelta

import pytest

from matchmaking.core.timeutil import local_today

from .conftest import error_of


@pytest.fixture
def project_id(api, pair):
    enterprise, school = api.as_(pair.enterprise_user), api.as_(pair.school_user)
    pairing = enterprise.post("/pairings", json={"need_id": pair.need.id, "programme_id": pair.programme.id}).get_json()
    return school.post(f"/pairings/{pairing['id']}/accept").get_json()["project_id"]


def test_parties_list_and_read_their_project(school, enterprise, project_id, pair):
    for caller in (school, enterprise):
        items = caller.get("/projects").get_json()["items"]
        assert [p["id"] for p in items] == [project_id]
    project = school.get(f"/projects/{project_id}").get_json()
    assert project["status"] == "negotiating" and project["transitions"] == ["signed", "terminated"]
    assert project["school_id"] == pair.school.id and project["totals"] == {
        "students_placed": 0, "apprentices_enrolled": 0, "employees_trained": 0}
    assert school.get("/projects?status=signed").get_json()["items"] == []
    error_of(school.get("/projects?status=dreaming"), 400)


def test_others_see_404_and_the_bureau_sees_all(api, project_id, make):
    other = api.as_(make.user(make.school()))
    assert other.get("/projects").get_json()["items"] == []
    error_of(other.get(f"/projects/{project_id}"), 404)
    error_of(other.post(f"/projects/{project_id}/transition", json={"to": "terminated", "reason": "x"}), 404)
    error_of(other.post(f"/projects/{project_id}/follow-ups", json={"date": "2025-01-01", "content": "进展顺利"}), 404)
    officer = api.as_(make.user(make.bureau()))
    assert [p["id"] for p in officer.get("/projects").get_json()["items"]] == [project_id]
    assert officer.get(f"/projects/{project_id}").status_code == 200
    error_of(officer.post(f"/projects/{project_id}/transition", json={"to": "signed", "agreement_date": "2025-01-01"}), 403)


def test_sign_start_and_the_rules_on_the_way(school, enterprise, project_id):
    url = f"/projects/{project_id}/transition"
    assert error_of(school.post(url, json={"to": "signed"}), 422)["fields"] == {"agreement_date": "请填写签约日期。"}
    assert "agreement_date" in error_of(school.post(url, json={"to": "signed", "agreement_date": "31/12/2025"}), 422)["fields"]
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    assert error_of(school.post(url, json={"to": "signed", "agreement_date": tomorrow}), 422)["fields"] == {
        "agreement_date": "签约日期不能晚于今天。"}
    error_of(school.post(url, json={"to": "implementing"}), 409)
    signed = enterprise.post(url, json={"to": "signed", "agreement_date": "2025-03-01"}).get_json()
    assert signed["status"] == "signed" and signed["agreement_date"] == "2025-03-01"
    error_of(school.post(url, json={"to": "signed", "agreement_date": "2025-03-01"}), 409)
    assert school.post(url, json={"to": "implementing"}).get_json()["status"] == "implementing"
    error_of(school.post(url, json={"to": "completed"}), 422)
    error_of(school.post(url, json={}), 422)
    error_of(school.post(url, json={"to": 3}), 400)


def test_terminate_needs_a_reason_and_ends_the_project(school, project_id):
    url = f"/projects/{project_id}/transition"
    assert "reason" in error_of(school.post(url, json={"to": "terminated"}), 422)["fields"]
    error_of(school.post(url, json={"to": "terminated", "reason": "长" * 501}), 422)
    ended = school.post(url, json={"to": "terminated", "reason": "企业产线调整"}).get_json()
    assert ended["status"] == "terminated" and ended["termination_reason"] == "企业产线调整" and ended["closed_at"]
    error_of(school.post(f"/projects/{project_id}/follow-ups", json={"date": "2025-01-01", "content": "终止后的记录"}), 409)


def test_follow_ups_add_up(school, enterprise, project_id):
    url = f"/projects/{project_id}/follow-ups"
    first = school.post(url, json={"date": "2025-04-01", "content": "首批学生进厂实习", "students_placed": 12})
    assert first.status_code == 201 and first.get_json()["students_placed"] == 12
    enterprise.post(url, json={"date": "2025-05-01", "content": "学徒制班开班", "apprentices_enrolled": 8,
                               "rd_results": "实用新型专利 1 项"})
    project = school.get(f"/projects/{project_id}").get_json()
    assert project["totals"] == {"students_placed": 12, "apprentices_enrolled": 8, "employees_trained": 0}
    assert [f["date"] for f in project["follow_ups"]] == ["2025-05-01", "2025-04-01"]


@pytest.mark.parametrize("body, status, field", [
    ({"content": "缺少日期"}, 422, "date"),
    ({"date": "2025-01-01", "content": "短"}, 422, "content"),
    ({"date": "2025-01-01", "content": "人数为负", "students_placed": -1}, 422, "students_placed"),
    ({"date": "2999-01-01", "content": "未来的记录"}, 422, "date"),
    ({"date": "2025-01-01", "content": "人数类型错", "students_placed": "3"}, 400, "students_placed"),
])
def test_follow_up_validation(school, project_id, body, status, field):
    assert field in error_of(school.post(f"/projects/{project_id}/follow-ups", json=body), status)["fields"]
