"""Policy items the bureau publishes: a Markdown body, a category, the period in force and the
units responsible. Dates are local (Asia/Shanghai) calendar dates; timestamps are naive UTC."""
from ..core.i18n import N_
from ..core.timeutil import utcnow
from ..extensions import db

#: Category codes and their labels (translated where shown).
CATEGORIES = {
    "funding": N_("资金奖补"),
    "certification": N_("认定评价"),
    "talent": N_("人才培养"),
    "platform": N_("平台建设"),
    "teachers": N_("师资队伍"),
    "cooperation": N_("校企合作"),
}
STATUSES = {"draft": N_("草稿"), "published": N_("已发布"), "archived": N_("已归档")}


class Policy(db.Model):
    """One policy measure (政策条目) in the bureau's policy release."""

    __tablename__ = "policies"
    __table_args__ = (
        db.CheckConstraint("effective_until IS NULL OR effective_until >= effective_from", name="dates"),
    )

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    #: Markdown; rendered and sanitised on display (policies.rendering), never stored as HTML.
    body = db.Column(db.Text, nullable=False, default="")
    category = db.Column(db.String(30), nullable=False, index=True)
    effective_from = db.Column(db.Date, nullable=False, index=True)
    #: Empty: in force until further notice (长期有效).
    effective_until = db.Column(db.Date, nullable=True)
    #: 牵头单位
    lead_unit = db.Column(db.String(120), nullable=False, default="")
    #: 责任单位, a JSON list of names.
    responsible_units = db.Column(db.JSON, nullable=False, default=list)
    #: The document the measure comes from (政策依据).
    source_document = db.Column(db.String(200), nullable=False, default="")
    #: draft → published → archived (an archived policy may be published again).
    status = db.Column(db.String(20), nullable=False, default="draft", index=True)
    published_at = db.Column(db.DateTime, nullable=True, index=True)
    archived_at = db.Column(db.DateTime, nullable=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    @property
    def is_draft(self):
        return self.status == "draft"

    @property
    def is_published(self):
        return self.status == "published"

    @property
    def is_archived(self):
        return self.status == "archived"

    @property
    def category_label(self):
        return CATEGORIES.get(self.category, self.category)

    def in_force_on(self, day):
        """True when `day` lies in the policy's period (both ends included)."""
        return self.effective_from <= day and (self.effective_until is None or day <= self.effective_until)
