"""Configuration: safe defaults, overridden by environment variables and then by a
test's mapping. Secrets never live in the repository: the default SECRET_KEY is
generated once into the instance folder."""
import os
import secrets
from datetime import timedelta
from pathlib import Path


def _secret_key(instance_path):
    """Return SECRET_KEY from the environment, or one generated once into instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _bool_env(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _engine_options(database_url):
    if database_url.startswith("sqlite"):
        # Wait for a concurrent writer instead of failing at once.
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True}


def default_database_url(instance_path):
    return "sqlite:///" + str(Path(instance_path) / "matchmaking.sqlite3")


def build_config(instance_path):
    """The configuration mapping for an app whose instance folder is `instance_path`."""
    database_url = os.environ.get("DATABASE_URL") or default_database_url(instance_path)
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgres://"):]
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": _engine_options(database_url),
        # True when the embedded default database is in use: it is upgraded and
        # filled with demo data automatically on first start.
        "EMBEDDED_DATABASE": "DATABASE_URL" not in os.environ,
        "AUTO_SETUP_DATABASE": _bool_env("AUTO_SETUP_DATABASE", "DATABASE_URL" not in os.environ),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "20 per minute"),
        "PUBLIC_DASHBOARD_RATE_LIMIT": os.environ.get("PUBLIC_DASHBOARD_RATE_LIMIT", "30 per minute"),
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=int(os.environ.get("IDLE_TIMEOUT_MINUTES", "30"))),
        "SESSION_REFRESH_EACH_REQUEST": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool_env("SESSION_COOKIE_SECURE", False),
        "FORCE_HTTPS": _bool_env("FORCE_HTTPS", False),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024))),
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "zh",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "LANGUAGES": {"zh": "简体中文", "en": "English"},
        "LOCKOUT_THRESHOLD": 5,
        "LOCKOUT_MINUTES": 15,
        "PRIVACY_NOTICE_VERSION": "2026-01",
        "PER_PAGE": 20,
        "PAIRING_EXPIRY_DAYS": int(os.environ.get("PAIRING_EXPIRY_DAYS", "14")),
        "REPROPOSE_COOLDOWN_DAYS": 30,
        "FOLLOW_UP_STALE_DAYS": int(os.environ.get("FOLLOW_UP_STALE_DAYS", "30")),
        "AGREEMENT_MAX_BYTES": 5 * 1024 * 1024,
        # 产教融合型企业 certification: the public notice (公示) and each review stage, in working days.
        "CERTIFICATION_NOTICE_WORKING_DAYS": max(1, int(os.environ.get("CERTIFICATION_NOTICE_WORKING_DAYS", "5"))),
        "CERTIFICATION_REVIEW_WORKING_DAYS": max(1, int(os.environ.get("CERTIFICATION_REVIEW_WORKING_DAYS", "10"))),
        "RECOMMENDATIONS_TOP_K": 20,
        **_jobs_config(instance_path),
        # Excel imports: the size of one uploaded workbook and its number of data rows.
        "IMPORT_MAX_BYTES": int(os.environ.get("IMPORT_MAX_BYTES", str(2 * 1024 * 1024))),
        "IMPORT_MAX_ROWS": int(os.environ.get("IMPORT_MAX_ROWS", "1000")),
        # JSON API: how long a bearer token lives.
        "API_TOKEN_HOURS": int(os.environ.get("API_TOKEN_HOURS", "12")),
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER", str(Path(instance_path) / "uploads")),
    }


def _jobs_config(instance_path):
    """The job queue (huey): SQLite in instance/ by default, Redis in production, inline for tests."""
    backend = os.environ.get("JOBS_BACKEND", "sqlite").strip().lower()
    return {
        #: "sqlite" (a file, the embedded default) or "redis".
        "JOBS_BACKEND": backend,
        "JOBS_SQLITE_PATH": os.environ.get("JOBS_SQLITE_PATH", str(Path(instance_path) / "jobs-queue.sqlite3")),
        "JOBS_REDIS_URL": os.environ.get("JOBS_REDIS_URL") or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        #: Keys (Redis) or rows (SQLite) of this platform's queue are named after it.
        "JOBS_QUEUE_NAME": os.environ.get("JOBS_QUEUE_NAME", "matchmaking"),
        #: Run every job inline, in the request that starts it (tests, one-off tools): huey's immediate mode.
        "JOBS_SYNC": _bool_env("JOBS_SYNC", False),
        #: `matchmaking run` also runs the consumer in a thread (on by default for the SQLite queue only).
        "JOBS_EMBEDDED_WORKER": _bool_env("JOBS_EMBEDDED_WORKER", backend == "sqlite"),
        #: Worker threads of one consumer.
        "JOBS_WORKERS": int(os.environ.get("JOBS_WORKERS", "2")),
        #: A running job writes a heartbeat this often; one silent for JOBS_STALE_MINUTES died with its worker.
        "JOBS_HEARTBEAT_SECONDS": float(os.environ.get("JOBS_HEARTBEAT_SECONDS", "30")),
        "JOBS_STALE_MINUTES": float(os.environ.get("JOBS_STALE_MINUTES", "5")),
        #: Runs of one job (the first and the retries after an interruption) before it is given up.
        "JOBS_MAX_ATTEMPTS": int(os.environ.get("JOBS_MAX_ATTEMPTS", "3")),
        #: Periodic jobs run by the consumer's scheduler: crontab lines in Asia/Shanghai time, "off" to disable.
        "JOBS_SCHEDULE": {
            "recommendations.refresh": os.environ.get("SCHEDULE_REFRESH_RECOMMENDATIONS", "15 2 * * *"),
            "pairings.expire": os.environ.get("SCHEDULE_EXPIRE_PAIRINGS", "30 2 * * *"),
            "projects.reminders": os.environ.get("SCHEDULE_SEND_REMINDERS", "0 8 * * *"),
            "certification.conclude_notices": os.environ.get("SCHEDULE_CONCLUDE_NOTICES", "10 0 * * *"),
        },
    }
