"""An enterprise's 产教融合型企业 certification, from application to certificate (or revocation).

The review chain: the enterprise's district government checks first ("district"), then 市发展改革委
("ndrc") and 市教育体育局 ("education") review side by side; both passing starts the public notice.
A provincial certification is not reviewed here: 市发展改革委 records it with its document number."""
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_
from sqlalchemy.ext.hybrid import hybrid_property

from ..core.timeutil import local_today, utcnow
from ..extensions import db

LEVELS = ("municipal", "provincial")
LEVEL_LABELS = {"municipal": _l("市级产教融合型企业"), "provincial": _l("省级产教融合型企业")}

#: district_review → department_review → notice → in_effect → (revoked); returned ⇄ the stage that
#: returned it; refused at any review stage or by an upheld objection.
STATUSES = ("district_review", "department_review", "returned", "refused", "notice", "in_effect", "revoked")
STATUS_LABELS = {
    "district_review": _l("区县初审中"), "department_review": _l("部门审核中"), "returned": _l("退回补正"),
    "refused": _l("未通过"), "notice": _l("公示中"), "in_effect": _l("已认定"), "revoked": _l("已撤销"),
}
UNDER_REVIEW = ("district_review", "department_review")
#: Stages that decide, in order; the two departments of the second stage decide independently.
STAGES = ("district", "ndrc", "education")
STAGE_LABELS = {"district": _l("区县政府初审"), "ndrc": _l("市发展改革委审核"), "education": _l("市教育体育局审核")}
DEPARTMENT_STAGES = ("ndrc", "education")
DECISIONS = ("pass", "return", "refuse")
DECISION_LABELS = {"pass": _l("通过"), "return": _l("退回补正"), "refuse": _l("不予通过")}
OUTCOMES = ("dismissed", "upheld")
OUTCOME_LABELS = {"dismissed": _l("异议不成立"), "upheld": _l("异议成立")}
ORIGIN_LABELS = {"reviewed": _l("平台审核"), "recorded": _l("依认定文件登记"), "migrated": _l("上线前自行登记（待核）")}
#: Origins the city's figures count: reviewed here, or checked against the certification document.
COUNTED_ORIGINS = ("reviewed", "recorded")
#: A revoked certification bars a new application for this many years.
BAR_YEARS = 5


