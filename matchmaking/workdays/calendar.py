"""Working days (工作日) in mainland China: pure Python, no Flask, no database.

A day is a working day when it is Monday to Friday and not a holiday (法定节假日 and the
days off the State Council's notice adds around it), or when it is a Saturday or Sunday
named as a make-up workday (调休上班).

Counting conventions (the ones notice periods and review deadlines use, "N 个工作日内"):

- `add_working_days(start, n)`: the day `n` working days after `start`; `start` itself is
  never counted, whatever it is. `n == 0` answers `start` when it is a working day, else the
  next working day (a deadline "today" that falls on a day off moves to the next working day).
- `working_days_between(start, end)`: how many working days lie after `start`, up to and
  including `end`; 0 when `end` is not after `start`. So
  `working_days_between(start, add_working_days(start, n)) == n` for every n ≥ 1.
- `next_working_day(day)`: the first working day strictly after `day`.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

SATURDAY = 5
ONE_DAY = timedelta(days=1)


def _date(value):
    """`value` itself when it is a date; a datetime (a stored UTC timestamp?) is refused, not guessed at."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"a calendar date is needed (e.g. core.timeutil.local_today()), not {value!r}")
    return value


def is_weekend(day: date) -> bool:
    return day.weekday() >= SATURDAY


def _weekdays_after(start: date, end: date) -> int:
    """Monday-to-Friday days d with start < d <= end (end > start)."""
    span = (end - start).days
    weeks, rest = divmod(span, 7)
    count = weeks * 5
    weekday = start.weekday()
    for offset in range(1, rest + 1):
        if (weekday + offset) % 7 < SATURDAY:
            count += 1
    return count


@dataclass(frozen=True)
class WorkingCalendar:
    """Weekends off, `holidays` off even on weekdays, `workdays` worked even on weekends."""

    holidays: frozenset = frozenset()
    workdays: frozenset = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        both = self.holidays & self.workdays
        if both:
            raise ValueError(f"a day cannot be both a holiday and a make-up workday: {sorted(both)}")

    def is_working_day(self, day: date) -> bool:
        day = _date(day)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return not is_weekend(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day = _date(day) + ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The date `n` working days after `start` (start not counted); see the module docstring for n == 0."""
        start = _date(start)
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        day = start
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end; 0 when end <= start."""
        start, end = _date(start), _date(end)
        if end <= start:
            return 0
        count = _weekdays_after(start, end)
        count -= sum(1 for day in self.holidays if start < day <= end and not is_weekend(day))
        count += sum(1 for day in self.workdays if start < day <= end and is_weekend(day))
        return count


#: No holidays at all: weekends only.
WEEKENDS_ONLY = WorkingCalendar()
