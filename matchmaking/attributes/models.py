"""A request to confirm (or correct) one of an enterprise's reviewed attributes.

The organisation's flag (`Organisation.above_scale`, `Organisation.state_owned`) is the value of
its last confirmed request; a pending or rejected request changes nothing. 市经济和信息化局
("economy") confirms 规上企业, 市国资委 ("sasac") 国有企业, and the bureau either."""
from flask_babel import lazy_gettext as _l

from ..core.timeutil import utcnow
from ..extensions import db

ATTRIBUTES = ("above_scale", "state_owned")
ATTRIBUTE_LABELS = {"above_scale": _l("规上企业"), "state_owned": _l("国有企业")}
#: (attribute, value) → what the enterprise is when the value holds.
VALUE_LABELS = {
    ("above_scale", True): _l("规上企业"), ("above_scale", False): _l("非规上企业"),
    ("state_owned", True): _l("国有企业"), ("state_owned", False): _l("非国有企业"),
}
#: The department remit that confirms each attribute (besides the bureau).
REMITS = {"above_scale": "economy", "state_owned": "sasac"}
STATUSES = ("pending", "confirmed", "rejected")
STATUS_LABELS = {"pending": _l("待审核"), "confirmed": _l("已确认"), "rejected": _l("未通过")}
#: The stylesheet's status colours.
STATUS_CLASSES = {"pending": "pending", "confirmed": "verified", "rejected": "rejected"}
#: The reason of the records the migration made from flags set before the platform reviewed them.
MIGRATED_REASON = "平台上线前已登记，迁移为已确认记录"
REASON_MAX = COMMENT_MAX = 1000


class AttributeRequest(db.Model):
    __tablename__ = "attribute_requests"
    __table_args__ = (
        # One pending request per enterprise and attribute, enforced by the database too.
        db.Index("uq_attribute_requests_pending", "enterprise_id", "attribute", unique=True,
                 sqlite_where=db.text("status = 'pending'"), postgresql_where=db.text("status = 'pending'")),
    )

    id = db.Column(db.Integer, primary_key=True)
    enterprise_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    #: "above_scale" or "state_owned".
    attribute = db.Column(db.String(20), nullable=False)
    #: The value asked for (confirming sets the organisation's flag to it).
    value = db.Column(db.Boolean, nullable=False)
    #: Why, with the facts that prove it (统计入库, 营业收入, 出资关系 …).
    reason = db.Column(db.String(1000), nullable=False)
    #: An optional evidence PDF (stored outside the web root, checked as projects' files are).
    evidence_path = db.Column(db.String(200), nullable=True)
    evidence_name = db.Column(db.String(200), nullable=True)
    evidence_size = db.Column(db.Integer, nullable=True)
    #: pending → confirmed | rejected.
    status = db.Column(db.String(20), nullable=False, default="pending", index=True)
    review_comment = db.Column(db.String(1000), nullable=False, default="")
    reviewed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    reviewer_department_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=True)
    reviewed_at = db.Column(db.DateTime, nullable=True)
    #: Empty for the records the migration made.
    requested_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    enterprise = db.relationship("Organisation", foreign_keys=[enterprise_id], lazy="joined")
    reviewer_department = db.relationship("Organisation", foreign_keys=[reviewer_department_id])
    reviewed_by = db.relationship("User", foreign_keys=[reviewed_by_id])
    requested_by = db.relationship("User", foreign_keys=[requested_by_id])

    @property
    def attribute_label(self):
        return ATTRIBUTE_LABELS[self.attribute]

    @property
    def value_label(self):
        """What the enterprise asks to be recorded as ("规上企业", "非国有企业" …)."""
        return VALUE_LABELS[(self.attribute, bool(self.value))]

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_class(self):
        return STATUS_CLASSES[self.status]

    @property
    def is_pending(self):
        return self.status == "pending"

    @property
    def is_confirmed(self):
        return self.status == "confirmed"

    @property
    def is_rejected(self):
        return self.status == "rejected"

    @property
    def has_evidence(self):
        return bool(self.evidence_path)

    def __repr__(self):
        return f"<AttributeRequest {self.id} {self.attribute}={self.value} {self.status}>"
