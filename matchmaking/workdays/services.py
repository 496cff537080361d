"""Working days from the bureau's holiday table, and the bureau's edits to it.

Other domains count in working days with `add_working_days(start, n)` and
`working_days_between(start, end)` (conventions in `calendar.py`). The table is read once
per request (kept in `flask.g`) and again after every edit, so a change shows in the very
next request; outside a request (jobs, the shell) it is read on every call."""
from datetime import date

from flask import g, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import extract, func, select

from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotFound
from ..extensions import db
from .calendar import WorkingCalendar, is_weekend
from .models import HOLIDAY, KIND_LABELS, NAME_MAX, WORKDAY, CalendarDay

_CACHE = "_working_calendar"


# --- reading -----------------------------------------------------------------------------------

def _load():
    rows = db.session.execute(select(CalendarDay.day, CalendarDay.kind)).all()
    return WorkingCalendar(holidays={day for day, kind in rows if kind == HOLIDAY},
                           workdays={day for day, kind in rows if kind == WORKDAY})


def calendar() -> WorkingCalendar:
    """The working calendar as the table holds it now."""
    if not has_request_context():
        return _load()
    cached = g.get(_CACHE)
    if cached is None:
        cached = _load()
        setattr(g, _CACHE, cached)
    return cached


def _forget():
    if has_request_context():
        g.pop(_CACHE, None)


def is_working_day(day: date) -> bool:
    return calendar().is_working_day(day)


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    return calendar().next_working_day(day)


def add_working_days(start: date, n: int) -> date:
    """The date `n` working days after `start` (start not counted); n == 0: start if it is a
    working day, else the next working day. ValueError for a negative n."""
    return calendar().add_working_days(start, n)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; 0 when end <= start."""
    return calendar().working_days_between(start, end)


def days_of_year(year: int):
    """The table's rows of `year`, in date order."""
    return list(db.session.scalars(
        select(CalendarDay).where(extract("year", CalendarDay.day) == year).order_by(CalendarDay.day)))


def years():
    """Every year the table has rows for, ascending."""
    values = db.session.scalars(select(func.distinct(extract("year", CalendarDay.day))))
    return sorted(int(value) for value in values if value is not None)


def get_day(day: date) -> CalendarDay:
    row = db.session.get(CalendarDay, day)
    if row is None:
        raise NotFound(_l("该日期不在节假日表中。"))
    return row


# --- the bureau's edits ------------------------------------------------------------------------

def _check(day, kind, name, existing):
    if not isinstance(day, date):
        raise DomainError(_l("请填写有效日期。"), field="day")
    if kind not in KIND_LABELS:
        raise DomainError(_l("请选择放假或调休上班。"), field="kind")
    if not name:
        raise DomainError(_l("请填写名称。"), field="name")
    if len(name) > NAME_MAX:
        raise DomainError(_l("名称不能超过 %(n)s 个字符。", n=NAME_MAX), field="name")
    # A row that repeats what the week already says changes nothing. An existing row may keep
    # its kind (the seeded spans list weekend days of a holiday, as the notice does) and be renamed.
    if existing is not None and existing.kind == kind:
        return
    if kind == HOLIDAY and is_weekend(day):
        raise DomainError(_l("该日是周末，本来就休息，无需设为放假。"), field="kind")
    if kind == WORKDAY and not is_weekend(day):
        raise DomainError(_l("该日是周一至周五，本来就上班，无需设为调休上班。"), field="kind")


def save_day(day: date, kind: str, name: str, *, by) -> CalendarDay:
    """Add the day to the table, or change its kind and name."""
    name = (name or "").strip()
    row = db.session.get(CalendarDay, day) if isinstance(day, date) else None
    _check(day, kind, name, row)
    if row is None:
        row = CalendarDay(day=day, kind=kind, name=name)
        db.session.add(row)
        detail = f"{kind} {name}"
    else:
        detail = f"{row.kind} {row.name} → {kind} {name}"
        row.kind, row.name = kind, name
    db.session.flush()
    record("workdays.save", user=by, object_type=CalendarDay.__tablename__, object_id=day.isoformat(), detail=detail)
    _forget()
    return row


def delete_day(day: date, *, by) -> None:
    """Remove the day from the table: it becomes an ordinary weekday or weekend day again."""
    row = db.session.get(CalendarDay, day)
    if row is None:  # deleted meanwhile (a second click, another officer)
        raise Conflict(_l("该日期已不在节假日表中。"))
    detail = f"{row.kind} {row.name}"
    db.session.delete(row)
    db.session.flush()
    record("workdays.delete", user=by, object_type=CalendarDay.__tablename__, object_id=day.isoformat(), detail=detail)
    _forget()
