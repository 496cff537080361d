"""Plan records: what the plan counts that the platform does not derive, entered by the bureau
or by schools and reviewed by the bureau. Only approved records count on the dashboard."""
from flask_babel import lazy_gettext as _l

from ..core.timeutil import utcnow
from ..extensions import db

#: record kind → the plan target (reference table `plan_targets`) it counts towards.
KIND_TARGETS = {
    "vocational_group": "vocational_groups",
    "industry_college": "industry_colleges",
    "simulation_base": "simulation_bases",
    "high_skill_base": "high_skill_bases",
    "dual_qualified": "dual_qualified_share",
}
KINDS = tuple(KIND_TARGETS)
KIND_LABELS = {
    "vocational_group": _l("职业教育集团（联盟）"),
    "industry_college": _l("现代产业学院"),
    "simulation_base": _l("虚拟仿真实训基地"),
    "high_skill_base": _l("高技能人才培训基地"),
    "dual_qualified": _l("“双师型”教师统计"),
}
LEVELS = ("national", "provincial", "municipal")
LEVEL_LABELS = {"national": _l("国家级"), "provincial": _l("省级"), "municipal": _l("市级")}
#: draft → submitted → approved | rejected (a rejected record is corrected and submitted again).
STATUSES = ("draft", "submitted", "approved", "rejected")
STATUS_LABELS = {"draft": _l("草稿"), "submitted": _l("待审核"), "approved": _l("已通过"), "rejected": _l("已驳回")}


class PlanRecord(db.Model):
    """One recognised alliance, college, base, or one school's 双师型 teacher count."""

    __tablename__ = "plan_records"

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(30), nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False)
    level = db.Column(db.String(20), nullable=False)
    recognised_on = db.Column(db.Date, nullable=False)
    #: The school or organisation that holds the recognition.
    organisation_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    #: Optional cluster, so the bureau's dashboard can filter records by cluster.
    cluster_code = db.Column(db.String(40), db.ForeignKey("clusters.code"), nullable=True, index=True)
    #: 双师型 only: professional-course teachers, and how many of them are 双师型.
    teachers_total = db.Column(db.Integer, nullable=True)
    dual_qualified = db.Column(db.Integer, nullable=True)
    evidence = db.Column(db.Text, nullable=False, default="")
    evidence_url = db.Column(db.String(300), nullable=False, default="")
    #: Optional PDF stored outside the web root under UPLOAD_FOLDER.
    evidence_path = db.Column(db.String(200), nullable=True)
    evidence_name = db.Column(db.String(200), nullable=True)
    status = db.Column(db.String(20), nullable=False, default="draft", index=True)
    rejection_reason = db.Column(db.String(500), nullable=False, default="")
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    reviewed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    submitted_at = db.Column(db.DateTime, nullable=True)
    reviewed_at = db.Column(db.DateTime, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    organisation = db.relationship("Organisation", lazy="joined")
    cluster = db.relationship("Cluster", lazy="joined")
    created_by = db.relationship("User", foreign_keys=[created_by_id])
    reviewed_by = db.relationship("User", foreign_keys=[reviewed_by_id])

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def level_label(self):
        return LEVEL_LABELS[self.level]

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_editable(self):
        return self.status in ("draft", "rejected")

    @property
    def is_submitted(self):
        return self.status == "submitted"

    @property
    def share(self):
        """双师型 share in percent (one decimal), or None."""
        if self.kind != "dual_qualified" or not self.teachers_total:
            return None
        return round(100 * (self.dual_qualified or 0) / self.teachers_total, 1)
