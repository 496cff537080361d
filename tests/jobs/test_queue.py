"""The job queue (huey on SQLite, and on Redis when TEST_REDIS_URL is set): a job outlives the process
that queued it, an interrupted run is retried, a dead worker's job is found and run again."""
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from matchmaking import create_app
from matchmaking.core.timeutil import utcnow
from matchmaking.extensions import db
from matchmaking.jobs import runner, services
from matchmaking.jobs.models import Job
from matchmaking.jobs.queue import get_queue, local_crontab, start_embedded

from ..conftest import _config
from .conftest import BACKENDS, queue_config, wait_for


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def app_config(backend, tmp_path):
    return queue_config(backend, tmp_path)


@pytest.fixture(autouse=True)
def _flush_queue(app):
    yield
    get_queue(app).huey.flush()


def _job(job_id):
    db.session.expire_all()
    return db.session.get(Job, job_id)


def _queue(kind, user, **params):
    job = services.create(kind, by=user, params=params)
    db.session.commit()
    runner.enqueue(job)
    return job.id


def test_a_job_queued_while_no_consumer_runs_is_run_by_a_consumer_started_later(app, app_config, make, test_kind):
    kind = test_kind(lambda report, count: {"count": count})
    job_id = _queue(kind, make.user(make.school()), count=3)
    assert get_queue(app).pending() == 1
    assert _job(job_id).status == "queued"  # nothing runs it: no consumer, nothing in a thread
    # The web worker that queued it is gone; a new process (same database, same queue) starts a consumer.
    restarted = create_app(_config(**app_config))
    stop = start_embedded(restarted, workers=1, periodic=False)
    try:
        job = wait_for(lambda: (j := _job(job_id)).is_finished and j)
    finally:
        stop()
    assert job.status == "done" and job.result == {"count": 3} and job.attempts == 1
    assert services.message_of(job) == "完成 3 项"
    assert get_queue(app).pending() == 0


def test_a_failing_job_on_the_queue_is_recorded_as_failed(app, make, test_kind):
    def target(report):
        report(1, 2, "处理中")
        raise RuntimeError("boom")

    job_id = _queue(test_kind(target), make.user(make.school()))
    stop = start_embedded(app, workers=1, periodic=False)
    try:
        job = wait_for(lambda: (j := _job(job_id)).is_finished and j)
    finally:
        stop()
    assert job.status == "failed" and job.error == services.FAILED_MESSAGE and job.active_key is None
    assert job.attempts == 1  # an error in the work is not retried; only interruptions are


def test_a_run_interrupted_by_stopping_the_consumer_is_retried_by_the_next_one(app, make, test_kind):
    started, release = threading.Event(), threading.Event()
    runs = []

    def target(report, count):
        runs.append(count)
        if len(runs) == 1:
            started.set()
            release.wait(60)  # the first run is still working when its consumer stops
        report(1, 2)
        return {"count": len(runs)}

    job_id = _queue(test_kind(target), make.user(make.school()), count=1)
    stop = start_embedded(app, workers=1, periodic=False)
    assert started.wait(60)
    stop()  # as on SIGTERM: the running job is put back on the queue
    job = _job(job_id)
    assert job.status == "queued" and job.attempts == 1 and job.message == services.RETRY_MESSAGE
    assert get_queue(app).pending() == 1
    release.set()  # the abandoned run ends; it no longer owns the job and changes nothing
    wait_for(lambda: len(runs) == 1 and not any(t.name.startswith(f"job-{job_id}-") for t in threading.enumerate()))
    assert _job(job_id).status == "queued"
    stop = start_embedded(app, workers=1, periodic=False)
    try:
        job = wait_for(lambda: (j := _job(job_id)).is_finished and j)
    finally:
        stop()
    assert job.status == "done" and job.attempts == 2 and job.result == {"count": 2}


