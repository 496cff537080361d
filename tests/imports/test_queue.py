"""Imports on a real job queue: the upload is read, and the commit written, by the queue's worker;
the pages follow the jobs to the preview. Limits come from the environment."""
import pytest
from sqlalchemy import select

from matchmaking.config import build_config
from matchmaking.extensions import db
from matchmaking.imports.models import ImportBatch
from matchmaking.jobs.models import Job
from matchmaking.jobs.queue import get_queue, start_embedded
from matchmaking.programmes.models import Programme

from ..jobs.conftest import queue_config, wait_for
from .helpers import upload, workbook
from .test_postings_import import HEADERS, count, programme_row


@pytest.fixture
def app_config(tmp_path):
    return queue_config("sqlite", tmp_path)


@pytest.fixture
def consumer(app):
    stop = start_embedded(app, workers=1, periodic=False)
    yield
    stop()
    get_queue(app).huey.flush()


def _finished(job_id):
    def check():
        db.session.expire_all()
        job = db.session.get(Job, job_id)
        return job.is_finished and job
    return wait_for(check)


def test_an_upload_is_read_on_the_queue_then_the_page_leads_to_the_preview(app, make, login_as, consumer):
    client = login_as(make.user(make.school()))
    response = upload(client, "programmes", workbook(HEADERS, [programme_row("队列导入的订单班")]))
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job = _finished(int(response.headers["Location"].rsplit("/", 1)[1]))
    assert job.status == "done" and job.kind == "imports.read"
    batch = db.session.scalar(select(ImportBatch))
    assert batch.status == "previewed" and batch.content is None and batch.row_count == 1
    status = client.get(f"/jobs/{job.id}.json").get_json()
    assert status["finished"] and status["next_url"] == f"/jobs/{job.id}"
    page = client.get(f"/jobs/{job.id}")
    assert page.status_code == 302 and page.headers["Location"].endswith(f"/imports/batches/{batch.id}")
    preview = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "共 1 行：新增 1" in preview

    response = client.post(f"/imports/batches/{batch.id}/commit")
    assert "/jobs/" in response.headers["Location"]
    job = _finished(int(response.headers["Location"].rsplit("/", 1)[1]))
    assert job.status == "done" and job.kind == "imports.commit"
    done = client.get(f"/jobs/{job.id}", follow_redirects=True)
    assert done.request.path == f"/imports/batches/{batch.id}"
    assert "导入完成：新增 1 条" in done.get_data(as_text=True)
    assert count(Programme) == 1


def test_a_refused_file_read_on_the_queue_shows_its_reasons_on_the_upload_page(app, make, login_as, consumer):
    user = make.user(make.school())
    client = login_as(user)
    response = upload(client, "programmes", b"PK\x03\x04 this is no workbook")
    job = _finished(int(response.headers["Location"].rsplit("/", 1)[1]))
    assert job.status == "done" and job.result["rejected"]
    assert count(ImportBatch) == 0
    page = client.get(f"/jobs/{job.id}")
    assert page.headers["Location"].endswith(f"/imports/programmes?job={job.id}")
    html = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "文件未能读取" in html and "文件已损坏" in html
    # Someone else's job id shows nothing.
    other = login_as(make.user(make.school()))
    assert "文件未能读取" not in other.get(f"/imports/programmes?job={job.id}").get_data(as_text=True)


def test_a_commit_submitted_twice_while_queued_runs_once(app, make, login_as):
    from matchmaking.imports import services

    user = make.user(make.school())
    batch = services.upload("programmes", "a.xlsx", workbook(HEADERS, [programme_row()]), by=user)
    db.session.commit()
    client = login_as(user)
    first = client.post(f"/imports/batches/{batch.id}/commit")
    second = client.post(f"/imports/batches/{batch.id}/commit")
    assert first.headers["Location"] == second.headers["Location"]  # the same job, not a second one
    assert db.session.scalar(select(db.func.count(Job.id)).where(Job.kind == "imports.commit")) == 1
    stop = start_embedded(app, workers=1, periodic=False)
    try:
        _finished(int(first.headers["Location"].rsplit("/", 1)[1]))
    finally:
        stop()
        get_queue(app).huey.flush()
    assert count(Programme) == 1


def test_limits_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("IMPORT_MAX_BYTES", "65536")
    monkeypatch.setenv("IMPORT_MAX_ROWS", "50")
    monkeypatch.setenv("API_TOKEN_HOURS", "2")
    config = build_config(str(tmp_path))
    assert (config["IMPORT_MAX_BYTES"], config["IMPORT_MAX_ROWS"], config["API_TOKEN_HOURS"]) == (65536, 50, 2)
    for name in ("IMPORT_MAX_BYTES", "IMPORT_MAX_ROWS", "API_TOKEN_HOURS"):
        monkeypatch.delenv(name)
    config = build_config(str(tmp_path))
    assert (config["IMPORT_MAX_BYTES"], config["IMPORT_MAX_ROWS"], config["API_TOKEN_HOURS"]) == (2 * 1024 * 1024, 1000, 12)
