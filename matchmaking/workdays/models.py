"""The holiday table: one row per day that differs from "Monday to Friday are worked"."""
from ..core.i18n import N_
from ..core.timeutil import utcnow
from ..extensions import db

HOLIDAY = "holiday"
WORKDAY = "workday"
KIND_LABELS = {
    HOLIDAY: N_("放假"),
    WORKDAY: N_("调休上班"),
}
NAME_MAX = 30


class CalendarDay(db.Model):
    """A day off (法定节假日 and the days the notice adds, weekdays included) or a weekend
    day that is worked (调休上班)."""

    __tablename__ = "calendar_days"

    day = db.Column(db.Date, primary_key=True)
    #: "holiday" or "workday".
    kind = db.Column(db.String(10), nullable=False)
    #: As the notice names it: "春节", "春节调休上班".
    name = db.Column(db.String(NAME_MAX), nullable=False, default="")
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    @property
    def is_holiday(self):
        return self.kind == HOLIDAY

    @property
    def is_workday(self):
        return self.kind == WORKDAY

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)
