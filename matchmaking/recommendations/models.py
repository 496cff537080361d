from ..core.timeutil import utcnow
from ..extensions import db


class Recommendation(db.Model):
    """A suggested need–programme pair with its score and reasons.

    A pair is stored once; the two flags say in whose top list it appears."""

    __tablename__ = "recommendations"
    __table_args__ = (
        db.UniqueConstraint("need_id", "programme_id", name="uq_recommendations_pair"),
        db.Index("ix_recommendations_need_top", "need_id", "in_need_top", "score"),
        db.Index("ix_recommendations_programme_top", "programme_id", "in_programme_top", "score"),
    )

    id = db.Column(db.Integer, primary_key=True)
    need_id = db.Column(db.Integer, db.ForeignKey("needs.id", ondelete="CASCADE"), nullable=False)
    programme_id = db.Column(db.Integer, db.ForeignKey("programmes.id", ondelete="CASCADE"), nullable=False)
    score = db.Column(db.Float, nullable=False, index=True)
    #: [[code, [terms…]], …] — language-neutral; rendered in the reader's language.
    reasons = db.Column(db.JSON, nullable=False, default=list)
    #: Among the need's top programmes.
    in_need_top = db.Column(db.Boolean, nullable=False, default=False)
    #: Among the programme's top needs.
    in_programme_top = db.Column(db.Boolean, nullable=False, default=False)
    computed_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    need = db.relationship("Need", lazy="joined")
    programme = db.relationship("Programme", lazy="joined")
