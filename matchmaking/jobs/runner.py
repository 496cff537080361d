"""Running jobs: on the queue's worker (or inline under JOBS_SYNC), each in a fresh app context
with its own database session.

A run starts by claiming its queued job (so a duplicate queue message, or a second consumer, does
nothing), writes a heartbeat while it works, and records how it ended. A run that stops midway
(the consumer was stopped, or died) is put back in the queue and tried again, up to
JOBS_MAX_ATTEMPTS runs; the work of a kind must therefore be safe to run again."""
import logging
import threading

from flask import current_app
from huey.exceptions import RetryTask
from sqlalchemy.exc import DBAPIError, OperationalError

from ..extensions import db
from . import services
from .models import Job
from .tasks import KINDS

log = logging.getLogger(__name__)
#: Seconds before a run that lost its database connection is tried again.
RETRY_DELAY = 30


def enqueue(job):
    """Put a committed, queued job on the queue (under JOBS_SYNC it runs before this returns)."""
    from .queue import get_queue

    get_queue(current_app._get_current_object()).enqueue(job.id)


class _Heartbeat:
    """Touches the job's row every JOBS_HEARTBEAT_SECONDS from a thread of its own while the work runs."""

    def __init__(self, app, reporter):
        self.app, self.reporter = app, reporter
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"job-{reporter.job_id}-heartbeat", daemon=True)

    def _beat(self):
        interval = self.app.config["JOBS_HEARTBEAT_SECONDS"]
        while not self.stopped.wait(interval):
            try:
                with self.app.app_context():
                    self.reporter.heartbeat()
            except Exception:  # noqa: BLE001 — e.g. SQLite busy under the work's own write; try again later
                log.debug("Heartbeat of job %s skipped", self.reporter.job_id, exc_info=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join(timeout=5)


def execute(app, job_id, *, echo=None):
    """Claim the queued job and run it to its end, recording how it ended.

    Never raises, except huey's RetryTask when the database went away midway (the queue then
    runs it again after RETRY_DELAY seconds). `echo(done, total, message)` also sees every progress report."""
    with app.app_context():  # a fresh context: its own db.session, separate from any request's
        try:
            attempt = services.claim(job_id)
        except Exception:  # noqa: BLE001
            log.exception("Could not claim background job %s", job_id)
            _retry_later(app, job_id)
            return
        if attempt is None:
            return  # finished, running elsewhere, or a duplicate message
        reporter = services.Reporter(job_id, attempt, echo=echo)
        try:
            job = db.session.get(Job, job_id)
            kind = KINDS[job.kind]
            params = dict(job.params or {})
            db.session.rollback()
            with _Heartbeat(app, reporter):
                result = kind.target(reporter, **params)
                db.session.commit()
            reporter.finish(result, kind.done_message)
        except (OperationalError, DBAPIError) as error:
            db.session.rollback()
            transient = getattr(error, "connection_invalidated", False) or isinstance(error, OperationalError)
            if transient and not app.config["JOBS_SYNC"]:
                log.warning("Background job %s lost its database (%s); it will run again", job_id, error)
                if _put_back(job_id, attempt):
                    _retry_later(app, job_id)
                    return
            log.exception("Background job %s failed", job_id)
            _record_failure(reporter)
        except Exception:  # noqa: BLE001 — any failure is recorded on the job and logged in full
            db.session.rollback()
            log.exception("Background job %s failed", job_id)
            _record_failure(reporter)
        finally:
            db.session.remove()


def _record_failure(reporter):
    try:
        reporter.fail()
    except Exception:  # noqa: BLE001
        log.exception("Could not record the failure of background job %s", reporter.job_id)


def _put_back(job_id, attempt):
    try:
        return services.requeue(job_id, attempt)
    except Exception:  # noqa: BLE001 — the database is still away: the recovery will find the job
        log.exception("Could not put background job %s back in the queue", job_id)
        return False


def _retry_later(app, job_id):
    """Let huey run the task again later (not under JOBS_SYNC: there is no scheduler to do it)."""
    if not app.config["JOBS_SYNC"]:
        raise RetryTask(delay=RETRY_DELAY)


def interrupted(app, job_id):
    """The consumer stopped while job `job_id` ran: put it back in the queue. True to re-enqueue."""
    with app.app_context():
        try:
            attempts = db.session.scalar(db.select(Job.attempts).where(Job.id == job_id))
            return attempts is not None and services.requeue(job_id, attempts)
        except Exception:  # noqa: BLE001 — the stale-heartbeat recovery will find it
            log.exception("Could not put interrupted job %s back in the queue", job_id)
            return False
        finally:
            db.session.remove()


def recover(app):
    """Ids of jobs to enqueue again: lost messages and runs whose worker died (see services.recoverable)."""
    with app.app_context():
        try:
            ids = services.recoverable()
        finally:
            db.session.remove()
    for job_id in ids:
        log.warning("Background job %s was interrupted or lost; queued again", job_id)
    return ids


def start(kind, *, by=None, params=None, scope=None, echo=None):
    """Create, commit and run a job of `kind` in this process, now (the CLI and the periodic tasks).

    Refuses with AlreadyRunning as the pages do. Returns the finished job."""
    app = current_app._get_current_object()
    try:
        job = services.create(kind, by=by, params=params, scope=scope)
        db.session.commit()
    except services.AlreadyRunning:
        db.session.rollback()
        raise
    execute(app, job.id, echo=echo)
    db.session.expire_all()
    return db.session.get(Job, job.id)


def run_periodic(app, kind):
    """A periodic task: run `kind` as a job of its own unless one is already active."""
    with app.app_context():
        try:
            job = start(kind)
            log.info("Periodic %s: job %s %s", kind, job.id, job.status)
        except services.AlreadyRunning as refused:
            log.info("Periodic %s skipped: job %s is still active", kind, refused.job_id)
        finally:
            db.session.remove()
