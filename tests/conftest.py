"""Fixtures: an app and a clean database per test, factories, and a login helper.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set.
The schema is created once per run; each test starts from empty tables plus the
reference data, which is much faster than recreating the schema each time."""
import os
import tempfile

import pytest

_instance = tempfile.mkdtemp(prefix="matchmaking-test-instance-")
os.environ["MATCHMAKING_INSTANCE_PATH"] = _instance
os.environ.setdefault("AUTO_SETUP_DATABASE", "0")

import matchmaking.models  # noqa: E402,F401  (every mapper registered before tests import models)
from matchmaking import create_app  # noqa: E402
from matchmaking.extensions import db  # noqa: E402

from .factories import Factories  # noqa: E402

PASSWORD = "Yibin#2026pass"


_worker_database = None


def _database_url():
    """SQLite in this process's temporary instance folder, or TEST_DATABASE_URL.

    Under pytest-xdist every worker gets a database of its own: a file for SQLite (the
    instance folder is per process), and for PostgreSQL a sibling database named after
    the worker, created fresh next to the one TEST_DATABASE_URL names."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return "sqlite:///" + os.path.join(_instance, "test.sqlite3")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    global _worker_database
    if _worker_database is None:
        _worker_database = _create_sibling_database(url, worker)
    return _worker_database


def _create_sibling_database(url, worker):
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    with psycopg.connect(base.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def _config(**overrides):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SECRET_KEY": "test-secret",
        "SERVER_NAME": "localhost",
        "UPLOAD_FOLDER": os.path.join(_instance, "uploads"),
        # Background jobs run inline, in the request that starts them (huey's immediate mode);
        # tests/jobs runs them on a real queue too.
        "JOBS_SYNC": True,
    }
    if _database_url().startswith("postgres"):
        config["SQLALCHEMY_DATABASE_URI"] = _database_url().replace("postgresql://", "postgresql+psycopg://", 1)
        # The defaults were built for the embedded SQLite URL (connect_args timeout), which psycopg refuses.
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def _schema():
    app = create_app(_config())
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()
    yield


def _empty_tables():
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app_config():
    """Override in a test module to change the app's configuration."""
    return {}


@pytest.fixture
def app(_schema, app_config):
    """The application under test.

    The test body runs in the app context of a *second* app on the same database, so
    every request made by the test client gets its own app context, `g` and database
    session, exactly as in production (nothing cached leaks between requests)."""
    from matchmaking.reference.services import seed_reference_data

    app = create_app(_config(**app_config))
    data_app = create_app(_config(**app_config))
    with data_app.app_context():
        _empty_tables()
        seed_reference_data()
        db.session.commit()
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make(app):
    """Factories: make.school(), make.enterprise(), make.user(org), make.programme(org), make.need(org)."""
    return Factories(PASSWORD)


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, email, password=PASSWORD):
        return self.client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


class Pair:
    """A verified school and enterprise, each with an admin and one published item."""

    def __init__(self, make):
        self.school = make.school()
        self.enterprise = make.enterprise()
        self.school_user = make.user(self.school)
        self.enterprise_user = make.user(self.enterprise)
        self.programme = make.programme(self.school, modes=["order_class", "apprenticeship"], capacity=40)
        self.need = make.need(self.enterprise, kind_code="apprenticeship", headcount=30)


@pytest.fixture
def pair(make):
    return Pair(make)


@pytest.fixture
def login_as(app):
    """login_as(user) → a fresh test client logged in as that user."""

    def _login(user):
        c = app.test_client()
        response = c.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302
        return c

    return _login
