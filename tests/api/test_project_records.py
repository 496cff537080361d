"""Projects over the API, beyond the lifecycle: milestones, the closing summary and the
enterprise's confirmation, the agreement file, and paged lists of projects and pairings."""
import io
from datetime import timedelta

import pytest

from matchmaking.core.timeutil import local_today
from matchmaking.extensions import db
from matchmaking.projects.models import Milestone, Project

from .conftest import error_of

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
SUMMARY = "订单班首届 40 名学生全部完成顶岗实习，其中 32 人留任企业电芯制造岗位。"


@pytest.fixture
def project_id(pair, school, enterprise):
    pairing = enterprise.post("/pairings", json={"need_id": pair.need.id, "programme_id": pair.programme.id}).get_json()
    return school.post(f"/pairings/{pairing['id']}/accept").get_json()["project_id"]


def _implementing(school, project_id):
    url = f"/projects/{project_id}/transition"
    school.post(url, json={"to": "signed", "agreement_date": local_today().isoformat()})
    assert school.post(url, json={"to": "implementing"}).get_json()["status"] == "implementing"


# Milestones -----------------------------------------------------------------------------------------


def test_add_list_and_complete_milestones(school, enterprise, officer, project_id):
    url = f"/projects/{project_id}/milestones"
    later = school.post(url, json={"title": "第二批学徒入厂", "due_date": "2026-09-01"})
    assert later.status_code == 201
    first = enterprise.post(url, json={"title": "首批学徒入厂", "due_date": "2026-03-01"}).get_json()
    assert first["done_at"] is None and first["project_id"] == project_id
    assert [m["title"] for m in officer.get(url).get_json()["items"]] == ["首批学徒入厂", "第二批学徒入厂"]
    done = school.post(f"{url}/{first['id']}/done").get_json()
    assert done["done_at"] and done["id"] == first["id"]
    error_of(enterprise.post(f"{url}/{first['id']}/done"), 409)
    detail = school.get(f"/projects/{project_id}").get_json()
    assert [m["id"] for m in detail["milestones"]] == [first["id"], later.get_json()["id"]]


@pytest.mark.parametrize("body, status, field", [
    ({"due_date": "2026-03-01"}, 422, "title"),
    ({"title": "   ", "due_date": "2026-03-01"}, 422, "title"),
    ({"title": "长" * 201, "due_date": "2026-03-01"}, 422, "title"),
    ({"title": "入厂"}, 422, "due_date"),
    ({"title": "入厂", "due_date": "2026/03/01"}, 422, "due_date"),
    ({"title": "入厂", "due_date": 20260301}, 400, "due_date"),
    ({"title": ["入厂"], "due_date": "2026-03-01"}, 400, "title"),
    ({"title": "入厂", "due_date": "2026-03-01", "owner": "x"}, 400, "owner"),
])
def test_milestone_values_are_checked(school, project_id, body, status, field):
    assert field in error_of(school.post(f"/projects/{project_id}/milestones", json=body), status)["fields"]
    assert db.session.scalar(db.select(db.func.count(Milestone.id))) == 0


def test_milestone_refusals(api, school, officer, stranger, project_id):
    url = f"/projects/{project_id}/milestones"
    body = {"title": "首批学徒入厂", "due_date": "2026-03-01"}
    error_of(stranger.get(url), 404)
    error_of(stranger.post(url, json=body), 404)
    error_of(officer.post(url, json=body), 403)
    error_of(api.anonymous.get(url), 401)
    error_of(school.post(url, data=b"{", headers={"Content-Type": "application/json"}), 400)
    error_of(school.post(url, json={**body, "title": "长" * (1024 * 1024)}), 413)
    milestone = school.post(url, json=body).get_json()
    error_of(officer.post(f"{url}/{milestone['id']}/done"), 403)
    error_of(stranger.post(f"{url}/{milestone['id']}/done"), 404)
    error_of(school.post(f"{url}/999999/done"), 404)
    school.post(f"/projects/{project_id}/transition", json={"to": "terminated", "reason": "企业产线调整"})
    error_of(school.post(url, json=body), 409)


