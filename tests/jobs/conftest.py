import os
import time
import uuid

import pytest

from matchmaking.jobs import tasks

NO_SCHEDULE = {name: "off" for name in ("recommendations.refresh", "pairings.expire", "projects.reminders",
                                         "certification.conclude_notices")}


@pytest.fixture
def app_config():
    return {"JOBS_SYNC": True}


@pytest.fixture
def bureau_user(make):
    return make.user(make.bureau())


@pytest.fixture
def test_kind(monkeypatch):
    """Register a job kind for the test: register(target, name=…) → its name."""

    def register(target, name="test.kind", **options):
        monkeypatch.setitem(tasks.KINDS, name, tasks.Kind(title="测试任务", target=target, done_message="完成 %(count)s 项",
                                                          back_endpoint="main.index", **options))
        return name

    return register


BACKENDS = ["sqlite"] + (["redis"] if os.environ.get("TEST_REDIS_URL") else [])


def queue_config(backend, tmp_path):
    """A real (not inline) queue on `backend`, private to one test."""
    config = {"JOBS_SYNC": False, "JOBS_BACKEND": backend, "JOBS_SCHEDULE": NO_SCHEDULE,
              "JOBS_HEARTBEAT_SECONDS": 0.2, "JOBS_QUEUE_NAME": f"test-{uuid.uuid4().hex[:12]}"}
    if backend == "sqlite":
        config["JOBS_SQLITE_PATH"] = str(tmp_path / "queue.sqlite3")
    else:
        config["JOBS_REDIS_URL"] = os.environ["TEST_REDIS_URL"]
    return config


def wait_for(predicate, timeout=120):
    """Poll until predicate() is true (generous: the machine is shared; no timing is asserted)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting")
