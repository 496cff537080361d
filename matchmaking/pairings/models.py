from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case
from sqlalchemy.ext.hybrid import hybrid_property

from ..core.timeutil import utcnow
from ..extensions import db

STATUSES = ("proposed", "accepted", "declined", "withdrawn", "expired")
STATUS_LABELS = {
    "proposed": _l("待回复"),
    "accepted": _l("已接受"),
    "declined": _l("已婉拒"),
    "withdrawn": _l("已撤回"),
    "expired": _l("已失效"),
}


class Pairing(db.Model):
    """An intention to cooperate on one need and one programme."""

    __tablename__ = "pairings"
    __table_args__ = (
        # At most one open pairing per need–programme pair, enforced by the database.
        db.Index(
            "uq_pairings_open_pair", "need_id", "programme_id", unique=True,
            sqlite_where=db.text("status = 'proposed'"), postgresql_where=db.text("status = 'proposed'"),
        ),
    )

    id = db.Column(db.Integer, primary_key=True)
    need_id = db.Column(db.Integer, db.ForeignKey("needs.id"), nullable=False, index=True)
    programme_id = db.Column(db.Integer, db.ForeignKey("programmes.id"), nullable=False, index=True)
    #: The organisation that proposed (the school or the enterprise).
    proposer_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    #: The organisation that answers (the other side).
    responder_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    proposed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    message = db.Column(db.Text, nullable=False, default="")
    #: proposed → accepted | declined | withdrawn | expired.
    status = db.Column(db.String(20), nullable=False, default="proposed", index=True)
    decline_reason = db.Column(db.String(500), nullable=False, default="")
    #: Where the proposal came from: "suggestion", "search", "detail" or "event".
    source = db.Column(db.String(20), nullable=False, default="detail")
    #: Recommendation score at the time of proposal, if it came from a suggestion.
    score = db.Column(db.Float, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    expires_at = db.Column(db.DateTime, nullable=False)
    responded_at = db.Column(db.DateTime, nullable=True)
    responded_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)

    need = db.relationship("Need", lazy="joined")
    programme = db.relationship("Programme", lazy="joined")
    proposer = db.relationship("Organisation", foreign_keys=[proposer_id], lazy="joined")
    responder = db.relationship("Organisation", foreign_keys=[responder_id], lazy="joined")
    project = db.relationship("Project", back_populates="pairing", uselist=False)

    @hybrid_property
    def current_status(self):
        """The status as of now: a proposal past its answer deadline reads as expired before the
        periodic expiry (a job, with its notifications) records it, so no page has to write on a GET."""
        if self.status == "proposed" and self.expires_at <= utcnow():
            return "expired"
        return self.status

    @current_status.expression
    def current_status(cls):
        return case((and_(cls.status == "proposed", cls.expires_at <= utcnow()), "expired"), else_=cls.status)

    @property
    def is_open(self):
        return self.current_status == "proposed"

    @property
    def status_label(self):
        return STATUS_LABELS[self.current_status]

    def involves(self, organisation_id):
        return organisation_id in (self.proposer_id, self.responder_id)
