"""Docking events, registrations, meeting requests and scheduled meetings.

Event dates and times are the wall-clock times of an event held in Yibin, so they
are stored as local (Asia/Shanghai) naive dates and times; every other timestamp
is naive UTC like the rest of the platform."""
from flask_babel import lazy_gettext as _l

from ..core.timeutil import utcnow
from ..extensions import db

STATUS_LABELS = {
    "draft": _l("草稿"),
    "open": _l("报名中"),
    "closed": _l("报名截止"),
    "scheduled": _l("已排程"),
    "held": _l("已举办"),
    "reported": _l("已总结"),
}
REGISTRATION_LABELS = {
    "pending": _l("待审核"),
    "approved": _l("已通过"),
    "rejected": _l("已驳回"),
    "withdrawn": _l("已退出"),
}
PRIORITY_LABELS = {"must": _l("必须见"), "want": _l("希望见"), "nice": _l("可以见"), "bureau": _l("人社局安排")}
REQUEST_LABELS = {"pending": _l("待回复"), "accepted": _l("已接受"), "declined": _l("已婉拒")}
#: Who asked for a meeting.
REQUESTER_LABELS = {
    "school": _l("学校"),
    "enterprise": _l("企业"),
    "bureau": _l("人社局"),
}
MEETING_LABELS = {"scheduled": _l("已安排"), "held": _l("已洽谈"), "no_show": _l("未到场"), "cancelled": _l("已取消")}
OUTCOME_LABELS = {"continue": _l("继续洽谈"), "no_interest": _l("无进一步意向")}


class DockingEvent(db.Model):
    """A 政校企对接活动 organised by the bureau: 1:1 school × enterprise meetings at tables."""

    __tablename__ = "docking_events"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    #: Cluster codes the event focuses on (one or more), a JSON list.
    cluster_codes = db.Column(db.JSON, nullable=False, default=list)
    venue = db.Column(db.String(200), nullable=False, default="")
    #: Local date of the event in Yibin (Asia/Shanghai wall clock, not UTC).
    date = db.Column(db.Date, nullable=False, index=True)
    #: Local wall-clock start and end of the meeting session.
    start_time = db.Column(db.Time, nullable=False)
    end_time = db.Column(db.Time, nullable=False)
    meeting_minutes = db.Column(db.Integer, nullable=False, default=20)
    #: Breaks as a JSON list of ["HH:MM", "HH:MM"] local times (e.g. lunch).
    breaks = db.Column(db.JSON, nullable=False, default=list)
    #: Tables are numbered 1..tables.
    tables = db.Column(db.Integer, nullable=False, default=10)
    #: Slot numbers the bureau has taken out after scheduling (JSON list of ints).
    removed_slots = db.Column(db.JSON, nullable=False, default=list)
    #: Registration window, local dates, both days included.
    registration_opens = db.Column(db.Date, nullable=False)
    registration_closes = db.Column(db.Date, nullable=False)
    #: Most registrations (pending or approved) per side: schools and enterprises each.
    capacity_per_side = db.Column(db.Integer, nullable=False, default=30)
    #: draft → open → closed → scheduled → held → reported (see events.lifecycle).
    status = db.Column(db.String(20), nullable=False, default="draft", index=True)
    #: What the last scheduling run could not place: JSON list of {school, enterprise, reason, participant}.
    unplaced = db.Column(db.JSON, nullable=False, default=list)
    scheduled_at = db.Column(db.DateTime, nullable=True)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    registrations = db.relationship("Registration", back_populates="event", order_by="Registration.id",
                                    cascade="all, delete-orphan")
    meetings = db.relationship("Meeting", back_populates="event", order_by="Meeting.slot, Meeting.table",
                               cascade="all, delete-orphan")

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_open(self):
        """Open for registration (the dates are checked by the registration rule)."""
        return self.status == "open"

    @property
    def is_public(self):
        return self.status != "draft"


