"""Background jobs: lifecycle, progress, failure, access to the status, the concurrency guard."""
import logging
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaking.core.timeutil import utcnow
from matchmaking.extensions import db
from matchmaking.jobs import runner, services
from matchmaking.jobs.models import Job


def _progress_seen_by_another_session(job_id):
    with Session(db.engine) as session:
        return session.get(Job, job_id).progress


def _run(kind, user):
    job = services.create(kind, by=user)
    db.session.commit()
    runner.enqueue(job)
    db.session.expire_all()
    return db.session.get(Job, job.id)


def test_a_job_runs_to_done_with_monotone_progress_visible_to_other_sessions(app, make, test_kind):
    seen = []

    def target(report):
        job_id = db.session.scalar(select(Job.id))
        for step in range(10):
            report(step, 10, "第一阶段" if step < 5 else "第二阶段")
            seen.append(_progress_seen_by_another_session(job_id))
        report(3, 10)  # a step reported late never moves the bar back
        seen.append(_progress_seen_by_another_session(job_id))
        return {"count": 7}

    user = make.user(make.school())
    job = _run(test_kind(target), user)
    assert job.status == "done"
    assert job.progress == 100
    assert job.result == {"count": 7}
    assert job.active_key is None
    assert job.started_at is not None and job.finished_at is not None
    assert services.message_of(job) == "完成 7 项"
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 90
    assert all(p < 100 for p in seen)


def test_a_failing_job_is_recorded_and_logged_without_showing_the_exception(app, make, test_kind, login_as, caplog):
    def target(report):
        report(1, 4, "处理中")
        raise RuntimeError("secret internal detail")

    user = make.user(make.school())
    with caplog.at_level(logging.ERROR, logger="matchmaking.jobs.runner"):
        job = _run(test_kind(target), user)
    assert job.status == "failed"
    assert job.active_key is None and job.finished_at is not None
    assert job.error == services.FAILED_MESSAGE
    assert "secret internal detail" in caplog.text  # the full error is in the server log
    client = login_as(user)
    for path in (f"/jobs/{job.id}.json", f"/jobs/{job.id}"):
        body = client.get(path).get_data(as_text=True)
        assert "secret internal detail" not in body and "Traceback" not in body
    status = client.get(f"/jobs/{job.id}.json").get_json()
    assert status["status"] == "failed" and status["finished"] is True and "任务执行失败" in status["error"]


def test_a_failed_job_frees_its_kind_for_the_next_one(app, make, test_kind):
    def target(report):
        raise ValueError("boom")

    user = make.user(make.school())
    kind = test_kind(target)
    assert _run(kind, user).status == "failed"
    assert services.create(kind, by=user).id is not None


def test_reporter_never_goes_back_and_stays_below_100_until_done(app, make, test_kind):
    kind = test_kind(lambda report: {})
    job = services.create(kind, by=make.user(make.school()))
    db.session.commit()
    reporter = services.Reporter(job.id)
    reporter(5, 10, "a")
    reporter(2, 10, "a")
    assert _progress_seen_by_another_session(job.id) == 50
    reporter(10, 10, "a")
    assert _progress_seen_by_another_session(job.id) == 99
    reporter.finish({"count": 1}, "done")
    assert _progress_seen_by_another_session(job.id) == 100


def test_a_second_active_job_of_the_same_kind_is_refused(app, make, test_kind):
    kind = test_kind(lambda report: {})
    user = make.user(make.school())
    first = services.create(kind, by=user)
    db.session.commit()
    with pytest.raises(services.AlreadyRunning) as refused:
        services.create(kind, by=user)
    assert refused.value.job_id == first.id
    db.session.rollback()
    assert db.session.scalar(select(db.func.count(Job.id))) == 1


def test_a_job_whose_runner_died_long_ago_does_not_block_a_new_one(app, make, test_kind):
    kind = test_kind(lambda report: {})
    user = make.user(make.school())
    dead = services.create(kind, by=user)
    db.session.commit()
    assert services.active(kind) == dead
    dead.status, dead.updated_at = "running", utcnow() - timedelta(hours=2)
    db.session.commit()
    assert services.active(kind) is None  # the page offers to start again
    fresh = services.create(kind, by=user)
    db.session.commit()
    db.session.refresh(dead)
    assert fresh.id != dead.id
    assert dead.status == "failed" and dead.active_key is None and dead.error == services.INTERRUPTED_MESSAGE


def test_status_endpoint_answers_only_the_creator_and_the_bureau(app, make, test_kind, login_as, client):
    kind = test_kind(lambda report: {"count": 2})
    school = make.school()
    creator, colleague = make.user(school), make.user(school)
    stranger = make.user(make.enterprise())
    officer = make.user(make.bureau())
    job = _run(kind, creator)
    for user, expected in ((creator, 200), (officer, 200), (colleague, 404), (stranger, 404)):
        viewer = login_as(user)
        assert viewer.get(f"/jobs/{job.id}.json").status_code == expected
        assert viewer.get(f"/jobs/{job.id}").status_code == expected
    status = login_as(creator).get(f"/jobs/{job.id}.json")
    assert status.headers["Cache-Control"] == "no-store"
    assert status.get_json() == {**status.get_json(), "status": "done", "progress": 100, "finished": True,
                                 "message": "完成 2 项", "result": {"count": 2}}
    assert login_as(officer).get("/jobs/999999.json").status_code == 404
    anonymous = client.get(f"/jobs/{job.id}.json")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_progress_page_refreshes_itself_without_js_only_while_the_job_runs(app, make, test_kind, login_as):
    kind = test_kind(lambda report: {"count": 1})
    user = make.user(make.school())
    queued = services.create(kind, by=user)
    db.session.commit()
    client = login_as(user)
    html = client.get(f"/jobs/{queued.id}").get_data(as_text=True)
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert '<progress class="job-progress" max="100" value="0"' in html
    assert f'data-job-status-url="/jobs/{queued.id}.json"' in html
    assert "<script>" not in html and " style=" not in html
    assert "js/jobs.js" in html
    runner.enqueue(queued)
    html = client.get(f"/jobs/{queued.id}").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in html
    assert "完成 1 项" in html and 'value="100"' in html