class Certification(db.Model):
    __tablename__ = "certifications"

    id = db.Column(db.Integer, primary_key=True)
    enterprise_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    level = db.Column(db.String(20), nullable=False, default="municipal")
    #: The enterprise's district when it applied: that district's government checks first, even if the
    #: enterprise moves while the application is open.
    district_code = db.Column(db.String(40), db.ForeignKey("districts.code"), nullable=True)
    #: "reviewed" (through this platform's chain), "recorded" (provincial, entered by 市发展改革委 from the
    #: province's document) or "migrated" (declared on a profile before reviews existed).
    origin = db.Column(db.String(20), nullable=False, default="reviewed")
    status = db.Column(db.String(20), nullable=False, index=True)
    #: 三年合作规划 (municipal applications).
    plan = db.Column(db.Text, nullable=False, default="")
    #: What the platform knew of the enterprise's cooperation when it (re)submitted: shown to reviewers.
    cooperation = db.Column(db.JSON, nullable=True)
    #: 信用承诺: who signed it, and when.
    pledge_signed_by = db.Column(db.String(40), nullable=False, default="")
    pledge_signed_at = db.Column(db.DateTime, nullable=True)
    #: Review round: 1, and one more each time the corrected application comes back.
    round = db.Column(db.Integer, nullable=False, default=1)
    #: The local date the current stage started (for waiting time and the review deadline).
    stage_started_on = db.Column(db.Date, nullable=True)
    #: The stage that returned it, where the corrected application goes back to.
    returned_stage = db.Column(db.String(20), nullable=True)
    refusal_reason = db.Column(db.String(1000), nullable=False, default="")
    notice_starts_on = db.Column(db.Date, nullable=True)
    notice_ends_on = db.Column(db.Date, nullable=True)
    #: Municipal: the certificate the platform issues; provincial: the province's document number.
    certificate_no = db.Column(db.String(60), nullable=True, unique=True)
    effective_on = db.Column(db.Date, nullable=True)
    revoked_on = db.Column(db.Date, nullable=True)
    revocation_reason = db.Column(db.String(1000), nullable=False, default="")
    submitted_at = db.Column(db.DateTime, nullable=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    enterprise = db.relationship("Organisation", lazy="joined", back_populates="certifications")
    created_by = db.relationship("User")
    decisions = db.relationship("Decision", back_populates="certification", order_by="Decision.id",
                                cascade="all, delete-orphan")
    files = db.relationship("EvidenceFile", back_populates="certification", order_by="EvidenceFile.id",
                            cascade="all, delete-orphan")
    objections = db.relationship("Objection", back_populates="certification", order_by="Objection.id",
                                 cascade="all, delete-orphan")
    reports = db.relationship("AnnualReport", back_populates="certification", order_by="AnnualReport.year.desc()",
                              cascade="all, delete-orphan")

    @hybrid_property
    def is_in_effect(self):
        """In effect (also a SQL condition); the figures also ask that a department confirmed it (`is_counted`)."""
        return self.status == "in_effect"

    @hybrid_property
    def is_counted(self):
        """Counted by every figure the city reports: in effect and reviewed or checked by a department."""
        return self.status == "in_effect" and self.origin in COUNTED_ORIGINS

    @is_counted.inplace.expression
    @classmethod
    def _is_counted_expression(cls):
        return and_(cls.status == "in_effect", cls.origin.in_(COUNTED_ORIGINS))

    @property
    def level_label(self):
        return LEVEL_LABELS[self.level]

    @property
    def is_migrated(self):
        return self.origin == "migrated"

    @property
    def origin_label(self):
        return ORIGIN_LABELS.get(self.origin, "")

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_under_review(self):
        return self.status in UNDER_REVIEW

    @property
    def is_returned(self):
        return self.status == "returned"

    @property
    def is_in_notice(self):
        return self.status == "notice"

    @property
    def is_revoked(self):
        return self.status == "revoked"

    @property
    def barred_until(self):
        """The first day a new application is accepted after a revocation, or None."""
        if self.revoked_on is None:
            return None
        try:
            return self.revoked_on.replace(year=self.revoked_on.year + BAR_YEARS)
        except ValueError:  # 29 February
            return date(self.revoked_on.year + BAR_YEARS, 3, 1)

    def notice_is_over(self, today=None):
        return self.is_in_notice and self.notice_ends_on is not None and (today or local_today()) > self.notice_ends_on

    def decisions_of(self, stage, round_=None):
        return [d for d in self.decisions if d.stage == stage and (round_ is None or d.round == round_)]

    def has_returned(self, stage):
        """一次性告知: each stage returns an application at most once."""
        return any(d.decision == "return" for d in self.decisions_of(stage))

    @property
    def latest_return(self):
        returns = [d for d in self.decisions if d.decision == "return"]
        return returns[-1] if returns else None

    @property
    def pending_stages(self):
        """The stages whose decision is awaited now (none unless under review)."""
        if self.status == "district_review":
            return ["district"]
        if self.status == "department_review":
            return [stage for stage in DEPARTMENT_STAGES if not self.decisions_of(stage, self.round)]
        return []

    def report_years_open(self, today=None):
        """Years a municipal certification in effect may still report on: from its first year to this one."""
        if not self.is_in_effect or self.level != "municipal" or self.effective_on is None:
            return []
        filed = {report.year for report in self.reports}
        this_year = (today or local_today()).year
        return [year for year in range(this_year, self.effective_on.year - 1, -1) if year not in filed]

    @property
    def open_objections(self):
        return [o for o in self.objections if o.answered_at is None]

    def __repr__(self):
        return f"<Certification {self.id} {self.level} {self.status}>"


class Decision(db.Model):
    """One reviewer's decision at one stage of one round; never edited."""

    __tablename__ = "certification_decisions"

    id = db.Column(db.Integer, primary_key=True)
    certification_id = db.Column(db.Integer, db.ForeignKey("certifications.id"), nullable=False, index=True)
    stage = db.Column(db.String(20), nullable=False)
    round = db.Column(db.Integer, nullable=False)
    decision = db.Column(db.String(20), nullable=False)
    comment = db.Column(db.String(1000), nullable=False, default="")
    #: 一次性告知补正: every correction asked for, together (return only).
    corrections = db.Column(db.JSON, nullable=True)
    department_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    certification = db.relationship("Certification", back_populates="decisions")
    department = db.relationship("Organisation", lazy="joined")
    user = db.relationship("User", lazy="joined")

    __table_args__ = (db.UniqueConstraint("certification_id", "stage", "round", name="uq_decision_stage_round"),)

    @property
    def stage_label(self):
        return STAGE_LABELS[self.stage]

    @property
    def decision_label(self):
        return DECISION_LABELS[self.decision]


class EvidenceFile(db.Model):
    """A PDF the enterprise attached (stored outside the web root, checked as projects' files are)."""

    __tablename__ = "certification_files"

    id = db.Column(db.Integer, primary_key=True)
    certification_id = db.Column(db.Integer, db.ForeignKey("certifications.id"), nullable=False, index=True)
    path = db.Column(db.String(200), nullable=False)
    name = db.Column(db.String(200), nullable=False)
    size = db.Column(db.Integer, nullable=False)
    round = db.Column(db.Integer, nullable=False, default=1)
    uploaded_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    certification = db.relationship("Certification", back_populates="files")


class Objection(db.Model):
    """An objection filed during the public notice, by anyone; answered by a reviewer."""

    __tablename__ = "certification_objections"

    id = db.Column(db.Integer, primary_key=True)
    certification_id = db.Column(db.Integer, db.ForeignKey("certifications.id"), nullable=False, index=True)
    name = db.Column(db.String(40), nullable=False)
    contact = db.Column(db.String(120), nullable=False)
    text = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    outcome = db.Column(db.String(20), nullable=True)
    answer = db.Column(db.Text, nullable=False, default="")
    answered_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    answered_at = db.Column(db.DateTime, nullable=True)

    certification = db.relationship("Certification", back_populates="objections")
    answered_by = db.relationship("User")

    @property
    def outcome_label(self):
        return OUTCOME_LABELS.get(self.outcome, "")


class AnnualReport(db.Model):
    """A certified enterprise's yearly report: the platform's figures for that year (filled in for it)
    plus its own account and investment. Read by its reviewers; a false report is grounds to revoke."""

    __tablename__ = "certification_reports"

    id = db.Column(db.Integer, primary_key=True)
    certification_id = db.Column(db.Integer, db.ForeignKey("certifications.id"), nullable=False, index=True)
    year = db.Column(db.Integer, nullable=False)
    #: What the platform recorded for the year when the report was filed (projects, follow-ups, events).
    platform_data = db.Column(db.JSON, nullable=False)
    narrative = db.Column(db.Text, nullable=False)
    #: Money the enterprise put into cooperation that year, whole yuan.
    investment_yuan = db.Column(db.BigInteger, nullable=False, default=0)
    submitted_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    submitted_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    certification = db.relationship("Certification", back_populates="reports")
    submitted_by = db.relationship("User")

    __table_args__ = (db.UniqueConstraint("certification_id", "year", name="uq_report_certification_year"),)