class Registration(db.Model):
    """A school or enterprise signed up for an event."""

    __tablename__ = "event_registrations"
    __table_args__ = (db.UniqueConstraint("event_id", "organisation_id", name="uq_event_registrations_org"),)

    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, db.ForeignKey("docking_events.id", ondelete="CASCADE"), nullable=False, index=True)
    organisation_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    #: "school" or "enterprise", copied from the organisation for counting per side.
    side = db.Column(db.String(20), nullable=False)
    #: Who attends: names (and roles) as typed, one line each.
    attendees = db.Column(db.Text, nullable=False, default="")
    #: Slot numbers the organisation cannot attend (JSON list of ints).
    unavailable_slots = db.Column(db.JSON, nullable=False, default=list)
    #: pending → approved | rejected; approved or pending → withdrawn.
    status = db.Column(db.String(20), nullable=False, default="pending", index=True)
    rejection_reason = db.Column(db.String(500), nullable=False, default="")
    #: The code shown as a QR code on the agenda and typed or scanned at the desk.
    checkin_code = db.Column(db.String(16), nullable=False, unique=True)
    checked_in_at = db.Column(db.DateTime, nullable=True)
    registered_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    decided_at = db.Column(db.DateTime, nullable=True)

    event = db.relationship("DockingEvent", back_populates="registrations")
    organisation = db.relationship("Organisation", lazy="joined")

    @property
    def status_label(self):
        return REGISTRATION_LABELS[self.status]


class MeetingRequest(db.Model):
    """A wish that a school and an enterprise meet at the event."""

    __tablename__ = "event_meeting_requests"
    __table_args__ = (db.UniqueConstraint("event_id", "school_id", "enterprise_id", "requested_by",
                                          name="uq_event_meeting_requests_pair"),)

    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, db.ForeignKey("docking_events.id", ondelete="CASCADE"), nullable=False, index=True)
    school_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    enterprise_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    #: "school", "enterprise" (the side that asked) or "bureau" (a meeting the bureau wants).
    requested_by = db.Column(db.String(20), nullable=False)
    #: must / want / nice, or "bureau".
    priority = db.Column(db.String(10), nullable=False, default="want")
    #: pending → accepted | declined; the bureau's requests start accepted.
    status = db.Column(db.String(20), nullable=False, default="pending", index=True)
    message = db.Column(db.String(500), nullable=False, default="")
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    responded_at = db.Column(db.DateTime, nullable=True)

    school = db.relationship("Organisation", foreign_keys=[school_id], lazy="joined")
    enterprise = db.relationship("Organisation", foreign_keys=[enterprise_id], lazy="joined")

    @property
    def requester_id(self):
        return {"school": self.school_id, "enterprise": self.enterprise_id}.get(self.requested_by)

    @property
    def target_id(self):
        return {"school": self.enterprise_id, "enterprise": self.school_id}.get(self.requested_by)


class Meeting(db.Model):
    """A scheduled 1:1 meeting: slot × table, with what happened and what came of it."""

    __tablename__ = "event_meetings"

    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, db.ForeignKey("docking_events.id", ondelete="CASCADE"), nullable=False, index=True)
    school_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    enterprise_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    #: Slot number as derived by events.slots (gaps mark breaks).
    slot = db.Column(db.Integer, nullable=False)
    #: Table number, 1-based.
    table = db.Column(db.Integer, nullable=False)
    #: Local (Asia/Shanghai) wall-clock start and end, derived from the slot.
    starts_at = db.Column(db.DateTime, nullable=False)
    ends_at = db.Column(db.DateTime, nullable=False)
    #: The scheduler's tier: 0 mutual/bureau, 1 must, 2 want, 3 nice, 4 recommended.
    tier = db.Column(db.Integer, nullable=False, default=4)
    #: scheduled → held | no_show; cancelled when rescheduling drops it.
    status = db.Column(db.String(20), nullable=False, default="scheduled", index=True)
    #: Why rescheduling dropped it (a scheduler reason code).
    cancel_reason = db.Column(db.String(40), nullable=False, default="")
    #: Stable iCalendar UID, and the SEQUENCE bumped every time the meeting changes.
    uid = db.Column(db.String(80), nullable=False, unique=True)
    sequence = db.Column(db.Integer, nullable=False, default=0)
    #: Each side's intention after a held meeting: "continue" or "no_interest".
    school_outcome = db.Column(db.String(20), nullable=False, default="")
    enterprise_outcome = db.Column(db.String(20), nullable=False, default="")
    #: The pairing proposed from this meeting (继续洽谈).
    pairing_id = db.Column(db.Integer, db.ForeignKey("pairings.id"), nullable=True, index=True)
    marked_by_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    event = db.relationship("DockingEvent", back_populates="meetings")
    school = db.relationship("Organisation", foreign_keys=[school_id], lazy="joined")
    enterprise = db.relationship("Organisation", foreign_keys=[enterprise_id], lazy="joined")
    pairing = db.relationship("Pairing")

    @property
    def status_label(self):
        return MEETING_LABELS[self.status]

    def side_of(self, organisation_id):
        if organisation_id == self.school_id:
            return "school"
        if organisation_id == self.enterprise_id:
            return "enterprise"
        return None

    def counterpart_of(self, organisation_id):
        return self.enterprise if organisation_id == self.school_id else self.school
