"""The organisation: a school, an enterprise, the bureau or another government department."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.ext.hybrid import hybrid_property

from ..core.timeutil import utcnow
from ..extensions import db
from .validators import mask_mobile

KINDS = ("school", "enterprise", "bureau", "department")
#: A department's remit (what it reviews); "district" is a county/district government (or the
#: 三江新区管委会), which checks first what comes from enterprises in its `district_code`.
DEPARTMENT_ROLES = ("ndrc", "education", "economy", "science", "finance", "sasac", "talent", "district")
DEPARTMENT_ROLE_LABELS = {
    "ndrc": _l("发展改革（领导小组办公室）"), "education": _l("教育体育"), "economy": _l("经济和信息化"),
    "science": _l("科技"), "finance": _l("财政"), "sasac": _l("国资监管"), "talent": _l("人才工作"),
    "district": _l("区县政府"),
}
STATUSES = ("pending", "verified", "rejected")
SCHOOL_TYPES = ("university", "higher_vocational", "secondary_vocational", "training_provider")
CERTIFICATION_LABELS = {"none": _l("未认定"), "municipal": _l("市级产教融合型企业"), "provincial": _l("省级产教融合型企业")}


class Organisation(db.Model):
    __tablename__ = "organisations"

    id = db.Column(db.Integer, primary_key=True)
    #: "school", "enterprise", "bureau" (市人社局, the operator) or "department".
    kind = db.Column(db.String(20), nullable=False, index=True)
    #: Departments only: the remit (DEPARTMENT_ROLES).
    department = db.Column(db.String(20), nullable=True, index=True)
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
    #: Enterprises only: 规上企业 (above designated size), as last confirmed by a department.
    above_scale = db.Column(db.Boolean, nullable=False, default=False)
    #: Enterprises only: state-owned, as last confirmed by a department.
    state_owned = db.Column(db.Boolean, nullable=False, default=False)
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
    #: 产教融合型企业 certifications (enterprises only), reviewed or recorded by departments.
    certifications = db.relationship("Certification", back_populates="enterprise", order_by="Certification.id")

    @hybrid_property
    def is_verified(self):
        """Verified by the bureau (also a SQL condition: `Organisation.is_verified`)."""
        return self.status == "verified"

    @property
    def certifications_in_effect(self):
        return [c for c in self.certifications if c.is_in_effect]

    @property
    def certification(self):
        """The highest certification level in effect: "provincial", "municipal" or "none"."""
        levels = {c.level for c in self.certifications_in_effect}
        return next((level for level in ("provincial", "municipal") if level in levels), "none")

    @property
    def is_certified(self):
        return self.certification != "none"

    @property
    def certification_label(self):
        return CERTIFICATION_LABELS[self.certification]

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
    def is_department(self):
        return self.kind == "department"

    @property
    def is_government(self):
        """The bureau or another department: reviewers and report readers, never a party."""
        return self.kind in ("bureau", "department")

    @property
    def is_district_government(self):
        return self.is_department and self.department == "district"

    @property
    def department_label(self):
        return DEPARTMENT_ROLE_LABELS.get(self.department, "") if self.is_department else ""

    def has_remit(self, role, district_code=None):
        """This department holds `role` (and, for a district government, that district)."""
        if not self.is_department or self.department != role:
            return False
        return district_code is None or self.district_code == district_code

    @property
    def masked_phone(self):
        return mask_mobile(self.contact_phone)

    def __repr__(self):
        return f"<Organisation {self.id} {self.kind} {self.name}>"
