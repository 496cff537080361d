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
RETRY_MESSAGE = N_("任务被中断（服务可能已重启），正在排队重新执行…")
FAILED_MESSAGE = N_("任务执行失败，已记录错误。请稍后重试，或联系系统管理员。")
INTERRUPTED_MESSAGE = N_("任务长时间没有进展（服务可能已重启），已中止。请重新开始。")


class AlreadyRunning(Conflict):
    """A job of the same kind (and scope) is queued or running; `job_id` is that job."""

    def __init__(self, message, job_id):
        super().__init__(message)
        self.job_id = job_id


def active_key(kind, scope=None):
    return kind if scope is None else f"{kind}:{scope}"[:60]


def create(kind, *, by, params=None, scope=None):
    """Add a queued job of `kind` to the session; the caller commits, then calls `runner.enqueue(job)`.

    `params` (plain JSON) are passed to the kind's target as keyword arguments. An exclusive
    kind refuses a second queued or running job of the same kind and `scope` (e.g. the event
    or batch it works on) with AlreadyRunning; the database's unique `active_key` makes that
    hold across workers too."""
    spec = KINDS[kind]
    key = active_key(kind, scope) if spec.exclusive else None
    if key is not None:
        _end_dead_jobs(key)
    job = Job(kind=kind, status="queued", active_key=key, message=QUEUED_MESSAGE, params=params or {},
              attempts=0, created_by_id=getattr(by, "id", None))
    try:
        with db.session.begin_nested():
            db.session.add(job)
    except IntegrityError:
        running = active(kind, scope)
        raise AlreadyRunning(gettext("已有一个“%(title)s”任务正在进行，请等待它完成后再开始。", title=gettext(spec.title)),
                             running.id if running else None) from None
    return job


def _stale_cutoff():
    return utcnow() - timedelta(minutes=current_app.config["JOBS_STALE_MINUTES"])


def _end_dead_jobs(key):
    """An active job that nobody has touched for long (no worker ran it, or its worker died
    and it was not retried) gives way to the one being started: mark it failed."""
    db.session.execute(
        update(Job).where(Job.active_key == key, Job.status.in_(ACTIVE_STATUSES), Job.updated_at < _stale_cutoff())
        .values(status="failed", active_key=None, error=INTERRUPTED_MESSAGE, message="", finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def active(kind, scope=None):
    """The queued or running job of `kind` (and `scope`) that is still alive, if any."""
    return db.session.scalar(select(Job).where(Job.active_key == active_key(kind, scope),
                                               Job.status.in_(ACTIVE_STATUSES), Job.updated_at >= _stale_cutoff()))


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
    or the message changes, so a loop may call it on every step. Given the `attempt` it
    claimed, a reporter writes only while that attempt still owns the job: a run that was
    taken for dead and started again can no longer change what the page shows."""

    def __init__(self, job_id, attempt=None, echo=None):
        self.job_id = job_id
        self.attempt = attempt
        self.echo = echo  # e.g. the CLI printing every step
        self.progress = 0
        self.message = None

    def _write(self, **values):
        condition = Job.id == self.job_id
        if self.attempt is not None:
            condition = condition & (Job.attempts == self.attempt) & (Job.status == "running")
        with Session(db.engine) as session, session.begin():
            return session.execute(update(Job).where(condition).values(updated_at=utcnow(), **values)).rowcount

    def __call__(self, done, total, message=None):
        if self.echo is not None:
            self.echo(done, total, message)
        percent = min(99, int(done * 100 / total)) if total else 0
        percent = max(percent, self.progress)
        message = message or self.message or ""
        if percent == self.progress and message == self.message:
            return
        self.progress, self.message = percent, message
        self._write(progress=percent, done=done, total=total, message=message)

    def start(self):
        self._write(status="running", started_at=utcnow())

    def heartbeat(self):
        """Show that the run is alive (called every JOBS_HEARTBEAT_SECONDS while it works)."""
        return self._write()

    def finish(self, result, message):
        self.progress = 100
        self._write(status="done", progress=100, active_key=None, finished_at=utcnow(), result=result or {},
                    message=message)

    def fail(self, error=FAILED_MESSAGE):
        self._write(status="failed", active_key=None, finished_at=utcnow(), error=error, message="")


def _short(statement):
    """Run one UPDATE in a transaction of its own; the number of rows it changed."""
    with Session(db.engine) as session, session.begin():
        return session.execute(statement.execution_options(synchronize_session=False)).rowcount


def claim(job_id):
    """Take a queued job for one run: its attempt number, or None when it is not queued (already
    running elsewhere, finished, or a duplicate message of the queue)."""
    with Session(db.engine) as session, session.begin():
        attempts = session.scalar(select(Job.attempts).where(Job.id == job_id, Job.status == "queued"))
        if attempts is None:
            return None
        now = utcnow()
        claimed = session.execute(
            update(Job).where(Job.id == job_id, Job.status == "queued", Job.attempts == attempts)
            .values(status="running", attempts=attempts + 1, started_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
    return attempts + 1 if claimed == 1 else None


def requeue(job_id, attempt=None, stale_before=None):
    """Put a run that was interrupted back in the queue's state (the caller enqueues it again), or
    fail it once it has had JOBS_MAX_ATTEMPTS runs. True when it is to run again."""
    condition = (Job.id == job_id) & (Job.status == "running")
    if attempt is not None:
        condition = condition & (Job.attempts == attempt)
    if stale_before is not None:
        condition = condition & (Job.updated_at < stale_before)
    if attempt is not None and attempt >= current_app.config["JOBS_MAX_ATTEMPTS"]:
        _short(update(Job).where(condition).values(status="failed", active_key=None, error=INTERRUPTED_MESSAGE,
                                                   message="", finished_at=utcnow(), updated_at=utcnow()))
        return False
    return _short(update(Job).where(condition).values(status="queued", message=RETRY_MESSAGE,
                                                      updated_at=utcnow())) == 1


def recoverable():
    """Jobs to put in the queue again: queued ones nobody has touched for JOBS_STALE_MINUTES (their
    message may be lost, e.g. enqueueing failed) and running ones whose worker stopped writing its
    heartbeat (it died). Running ones past JOBS_MAX_ATTEMPTS are failed instead. Returns job ids;
    each is touched, so it is put back at most once per period (duplicates are harmless: a run
    starts only by claiming a queued job)."""
    cutoff, ids = _stale_cutoff(), []
    with Session(db.engine) as session:
        stale = session.execute(select(Job.id, Job.status, Job.attempts)
                                .where(Job.status.in_(ACTIVE_STATUSES), Job.updated_at < cutoff)).all()
    for job_id, status, attempts in stale:
        if status == "queued":
            if _short(update(Job).where(Job.id == job_id, Job.status == "queued", Job.updated_at < cutoff)
                      .values(updated_at=utcnow())):
                ids.append(job_id)
        elif requeue(job_id, attempts, stale_before=cutoff):
            ids.append(job_id)
    return ids
