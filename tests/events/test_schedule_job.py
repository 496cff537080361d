"""The bureau's 自动排程 runs on the job queue, not in the request: the page queues it and shows its
progress; a worker runs the solve; the job's page then leads to the timetable with the counts."""
import pytest

from matchmaking.events.models import Meeting
from matchmaking.extensions import db
from matchmaking.jobs import runner
from matchmaking.jobs.models import Job
from matchmaking.jobs.queue import get_queue

from ..jobs.conftest import queue_config
from .helpers import refreshed


@pytest.fixture
def app_config(tmp_path):
    return queue_config("sqlite", tmp_path)


@pytest.fixture(autouse=True)
def _flush_queue(app):
    yield
    get_queue(app).huey.flush()


def _ready_event(ev, make):
    event = ev.event(status="closed")
    school, enterprise = make.school(), make.enterprise()
    ev.registration(event, school)
    ev.registration(event, enterprise)
    make.programme(school, cluster_code=event.cluster_codes[0])
    make.need(enterprise, cluster_code=event.cluster_codes[0])
    event.ready_pair = (school.id, enterprise.id)
    return event


def test_schedule_is_queued_and_run_by_the_worker(app, ev, make, officer, login_as):
    event = _ready_event(ev, make)
    bureau = login_as(officer)
    school_id, enterprise_id = event.ready_pair
    bureau.post(f"/events/manage/{event.id}/meetings", data={"school_id": school_id, "enterprise_id": enterprise_id})
    response = bureau.post(f"/events/manage/{event.id}/schedule")
    job = db.session.scalar(db.select(Job).where(Job.kind == "events.schedule"))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/jobs/{job.id}")
    assert job.status == "queued" and db.session.scalar(db.select(db.func.count(Meeting.id))) == 0

    runner.execute(app, job.id)  # what the worker does with the queued message

    assert refreshed(job).status == "done"
    finished = bureau.get(f"/jobs/{job.id}")
    assert finished.status_code == 302 and finished.headers["Location"].endswith(f"/events/manage/{event.id}/timetable")
    assert "排程完成" in bureau.get(finished.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 1


def test_an_event_not_ready_is_refused_before_anything_is_queued(app, ev, officer, login_as):
    event = ev.event(status="open")
    response = login_as(officer).post(f"/events/manage/{event.id}/schedule", follow_redirects=True)
    assert "请先截止报名" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Job.id))) == 0


def test_a_second_click_while_the_first_is_queued_shows_the_same_job(app, ev, make, officer, login_as):
    event = _ready_event(ev, make)
    bureau = login_as(officer)
    first = bureau.post(f"/events/manage/{event.id}/schedule").headers["Location"]
    second = bureau.post(f"/events/manage/{event.id}/schedule").headers["Location"]
    assert first == second
    assert db.session.scalar(db.select(db.func.count(Job.id))) == 1


def test_members_cannot_schedule(app, ev, make, login_as):
    event = _ready_event(ev, make)
    assert login_as(make.user(make.school())).post(f"/events/manage/{event.id}/schedule").status_code == 403
