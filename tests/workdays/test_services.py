"""The calendar from the table: the seeded 2026 schedule, edits taking effect, refusals, the audit log, seeding."""
from datetime import date

import pytest
from sqlalchemy import select

from matchmaking.audit.models import AuditEntry
from matchmaking.core.errors import Conflict, DomainError, NotFound
from matchmaking.extensions import db
from matchmaking.workdays import services
from matchmaking.workdays.calendar import is_weekend
from matchmaking.workdays.models import CalendarDay
from matchmaking.workdays.seed import HOLIDAYS_2026_2027, seed_calendar, seed_rows

D = date.fromisoformat


def _audit(action):
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


# --- the seeded schedule ---------------------------------------------------------------------

def test_2026_is_seeded_as_the_notice_reads(app):
    assert not services.is_working_day(D("2026-01-02"))  # 元旦, Friday
    assert services.is_working_day(D("2026-01-04"))  # Sunday worked
    assert services.add_working_days(D("2026-02-12"), 5) == D("2026-02-26")
    assert services.add_working_days(D("2026-09-30"), 1) == D("2026-10-08")
    assert services.is_working_day(D("2026-05-09"))  # Saturday worked after 劳动节
    assert not services.is_working_day(D("2026-06-19"))  # 端午, Friday
    # 261 weekdays, 19 of them off, 6 weekend days worked.
    assert services.working_days_between(D("2025-12-31"), D("2026-12-31")) == 248


def test_the_shipped_data_is_consistent():
    rows = seed_rows()
    days = [row["day"] for row in rows]
    assert len(days) == len(set(days)), "a day listed twice"
    assert all(is_weekend(row["day"]) for row in rows if row["kind"] == "workday"), "a make-up day must be a weekend day"
    assert all(row["name"] and len(row["name"]) <= 30 for row in rows)
    assert all(first <= last for first, last, _, _ in HOLIDAYS_2026_2027)
    # 2027 (provisional): every statutory day is off.
    statutory_2027 = ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05",
                      "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02", "2027-10-03"]
    holidays = {row["day"] for row in rows if row["kind"] == "holiday"}
    assert {D(day) for day in statutory_2027} <= holidays


def test_seeding_is_idempotent_and_leaves_the_bureaus_work_alone(app, officer):
    assert seed_calendar() == 0
    services.save_day(D("2026-02-15"), "holiday", "春节假期", by=officer)
    services.delete_day(D("2026-05-09"), by=officer)
    db.session.commit()
    assert seed_calendar() == 0
    assert db.session.get(CalendarDay, D("2026-02-15")).name == "春节假期"
    assert db.session.get(CalendarDay, D("2026-05-09")) is None  # a deletion survives a restart


def test_a_year_with_no_rows_is_seeded_again(app):
    db.session.execute(CalendarDay.__table__.delete().where(CalendarDay.day >= D("2027-01-01")))
    db.session.commit()
    added = seed_calendar()
    assert added == sum(1 for row in seed_rows() if row["day"].year == 2027)
    assert not services.is_working_day(D("2027-02-08"))


# --- edits -----------------------------------------------------------------------------------

def test_a_new_holiday_takes_effect_and_is_audited(app, officer):
    assert services.is_working_day(D("2026-12-31"))
    row = services.save_day(D("2026-12-31"), "holiday", "  跨年调休  ", by=officer)
    db.session.commit()
    assert row.name == "跨年调休"
    assert not services.is_working_day(D("2026-12-31"))
    assert services.add_working_days(D("2026-12-30"), 1) == D("2027-01-04")  # 31 off, then 元旦 1–3
    entry = _audit("workdays.save")[-1]
    assert (entry.user_id, entry.object_type, entry.object_id) == (officer.id, "calendar_days", "2026-12-31")
    assert "holiday" in entry.detail and "跨年调休" in entry.detail


def test_a_new_make_up_saturday_takes_effect(app, officer):
    services.save_day(D("2026-03-07"), "workday", "补班", by=officer)
    db.session.commit()
    assert services.add_working_days(D("2026-03-06"), 1) == D("2026-03-07")


