from ..extensions import db
from ..postings.models import PostingMixin

programme_modes = db.Table(
    "programme_modes",
    db.Column("programme_id", db.Integer, db.ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True),
    db.Column("mode_code", db.String(40), db.ForeignKey("modes.code"), primary_key=True),
)


class Programme(PostingMixin, db.Model):
    """A school's programme: 专业, 订单班, 学徒制, 实习实训, 在职培训 or 联合研发 offer."""

    __tablename__ = "programmes"
    __table_args__ = (db.UniqueConstraint("organisation_id", "external_ref", name="uq_programmes_org_ref"),)

    #: Places per year.
    capacity = db.Column(db.Integer, nullable=False, default=0)
    modes = db.relationship("Mode", secondary=programme_modes, lazy="selectin", order_by="Mode.sort")

    @property
    def mode_codes(self):
        return [mode.code for mode in self.modes]
