"""The bureau's full recommendation refresh as a background job."""
import pytest
from sqlalchemy import delete, select

from matchmaking.audit.models import AuditEntry
from matchmaking.extensions import db
from matchmaking.jobs import services
from matchmaking.jobs.models import Job
from matchmaking.jobs.queue import start_embedded
from matchmaking.recommendations.models import Recommendation
from matchmaking.recommendations.services import refresh_all

from .conftest import queue_config, wait_for

BATTERY = "面向宜宾动力电池产业链培养电芯制造、极片涂布、辊压分切、化成分容岗位的技术技能人才，校内建有锂电中试线。"
BAIJIU = "培养浓香型白酒酿造、固态发酵、窖池管理、勾调品评岗位人才，校内建有酿酒实训车间和品评室。"


@pytest.fixture
def catalogue(make):
    school, other_school, enterprise = make.school(), make.school(), make.enterprise()
    make.programme(school, title="锂电池制造技术订单班", description=BATTERY, skills=["电芯装配", "极片涂布"])
    make.programme(other_school, title="酿酒技术", cluster_code="baijiu", description=BAIJIU, skills=["固态发酵"])
    make.need(enterprise, title="电芯制造操作工", description=BATTERY, skills=["极片涂布", "化成分容"])
    make.need(enterprise, title="白酒酿造学徒", cluster_code="baijiu", description=BAIJIU, skills=["固态发酵"])


def _stored():
    db.session.expire_all()
    return sorted((r.need_id, r.programme_id, r.score, r.in_need_top, r.in_programme_top)
                  for r in db.session.scalars(select(Recommendation)))


def _clear():
    db.session.execute(delete(Recommendation))
    db.session.commit()


def test_refresh_job_stores_the_same_suggestions_as_the_synchronous_path(catalogue, bureau_user, login_as):
    refresh_all()
    db.session.commit()
    expected = _stored()
    assert expected
    _clear()
    officer = login_as(bureau_user)
    response = officer.post("/bureau/recommendations/refresh")
    job = db.session.scalar(select(Job))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/jobs/{job.id}")
    assert job.status == "done" and job.result == {"count": len(expected)}
    assert _stored() == expected
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "recommendations.refresh"))
    assert entry.user_id == bureau_user.id and entry.object_type == "jobs" and entry.object_id == str(job.id)
    html = officer.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert f"共保存 {len(expected)} 组推荐对接" in html


def test_refresh_reports_its_steps_in_order(catalogue, app):
    calls = []
    refresh_all(progress=lambda done, total, message: calls.append((done, total, message)))
    db.session.rollback()
    assert [c[0] for c in calls] == [0, 1, 2, 3] and {c[1] for c in calls} == {4}
    assert calls[-1][2] == "正在写入推荐结果…"


def test_a_second_refresh_while_one_runs_is_refused_with_a_clear_message(catalogue, bureau_user, make, login_as):
    running = services.create("recommendations.refresh", by=bureau_user)
    db.session.commit()
    other_officer = login_as(make.user(bureau_user.organisation))
    response = other_officer.post("/bureau/recommendations/refresh", follow_redirects=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "已有一个“全量刷新推荐”任务正在进行" in html
    assert db.session.scalar(select(db.func.count(Job.id))) == 1
    assert response.request.path == f"/jobs/{running.id}"
    page = other_officer.get("/bureau/recommendations").get_data(as_text=True)
    assert f"/jobs/{running.id}" in page and "全量刷新进行中" in page


def test_only_the_bureau_starts_a_refresh_and_only_by_post(catalogue, pair, login_as, bureau_user):
    assert login_as(pair.school_user).post("/bureau/recommendations/refresh").status_code == 403
    assert login_as(bureau_user).get("/bureau/recommendations/refresh").status_code == 405
    assert db.session.scalar(select(db.func.count(Job.id))) == 0


def test_recommendations_page_has_the_refresh_button(bureau_user, login_as):
    html = login_as(bureau_user).get("/bureau/recommendations").get_data(as_text=True)
    assert 'action="/bureau/recommendations/refresh"' in html and "全量刷新推荐" in html


class TestCsrf:
    @pytest.fixture
    def app_config(self):
        return {"JOBS_SYNC": True, "WTF_CSRF_ENABLED": True}

    def test_refresh_without_a_csrf_token_is_refused(self, app, bureau_user):
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        client.post("/login", data={"email": bureau_user.email, "password": "Yibin#2026pass", "csrf_token": token})
        assert client.post("/bureau/recommendations/refresh").status_code == 400
        assert db.session.scalar(select(db.func.count(Job.id))) == 0


class TestOnTheQueue:
    @pytest.fixture
    def app_config(self, tmp_path):
        return queue_config("sqlite", tmp_path)

    def test_refresh_runs_on_the_queue_to_completion(self, app, catalogue, bureau_user, login_as):
        refresh_all()
        db.session.commit()
        expected = _stored()
        _clear()
        officer = login_as(bureau_user)
        assert officer.post("/bureau/recommendations/refresh").status_code == 302
        job_id = db.session.scalar(select(Job.id))
        assert officer.get(f"/jobs/{job_id}.json").get_json()["status"] == "queued"  # no consumer yet
        stop = start_embedded(app, workers=1, periodic=False)
        try:
            status = wait_for(lambda: (s := officer.get(f"/jobs/{job_id}.json").get_json())["finished"] and s, 300)
        finally:
            stop()
        assert status["status"] == "done", status
        assert status["progress"] == 100
        assert _stored() == expected


def test_cli_refresh_still_works_and_prints_progress(catalogue, runner):
    result = runner.invoke(args=["refresh-recommendations"])
    assert result.exit_code == 0, result.output
    assert "[1/4]" in result.output and "[4/4]" in result.output and "Stored" in result.output
    assert _stored()