def test_changing_a_row_is_audited_with_before_and_after(app, officer):
    services.save_day(D("2026-02-16"), "holiday", "除夕", by=officer)
    db.session.commit()
    assert db.session.get(CalendarDay, D("2026-02-16")).name == "除夕"
    assert "holiday 春节 → holiday 除夕" in _audit("workdays.save")[-1].detail


def test_a_seeded_weekend_day_of_a_holiday_span_can_be_renamed(app, officer):
    services.save_day(D("2026-02-21"), "holiday", "春节（周六）", by=officer)  # kept kind, on a Saturday
    assert db.session.get(CalendarDay, D("2026-02-21")).name == "春节（周六）"


def test_deleting_a_day_takes_effect_and_is_audited(app, officer):
    services.delete_day(D("2026-02-16"), by=officer)
    db.session.commit()
    assert services.is_working_day(D("2026-02-16"))
    entry = _audit("workdays.delete")[-1]
    assert (entry.object_id, entry.detail) == ("2026-02-16", "holiday 春节")
    with pytest.raises(Conflict):
        services.delete_day(D("2026-02-16"), by=officer)


@pytest.mark.parametrize("day, kind, name, field, message", [
    ("2026-03-07", "holiday", "周末", "kind", "本来就休息"),  # a new holiday on a Saturday
    ("2026-03-09", "workday", "补班", "kind", "本来就上班"),  # a new make-up day on a Monday
    ("2026-02-16", "workday", "补班", "kind", "本来就上班"),  # an existing Monday holiday turned into a make-up day
    ("2026-02-14", "holiday", "春节", "kind", "本来就休息"),  # an existing make-up Saturday turned into a holiday
    ("2026-03-09", "vacation", "假", "kind", "请选择放假或调休上班"),
    ("2026-03-09", "holiday", "   ", "name", "请填写名称"),
    ("2026-03-09", "holiday", "春" * 31, "name", "不能超过 30 个字符"),
])
def test_refusals_name_the_field_and_write_nothing(app, officer, day, kind, name, field, message):
    before = {(row.day, row.kind, row.name) for row in db.session.scalars(select(CalendarDay))}
    with pytest.raises(DomainError) as refused:
        services.save_day(D(day), kind, name, by=officer)
    assert refused.value.field == field and message in str(refused.value.message)
    db.session.rollback()
    assert {(row.day, row.kind, row.name) for row in db.session.scalars(select(CalendarDay))} == before
    assert _audit("workdays.save") == []


def test_a_name_of_exactly_the_limit_is_accepted(app, officer):
    services.save_day(D("2026-03-09"), "holiday", "春" * 30, by=officer)
    assert db.session.get(CalendarDay, D("2026-03-09")).name == "春" * 30


def test_get_day_of_a_day_not_in_the_table_is_not_found(app):
    with pytest.raises(NotFound):
        services.get_day(D("2026-03-09"))


def test_listing_by_year(app):
    rows = services.days_of_year(2026)
    assert [row.day for row in rows] == sorted(row.day for row in rows)
    assert {row.day.year for row in rows} == {2026} and len(rows) == 39  # 33 days off, 6 make-up days
    assert services.days_of_year(2030) == []
    assert services.years() == [2026, 2027]


# --- the per-request copy ---------------------------------------------------------------------

def test_within_a_request_the_table_is_read_once_and_again_after_an_edit(app, officer):
    with app.test_request_context("/"):
        first = services.calendar()
        assert services.calendar() is first
        services.save_day(D("2026-03-09"), "holiday", "临时放假", by=officer)
        assert services.calendar() is not first
        assert not services.is_working_day(D("2026-03-09"))
        services.delete_day(D("2026-03-09"), by=officer)
        assert services.is_working_day(D("2026-03-09"))
        db.session.rollback()


def test_outside_a_request_every_call_reads_the_table(app):
    first = services.calendar()
    db.session.execute(CalendarDay.__table__.delete().where(CalendarDay.day == D("2026-02-16")))
    assert services.calendar() is not first and services.is_working_day(D("2026-02-16"))
    db.session.rollback()
