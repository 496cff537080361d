"""Creating background jobs, reporting their progress and reading them.

A job's row is written in short transactions of its own (`Reporter`), never in the
transaction of the work it reports on, so progress is visible to every worker while
the work is still uncommitted."""
from datetime import timedelta

from flask import current_app
from flask_babel import gettext
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.errors import Conflict, NotFound
from ..core.i18n import N_
from ..core.timeutil import utcnow
from ..extensions import db
from .models import ACTIVE_STATUSES, Job
from .tasks import KINDS

QUEUED_MESSAGE = N_("排队等待执行…")
FAILED_MESSAGE = N_("任务执行失败，已记录错误。请稍后重试，或联系系统管理员。")
INTERRUPTED_MESSAGE = N_("任务长时间没有进展（服务可能已重启），已中止。请重新开始。")


class AlreadyRunning(Conflict):
    """A job of the same kind is queued or running; `job_id` is that job."""

    def __init__(self, message, job_id):
        super().__init__(message)
        self.job_id = job_id


def create(kind, *, by):
    """Add a queued job of `kind` to the session (the caller commits, then calls `runner.launch`).

    Refuses a second queued or running job of the same kind with AlreadyRunning; the
    database's unique `active_key` makes that hold across workers too."""
    spec = KINDS[kind]
    _end_dead_jobs(kind)
    job = Job(kind=kind, status="queued", active_key=kind, message=QUEUED_MESSAGE,
              created_by_id=getattr(by, "id", None))
    try:
        with db.session.begin_nested():
            db.session.add(job)
    except IntegrityError:
        running = active(kind)
        raise AlreadyRunning(gettext("已有一个“%(title)s”任务正在进行，请等待它完成后再开始。", title=gettext(spec.title)),
                             running.id if running else None) from None
    return job


def _stale_cutoff():
    return utcnow() - timedelta(minutes=current_app.config["JOBS_STALE_MINUTES"])


def _end_dead_jobs(kind):
    """An active job whose runner stopped writing long ago died with its process: mark it failed."""
    db.session.execute(
        update(Job).where(Job.kind == kind, Job.status.in_(ACTIVE_STATUSES), Job.updated_at < _stale_cutoff())
        .values(status="failed", active_key=None, error=INTERRUPTED_MESSAGE, message="", finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def active(kind):
    """The queued or running job of `kind` that is still alive, if any."""
    return db.session.scalar(select(Job).where(Job.kind == kind, Job.status.in_(ACTIVE_STATUSES),
                                               Job.updated_at >= _stale_cutoff()))


def latest_finished(kind):
    return db.session.scalar(select(Job).where(Job.kind == kind, Job.status.in_(("done", "failed")))
                             .order_by(Job.finished_at.desc(), Job.id.desc()).limit(1))


def get_for_viewer(job_id, user):
    """The job, if `user` started it or is a bureau officer; otherwise NotFound (never say which)."""
    job = db.session.get(Job, job_id)
    if job is None or not (user.is_bureau or job.created_by_id == user.id):
        raise NotFound(gettext("任务不存在。"))
    return job


def message_of(job):
    """The job's current message in the reader's language, placeholders filled from its result."""
    if not job.message:
        return ""
    return gettext(job.message, **(job.result or {}))


def status_of(job):
    """What the status endpoint answers and the page shows."""
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "status_label": gettext(job.status_label),
        "progress": job.progress,
        "done": job.done,
        "total": job.total,
        "message": message_of(job),
        "error": gettext(job.error) if job.error else "",
        "finished": job.is_finished,
        "result": job.result or {},
    }


class Reporter:
    """Called by the running work as `report(done, total, message)`.

    Every write is a short transaction of its own session. Progress never goes down and
    stays below 100 until the job is done; a write happens only when the shown percentage
    or the message changes, so a loop may call it on every step."""

    def __init__(self, job_id):
        self.job_id = job_id
        self.progress = 0
        self.message = None

    def _write(self, **values):
        with Session(db.engine) as session, session.begin():
            session.execute(update(Job).where(Job.id == self.job_id).values(updated_at=utcnow(), **values))

    def __call__(self, done, total, message=None):
        percent = min(99, int(done * 100 / total)) if total else 0
        percent = max(percent, self.progress)
        message = message or self.message or ""
        if percent == self.progress and message == self.message:
            return
        self.progress, self.message = percent, message
        self._write(progress=percent, done=done, total=total, message=message)

    def start(self):
        self._write(status="running", started_at=utcnow())

    def finish(self, result, message):
        self.progress = 100
        self._write(status="done", progress=100, active_key=None, finished_at=utcnow(), result=result or {},
                    message=message)

    def fail(self):
        self._write(status="failed", active_key=None, finished_at=utcnow(), error=FAILED_MESSAGE, message="")
