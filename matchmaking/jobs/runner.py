"""Running a job: in a background thread with its own app context and database session
(or inline when JOBS_SYNC is set, for tests and single-process tools)."""
import logging
import threading

from flask import current_app

from ..extensions import db
from .models import Job
from .services import Reporter
from .tasks import KINDS

log = logging.getLogger(__name__)


def launch(job):
    """Start a committed, queued job. Returns at once unless JOBS_SYNC is set."""
    app = current_app._get_current_object()
    if app.config.get("JOBS_SYNC"):
        execute(app, job.id)
        return None
    thread = threading.Thread(target=execute, args=(app, job.id), name=f"job-{job.id}", daemon=True)
    thread.start()
    return thread


def execute(app, job_id):
    """Run the job to its end and record how it ended; never raises."""
    with app.app_context():  # a fresh context: its own db.session, separate from any request's
        reporter = Reporter(job_id)
        try:
            kind = KINDS[db.session.get(Job, job_id).kind]
            db.session.rollback()
            reporter.start()
            result = kind.target(reporter)
            db.session.commit()
            reporter.finish(result, kind.done_message)
        except Exception:  # noqa: BLE001 — any failure is recorded on the job and logged in full
            db.session.rollback()
            log.exception("Background job %s failed", job_id)
            try:
                reporter.fail()
            except Exception:  # noqa: BLE001
                log.exception("Could not record the failure of background job %s", job_id)
        finally:
            db.session.remove()
