from ..core.i18n import N_
from ..core.timeutil import utcnow
from ..extensions import db

STATUS_LABELS = {
    "queued": N_("排队中"),
    "running": N_("进行中"),
    "done": N_("已完成"),
    "failed": N_("失败"),
}
ACTIVE_STATUSES = ("queued", "running")


class Job(db.Model):
    """One background job. Stored in the database so that every worker can report on it."""

    __tablename__ = "jobs"

    id = db.Column(db.Integer, primary_key=True)
    #: What runs, e.g. "recommendations.refresh"; picks the title and where the page leads back to.
    kind = db.Column(db.String(60), nullable=False, index=True)
    #: queued → running → done | failed.
    status = db.Column(db.String(20), nullable=False, default="queued", index=True)
    #: 0–100, never decreasing.
    progress = db.Column(db.Integer, nullable=False, default=0)
    #: The current step's message: a msgid, translated when shown; `result` fills its placeholders.
    message = db.Column(db.String(200), nullable=False, default="")
    total = db.Column(db.Integer, nullable=False, default=0)
    done = db.Column(db.Integer, nullable=False, default=0)
    #: The job's arguments (plain JSON), passed to its target; kept so an interrupted job can run again.
    params = db.Column(db.JSON, nullable=True)
    #: How many times a worker has started it (1 on the first run; more after interruptions).
    attempts = db.Column(db.Integer, nullable=False, default=0)
    #: `kind` (or `kind:scope`, e.g. one commit per import batch) while the job is queued or running,
    #: NULL afterwards: the unique constraint refuses a second concurrent one, across all workers.
    active_key = db.Column(db.String(60), nullable=True, unique=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    started_at = db.Column(db.DateTime, nullable=True)
    finished_at = db.Column(db.DateTime, nullable=True)
    #: Last write by the runner (a heartbeat: an active job silent for long is taken as dead).
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    #: A small summary of what the job did (counts), shown on its page.
    result = db.Column(db.JSON, nullable=True)
    #: What the user is told when the job failed (never a stack trace; that goes to the log).
    error = db.Column(db.String(500), nullable=False, default="")

    created_by = db.relationship("User", lazy="joined")

    @property
    def is_finished(self):
        return self.status in ("done", "failed")

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, self.status)
