from ..extensions import db
from ..postings.models import PostingMixin


class Need(PostingMixin, db.Model):
    """An enterprise's need; `level` is the minimum education level wanted."""

    __tablename__ = "needs"
    __table_args__ = (db.UniqueConstraint("organisation_id", "external_ref", name="uq_needs_org_ref"),)

    kind_code = db.Column(db.String(40), db.ForeignKey("need_kinds.code"), nullable=False, index=True)
    #: People wanted (0 for joint R&D).
    headcount = db.Column(db.Integer, nullable=False, default=0)

    kind = db.relationship("NeedKind", lazy="joined")