def test_a_job_whose_worker_died_is_found_by_the_recovery_and_run_again(app, make, test_kind):
    kind = test_kind(lambda report: {"count": 1})
    user = make.user(make.school())
    job = services.create(kind, by=user)
    db.session.commit()
    # A worker claimed it, then died without a word (kill -9): no queue message left, no heartbeat.
    db.session.execute(update(Job).where(Job.id == job.id).values(status="running", attempts=1,
                                                                  updated_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    assert get_queue(app).pending() == 0
    stop = start_embedded(app, workers=1, periodic=True)  # the scheduler runs the recovery at once
    try:
        job = wait_for(lambda: (j := _job(job.id)).is_finished and j)
    finally:
        stop()
    assert job.status == "done" and job.attempts == 2


def test_a_job_interrupted_too_often_is_given_up(app, make, test_kind):
    kind = test_kind(lambda report: {"count": 1})
    job = services.create(kind, by=make.user(make.school()))
    db.session.commit()
    db.session.execute(update(Job).where(Job.id == job.id).values(
        status="running", attempts=app.config["JOBS_MAX_ATTEMPTS"], updated_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    assert runner.recover(app) == []
    job = _job(job.id)
    assert job.status == "failed" and job.error == services.INTERRUPTED_MESSAGE and job.active_key is None


def test_a_live_running_job_is_left_alone_and_a_duplicate_message_does_nothing(app, make, test_kind):
    runs = []
    kind = test_kind(lambda report: runs.append(1) or {"count": 1})
    job = services.create(kind, by=make.user(make.school()))
    db.session.commit()
    assert services.claim(job.id) == 1
    assert runner.recover(app) == []  # its heartbeat is fresh
    runner.execute(app, job.id)  # a second message for the same job
    assert runs == [] and _job(job.id).status == "running"


def test_a_queue_that_cannot_be_reached_leaves_the_job_queued_for_the_recovery(app_config, make, test_kind, caplog):
    broken = create_app(_config(**{**app_config, "JOBS_BACKEND": "redis", "JOBS_REDIS_URL": "redis://127.0.0.1:1/0"}))
    job = services.create(test_kind(lambda report: {}), by=make.user(make.school()))
    db.session.commit()
    with broken.app_context():
        get_queue(broken).enqueue(job.id)  # logged, not raised
    assert "Could not put job" in caplog.text
    assert _job(job.id).status == "queued"


def test_the_schedule_reads_crontab_lines_in_yibin_time():
    at_two_fifteen = local_crontab("15 2 * * *")
    assert at_two_fifteen(datetime(2026, 3, 1, 18, 15))  # 18:15 UTC is 02:15 in Asia/Shanghai
    assert not at_two_fifteen(datetime(2026, 3, 1, 2, 15))


def test_periodic_kinds_are_registered_on_the_queue_unless_switched_off(app, tmp_path):
    names = {task.__name__ for task in get_queue(app).huey._registry._periodic_tasks}
    assert names == {"recover_jobs"}  # the test configuration switches the schedule off
    scheduled = create_app(_config(**{**queue_config("sqlite", tmp_path), "JOBS_SCHEDULE": {}}))
    names = {task.__name__ for task in get_queue(scheduled).huey._registry._periodic_tasks}
    assert names == {"recover_jobs", "periodic:recommendations.refresh", "periodic:pairings.expire",
                     "periodic:projects.reminders", "periodic:certification.conclude_notices"}


def test_a_periodic_run_is_a_job_and_respects_the_one_at_a_time_rule(app, bureau_user):
    runner.run_periodic(app, "pairings.expire")
    job = db.session.scalar(select(Job).where(Job.kind == "pairings.expire"))
    assert job.status == "done" and job.created_by_id is None and job.result == {"count": 0}
    active = services.create("recommendations.refresh", by=bureau_user)
    db.session.commit()
    runner.run_periodic(app, "recommendations.refresh")
    assert db.session.scalar(select(db.func.count(Job.id)).where(Job.kind == "recommendations.refresh")) == 1
    assert _job(active.id).status == "queued"
