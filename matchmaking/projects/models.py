from flask_babel import lazy_gettext as _l

from ..core.timeutil import utcnow
from ..extensions import db

STATUSES = ("negotiating", "signed", "implementing", "completed", "terminated")
STATUS_LABELS = {
    "negotiating": _l("洽谈中"),
    "signed": _l("已签约"),
    "implementing": _l("实施中"),
    "completed": _l("已完成"),
    "terminated": _l("已终止"),
}
#: The project types are the cooperation modes (reference table `modes`).

#: The timeline's event kinds.
EVENT_LABELS = {
    "created": _l("建立项目"),
    "status": _l("状态变更"),
    "follow_up": _l("跟踪记录"),
    "file": _l("上传协议"),
    "milestone": _l("添加里程碑"),
    "milestone_done": _l("完成里程碑"),
    "summary": _l("提交总结"),
    "confirmed": _l("企业确认成果"),
    "note": _l("人社局备注"),
    "plan": _l("修改计划"),
}


class Project(db.Model):
    """A cooperation project between one school and one enterprise."""

    __tablename__ = "projects"

    id = db.Column(db.Integer, primary_key=True)
    #: The accepted pairing it came from; unique, so one pairing can never make two projects.
    pairing_id = db.Column(db.Integer, db.ForeignKey("pairings.id"), nullable=False, unique=True)
    need_id = db.Column(db.Integer, db.ForeignKey("needs.id"), nullable=False, index=True)
    programme_id = db.Column(db.Integer, db.ForeignKey("programmes.id"), nullable=False, index=True)
    school_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    enterprise_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    title = db.Column(db.String(200), nullable=False)
    #: 订单班, 新型学徒制, 实习实训, 在职培训 or 联合研发 (a mode code).
    type_code = db.Column(db.String(40), db.ForeignKey("modes.code"), nullable=False, index=True)
    cluster_code = db.Column(db.String(40), db.ForeignKey("clusters.code"), nullable=False, index=True)
    district_code = db.Column(db.String(40), db.ForeignKey("districts.code"), nullable=False, index=True)
    planned_students = db.Column(db.Integer, nullable=False, default=0)
    planned_apprentices = db.Column(db.Integer, nullable=False, default=0)
    planned_trainees = db.Column(db.Integer, nullable=False, default=0)
    duration_months = db.Column(db.Integer, nullable=False, default=0)
    #: 洽谈中 → 已签约 → 实施中 → 已完成 / 已终止 (see projects.lifecycle).
    status = db.Column(db.String(20), nullable=False, default="negotiating", index=True)
    agreement_date = db.Column(db.Date, nullable=True)
    #: Stored outside the web root under UPLOAD_FOLDER; served only to the parties and the bureau.
    agreement_path = db.Column(db.String(200), nullable=True)
    agreement_name = db.Column(db.String(200), nullable=True)
    agreement_mime = db.Column(db.String(60), nullable=True)
    termination_reason = db.Column(db.String(500), nullable=False, default="")
    #: The school's closing summary, then the enterprise's confirmation of the results.
    school_summary = db.Column(db.Text, nullable=False, default="")
    enterprise_confirmed_at = db.Column(db.DateTime, nullable=True)
    bureau_note = db.Column(db.Text, nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    #: When the last follow-up record was added (or the project was created).
    last_activity_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    closed_at = db.Column(db.DateTime, nullable=True)

    pairing = db.relationship("Pairing", back_populates="project")
    need = db.relationship("Need", lazy="joined")
    programme = db.relationship("Programme", lazy="joined")
    school = db.relationship("Organisation", foreign_keys=[school_id], lazy="joined")
    enterprise = db.relationship("Organisation", foreign_keys=[enterprise_id], lazy="joined")
    type = db.relationship("Mode", lazy="joined")
    cluster = db.relationship("Cluster", lazy="joined")
    district = db.relationship("District", lazy="joined")
    milestones = db.relationship("Milestone", back_populates="project", order_by="Milestone.due_date, Milestone.id",
                                 cascade="all, delete-orphan")
    follow_ups = db.relationship("FollowUp", back_populates="project", order_by="FollowUp.date.desc(), FollowUp.id.desc()",
                                 cascade="all, delete-orphan")
    events = db.relationship("ProjectEvent", back_populates="project", order_by="ProjectEvent.at.desc(), ProjectEvent.id.desc()",
                             cascade="all, delete-orphan")

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_final(self):
        return self.status in ("completed", "terminated")

    def party_of(self, organisation_id):
        """"school", "enterprise" or None."""
        if organisation_id == self.school_id:
            return "school"
        if organisation_id == self.enterprise_id:
            return "enterprise"
        return None


class Milestone(db.Model):
    __tablename__ = "milestones"

    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True)
    title = db.Column(db.String(200), nullable=False)
    due_date = db.Column(db.Date, nullable=False, index=True)
    done_at = db.Column(db.DateTime, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    project = db.relationship("Project", back_populates="milestones")

    def is_overdue(self, today):
        return self.done_at is None and self.due_date < today


class FollowUp(db.Model):
    """A follow-up record (跟踪记录) with the actual figures achieved so far."""

    __tablename__ = "follow_ups"

    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    organisation_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False)
    date = db.Column(db.Date, nullable=False)
    content = db.Column(db.Text, nullable=False)
    students_placed = db.Column(db.Integer, nullable=False, default=0)
    apprentices_enrolled = db.Column(db.Integer, nullable=False, default=0)
    employees_trained = db.Column(db.Integer, nullable=False, default=0)
    #: Patents, papers or other R&D results (free text).
    rd_results = db.Column(db.String(500), nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    project = db.relationship("Project", back_populates="follow_ups")
    author = db.relationship("User", lazy="joined")
    organisation = db.relationship("Organisation", lazy="joined")


class ProjectEvent(db.Model):
    """One line of the project's timeline: who did what, when."""

    __tablename__ = "project_events"

    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    organisation_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=True)
    #: created, status, follow_up, file, milestone, milestone_done, summary, confirmed, note.
    kind = db.Column(db.String(30), nullable=False)
    detail = db.Column(db.String(500), nullable=False, default="")

    project = db.relationship("Project", back_populates="events")
    user = db.relationship("User", lazy="joined")
    organisation = db.relationship("Organisation", lazy="joined")

    @property
    def label(self):
        return EVENT_LABELS.get(self.kind, self.kind)

    @property
    def text(self):
        """The detail as the timeline shows it: a status change names the new status in words."""
        if self.kind == "status":
            status, _, _reason = self.detail.partition(":")
            return STATUS_LABELS.get(status, self.detail)
        return self.detail
