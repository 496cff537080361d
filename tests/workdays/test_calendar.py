"""The pure working calendar: weekends, holidays on weekdays, make-up Saturdays and Sundays, counting."""
from datetime import date, timedelta

import pytest

from matchmaking.workdays.calendar import WEEKENDS_ONLY, WorkingCalendar


def _span(first, last):
    day, days = date.fromisoformat(first), set()
    while day <= date.fromisoformat(last):
        days.add(day)
        day += timedelta(days=1)
    return days


#: The 2026 notice's Spring Festival, Mid-Autumn and National Day, written out here (not read from the seed).
CAL_2026 = WorkingCalendar(
    holidays=_span("2026-02-15", "2026-02-23") | _span("2026-09-25", "2026-09-27") | _span("2026-10-01", "2026-10-07"),
    workdays={date(2026, 2, 14), date(2026, 2, 28), date(2026, 9, 20), date(2026, 10, 10)},
)
D = date.fromisoformat


def test_weekends_are_off_and_weekdays_worked():
    assert WEEKENDS_ONLY.is_working_day(D("2026-03-06"))  # Friday
    assert not WEEKENDS_ONLY.is_working_day(D("2026-03-07"))  # Saturday
    assert not WEEKENDS_ONLY.is_working_day(D("2026-03-08"))  # Sunday
    assert WEEKENDS_ONLY.add_working_days(D("2026-03-06"), 1) == D("2026-03-09")  # Friday + 1 → Monday
    assert WEEKENDS_ONLY.add_working_days(D("2026-03-07"), 1) == D("2026-03-09")  # from a Saturday
    assert WEEKENDS_ONLY.add_working_days(D("2026-03-02"), 10) == D("2026-03-16")  # two full weeks


def test_holidays_are_off_on_weekdays_and_make_up_days_are_worked():
    assert not CAL_2026.is_working_day(D("2026-02-16"))  # Monday in the Spring Festival
    assert not CAL_2026.is_working_day(D("2026-02-23"))  # the last day off is a Monday
    assert CAL_2026.is_working_day(D("2026-02-14"))  # Saturday worked
    assert CAL_2026.is_working_day(D("2026-02-28"))  # Saturday worked
    assert not CAL_2026.is_working_day(D("2026-03-01"))  # an ordinary Sunday stays off
    assert not CAL_2026.is_working_day(D("2026-02-22"))  # a Sunday inside the holiday


def test_five_working_days_across_the_spring_festival():
    # Thu 12 → Fri 13 (1), Sat 14 worked (2), 15–23 off, Tue 24 (3), Wed 25 (4), Thu 26 (5).
    assert CAL_2026.add_working_days(D("2026-02-12"), 5) == D("2026-02-26")
    assert CAL_2026.add_working_days(D("2026-02-12"), 2) == D("2026-02-14")
    assert CAL_2026.add_working_days(D("2026-02-14"), 1) == D("2026-02-24")
    assert CAL_2026.working_days_between(D("2026-02-12"), D("2026-02-26")) == 5
    assert CAL_2026.working_days_between(D("2026-02-14"), D("2026-02-23")) == 0  # all days off after the Saturday


def test_across_national_day_with_both_make_up_days():
    # Fri 18 → Sun 20 worked (1), 21–24 (2–5), 25–27 中秋, 28–30 (6–8), Oct 1–7 国庆, 8, 9 (9, 10), Sat 10 worked (11), Mon 12 (12).
    assert CAL_2026.add_working_days(D("2026-09-18"), 1) == D("2026-09-20")
    assert CAL_2026.add_working_days(D("2026-09-18"), 12) == D("2026-10-12")
    assert CAL_2026.add_working_days(D("2026-09-30"), 1) == D("2026-10-08")
    assert CAL_2026.add_working_days(D("2026-09-30"), 3) == D("2026-10-10")
    assert CAL_2026.working_days_between(D("2026-09-18"), D("2026-10-12")) == 12
    assert CAL_2026.working_days_between(D("2026-09-30"), D("2026-10-11")) == 3  # Oct 8, 9 and Saturday 10


def test_zero_days_is_the_start_when_it_is_worked_else_the_next_working_day():
    assert CAL_2026.add_working_days(D("2026-03-09"), 0) == D("2026-03-09")  # a Monday
    assert CAL_2026.add_working_days(D("2026-02-14"), 0) == D("2026-02-14")  # a worked Saturday
    assert CAL_2026.add_working_days(D("2026-02-16"), 0) == D("2026-02-24")  # inside the holiday
    assert CAL_2026.add_working_days(D("2026-03-07"), 0) == D("2026-03-09")  # an ordinary Saturday


def test_next_working_day_is_strictly_after():
    assert CAL_2026.next_working_day(D("2026-03-09")) == D("2026-03-10")
    assert CAL_2026.next_working_day(D("2026-02-13")) == D("2026-02-14")
    assert CAL_2026.next_working_day(D("2026-09-30")) == D("2026-10-08")
    assert CAL_2026.next_working_day(D("2026-10-09")) == D("2026-10-10")


def test_between_is_zero_when_the_end_is_not_after_the_start():
    assert CAL_2026.working_days_between(D("2026-03-09"), D("2026-03-09")) == 0
    assert CAL_2026.working_days_between(D("2026-03-10"), D("2026-03-09")) == 0
    assert CAL_2026.working_days_between(D("2026-03-09"), D("2026-03-10")) == 1  # the end counts, the start does not


def test_between_agrees_with_counting_day_by_day_and_inverts_add():
    start = D("2026-01-20")
    for offset in range(0, 300, 7):
        first = start + timedelta(days=offset)
        for length in (0, 1, 2, 5, 6, 13, 40, 120):
            last = first + timedelta(days=length)
            by_hand = sum(1 for k in range(1, length + 1) if CAL_2026.is_working_day(first + timedelta(days=k)))
            assert CAL_2026.working_days_between(first, last) == by_hand, (first, last)
        for n in (1, 3, 5, 10, 30):
            assert CAL_2026.working_days_between(first, CAL_2026.add_working_days(first, n)) == n


def test_a_weekday_listed_as_make_up_day_and_a_weekend_listed_as_holiday_change_nothing():
    calendar = WorkingCalendar(holidays={D("2026-03-07")}, workdays={D("2026-03-09")})
    assert calendar.working_days_between(D("2026-03-01"), D("2026-03-31")) == WEEKENDS_ONLY.working_days_between(
        D("2026-03-01"), D("2026-03-31"))


def test_refusals():
    with pytest.raises(ValueError):
        WorkingCalendar(holidays={D("2026-02-14")}, workdays={D("2026-02-14")})
    with pytest.raises(ValueError):
        CAL_2026.add_working_days(D("2026-03-09"), -1)


def test_a_datetime_is_refused_rather_than_guessed_at():
    from datetime import datetime

    for call in (lambda: CAL_2026.add_working_days(datetime(2026, 2, 12, 18), 5),
                 lambda: CAL_2026.working_days_between(D("2026-02-12"), datetime(2026, 2, 26)),
                 lambda: CAL_2026.is_working_day("2026-02-16"),
                 lambda: CAL_2026.next_working_day(None)):
        with pytest.raises(TypeError):
            call()


def test_the_calendar_is_immutable_and_takes_any_iterable():
    calendar = WorkingCalendar(holidays=[D("2026-03-09")])
    assert isinstance(calendar.holidays, frozenset)
    with pytest.raises(AttributeError):
        calendar.holidays = frozenset()