def test_a_milestone_of_another_project_is_404(school, enterprise, project_id, make, pair):
    other_need = make.need(pair.enterprise)
    pairing = enterprise.post("/pairings", json={"need_id": other_need.id, "programme_id": pair.programme.id}).get_json()
    other_id = school.post(f"/pairings/{pairing['id']}/accept").get_json()["project_id"]
    milestone = school.post(f"/projects/{other_id}/milestones", json={"title": "入厂", "due_date": "2026-03-01"}).get_json()
    error_of(school.post(f"/projects/{project_id}/milestones/{milestone['id']}/done"), 404)


# Summary and confirmation ----------------------------------------------------------------------------


def test_summary_then_confirmation_completes_the_project(school, enterprise, project_id):
    error_of(enterprise.post(f"/projects/{project_id}/confirm"), 409)  # not implementing yet
    error_of(school.post(f"/projects/{project_id}/summary", json={"summary": SUMMARY}), 409)
    _implementing(school, project_id)
    assert "学校" in error_of(enterprise.post(f"/projects/{project_id}/confirm"), 409)["message"]  # no summary yet
    error_of(enterprise.post(f"/projects/{project_id}/summary", json={"summary": SUMMARY}), 403)
    body = school.post(f"/projects/{project_id}/summary", json={"summary": SUMMARY}).get_json()
    assert body["school_summary"] == SUMMARY and body["status"] == "implementing"
    error_of(school.post(f"/projects/{project_id}/confirm"), 403)
    done = enterprise.post(f"/projects/{project_id}/confirm").get_json()
    assert done["status"] == "completed" and done["enterprise_confirmed_at"] and done["closed_at"]
    error_of(enterprise.post(f"/projects/{project_id}/confirm"), 409)


@pytest.mark.parametrize("body, status", [({}, 422), ({"summary": "太短了"}, 422), ({"summary": "长" * 5001}, 422),
                                          ({"summary": 20}, 400), ({"text": SUMMARY}, 400)])
def test_summary_values_are_checked(school, project_id, body, status):
    _implementing(school, project_id)
    error_of(school.post(f"/projects/{project_id}/summary", json=body), status)
    assert db.session.scalar(db.select(Project.school_summary)) == ""


def test_others_cannot_summarise_or_confirm(officer, stranger, project_id):
    error_of(stranger.post(f"/projects/{project_id}/summary", json={"summary": SUMMARY}), 404)
    error_of(stranger.post(f"/projects/{project_id}/confirm"), 404)
    error_of(officer.post(f"/projects/{project_id}/summary", json={"summary": SUMMARY}), 403)
    error_of(officer.post(f"/projects/{project_id}/confirm"), 403)


# Agreement file ------------------------------------------------------------------------------------


def _upload(caller, project_id, content=PDF, filename="合作协议.pdf", field="agreement_file"):
    return caller.post(f"/projects/{project_id}/agreement", json=None,
                       data={field: (io.BytesIO(content), filename)}, content_type="multipart/form-data")


def test_upload_and_download_by_parties_and_bureau(api, school, enterprise, officer, stranger, project_id):
    error_of(school.get(f"/projects/{project_id}/agreement"), 404)
    response = _upload(enterprise, project_id)
    assert response.status_code == 200
    assert response.get_json()["agreement"] == {"name": "合作协议.pdf", "mime": "application/pdf"}
    for caller in (school, enterprise, officer):
        download = caller.get(f"/projects/{project_id}/agreement")
        assert download.status_code == 200 and download.data == PDF and download.mimetype == "application/pdf"
        assert "attachment" in download.headers["Content-Disposition"]
    error_of(stranger.get(f"/projects/{project_id}/agreement"), 404)
    error_of(api.anonymous.get(f"/projects/{project_id}/agreement"), 401)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    assert _upload(school, project_id, png, "scan.png").get_json()["agreement"]["mime"] == "image/png"
    assert school.get(f"/projects/{project_id}/agreement").data == png


