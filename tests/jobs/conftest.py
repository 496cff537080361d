import pytest

from matchmaking.jobs import tasks


@pytest.fixture
def app_config():
    return {"JOBS_SYNC": True}


@pytest.fixture
def bureau_user(make):
    return make.user(make.bureau())


@pytest.fixture
def test_kind(monkeypatch):
    """Register a job kind for the test; `calls` holds what its target saw."""

    def register(target, name="test.kind"):
        monkeypatch.setitem(tasks.KINDS, name, tasks.Kind(title="测试任务", target=target, done_message="完成 %(count)s 项",
                                                          back_endpoint="main.index"))
        return name

    return register
