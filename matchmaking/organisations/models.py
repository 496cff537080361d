"""The organisation: a school, an enterprise or the bureau."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.ext.hybrid import hybrid_property

from ..core.timeutil import utcnow
from ..extensions import db
from .validators import mask_mobile

KINDS = ("school", "enterprise", "bureau")
STATUSES = ("pending", "verified", "rejected")
SCHOOL_TYPES = ("university", "higher_vocational", "secondary_vocational", "training_provider")
CERTIFICATIONS = ("none", "municipal", "provincial")
CERTIFICATION_LABELS = {"none": _l("未认定"), "municipal": _l("市级"), "provincial": _l("省级")}


class Organisation(db.Model):
    __tablename__ = "organisations"

    id = db.Column(db.Integer, primary_key=True)
    #: "school", "enterprise" or "bureau".
    kind = db.Column(db.String(20), nullable=False, index=True)
    name = db.Column(db.String(120), nullable=False, unique=True)
    #: 统一社会信用代码 (enterprise) or 学校标识码 (school); unique per platform.
    code = db.Column(db.String(18), nullable=True, unique=True)
    district_code = db.Column(db.String(40), db.ForeignKey("districts.code"), nullable=True, index=True)
    address = db.Column(db.String(200), nullable=False, default="")
    contact_name = db.Column(db.String(40), nullable=False, default="")
    contact_phone = db.Column(db.String(20), nullable=False, default="")
    email = db.Column(db.String(120), nullable=False, default="")
    website = db.Column(db.String(200), nullable=False, default="")
    intro = db.Column(db.Text, nullable=False, default="")
    #: Schools only: university, higher_vocational, secondary_vocational, training_provider.
    school_type = db.Column(db.String(30), nullable=True)
    #: Enterprises only: main industrial cluster.
    cluster_code = db.Column(db.String(40), db.ForeignKey("clusters.code"), nullable=True, index=True)
    #: Enterprises only: 规上企业 (above designated size).
    above_scale = db.Column(db.Boolean, nullable=False, default=False)
    #: Enterprises only: state-owned.
    state_owned = db.Column(db.Boolean, nullable=False, default=False)
    #: Enterprises only: 产教融合型企业 certification: none, municipal, provincial.
    certification = db.Column(db.String(20), nullable=False, default="none")
    certified_on = db.Column(db.Date, nullable=True)
    #: pending → verified | rejected; only verified organisations publish.
    status = db.Column(db.String(20), nullable=False, default="pending", index=True)
    rejection_reason = db.Column(db.String(500), nullable=False, default="")
    verified_at = db.Column(db.DateTime, nullable=True)
    #: The privacy notice version the registrant consented to, and when.
    consent_version = db.Column(db.String(20), nullable=False, default="")
    consent_at = db.Column(db.DateTime, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    district = db.relationship("District", lazy="joined")
    cluster = db.relationship("Cluster", lazy="joined")
    users = db.relationship("User", back_populates="organisation", order_by="User.id")

    @hybrid_property
    def is_verified(self):
        """Verified by the bureau (also a SQL condition: `Organisation.is_verified`)."""
        return self.status == "verified"

    @property
    def certification_label(self):
        return CERTIFICATION_LABELS.get(self.certification, self.certification)

    @property
    def is_pending(self):
        return self.status == "pending"

    @property
    def is_rejected(self):
        return self.status == "rejected"

    @property
    def is_school(self):
        return self.kind == "school"

    @property
    def is_enterprise(self):
        return self.kind == "enterprise"

    @property
    def is_bureau(self):
        return self.kind == "bureau"

    @property
    def masked_phone(self):
        return mask_mobile(self.contact_phone)

    def __repr__(self):
        return f"<Organisation {self.id} {self.kind} {self.name}>"