@pytest.mark.parametrize("content, filename, message", [
    (PDF, "协议.docx", "PDF"),
    (b"MZ\x90\x00 not a pdf", "协议.pdf", "不符"),
    (b"", "协议.pdf", "空"),
])
def test_upload_content_is_checked_by_the_service(school, project_id, content, filename, message):
    error = error_of(_upload(school, project_id, content, filename), 422)
    assert message in error["fields"]["agreement_file"]
    assert db.session.scalar(db.select(Project.agreement_path)) is None


def test_upload_without_a_file_answers_422(school, project_id):
    assert "agreement_file" in error_of(_upload(school, project_id, field="file"), 422)["fields"]
    assert "agreement_file" in error_of(school.post(f"/projects/{project_id}/agreement", json={}), 422)["fields"]


def test_upload_size_limits(app, school, project_id):
    app.config["AGREEMENT_MAX_BYTES"] = 1024
    big = PDF + b"0" * 2048
    assert "MB" in error_of(_upload(school, project_id, big), 422)["fields"]["agreement_file"]
    app.config["MAX_CONTENT_LENGTH"] = 1024
    error_of(_upload(school, project_id, big), 413)
    app.config["MAX_CONTENT_LENGTH"] = 4096
    app.config["API_MAX_BODY_BYTES"] = 100  # the JSON limit does not apply to the upload
    app.config["AGREEMENT_MAX_BYTES"] = 4096
    assert _upload(school, project_id, big).status_code == 200


def test_upload_refusals(officer, stranger, project_id, api):
    error_of(_upload(stranger, project_id), 404)
    error_of(_upload(officer, project_id), 403)
    error_of(_upload(api.anonymous, project_id), 401)


# Paged lists ------------------------------------------------------------------------------------------


def _projects(make, pair, enterprise, school, count):
    ids = []
    for _ in range(count):
        need = make.need(pair.enterprise)
        pairing = enterprise.post("/pairings", json={"need_id": need.id, "programme_id": pair.programme.id}).get_json()
        ids.append(school.post(f"/pairings/{pairing['id']}/accept").get_json()["project_id"])
    return ids


def test_projects_are_paged(make, pair, enterprise, school, officer, stranger):
    ids = _projects(make, pair, enterprise, school, 3)
    first = school.get("/projects?per_page=2").get_json()
    assert (first["page"], first["per_page"], first["total"]) == (1, 2, 3)
    second = school.get("/projects?per_page=2&page=2").get_json()
    assert [p["id"] for p in first["items"] + second["items"]] == sorted(ids, reverse=True)
    assert officer.get("/projects?per_page=100").get_json()["total"] == 3
    assert stranger.get("/projects").get_json() == {"items": [], "page": 1, "per_page": 20, "total": 0}
    assert school.get("/projects?status=signed").get_json()["total"] == 0
    for query in ("per_page=101", "page=0", "per_page=x"):
        error_of(school.get("/projects?" + query), 400)


def test_pairings_are_paged(make, pair, enterprise, school):
    needs = [make.need(pair.enterprise) for _ in range(3)]
    ids = [enterprise.post("/pairings", json={"need_id": n.id, "programme_id": pair.programme.id}).get_json()["id"]
           for n in needs]
    page = school.get("/pairings?per_page=2&page=2").get_json()
    assert page["total"] == 3 and [p["id"] for p in page["items"]] == [ids[0]]
    assert school.get("/pairings?direction=outgoing").get_json()["total"] == 0
    assert enterprise.get("/pairings?direction=outgoing&per_page=1").get_json()["total"] == 3
    error_of(school.get("/pairings?per_page=500"), 400)


def test_a_past_milestone_due_date_is_accepted_like_on_the_page(school, project_id):
    yesterday = (local_today() - timedelta(days=1)).isoformat()
    assert school.post(f"/projects/{project_id}/milestones", json={"title": "已过期", "due_date": yesterday}).status_code == 201
