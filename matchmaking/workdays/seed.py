"""The holiday schedules the platform ships with, and seeding them into the table.

Each entry is (first day, last day, kind, name), as the State Council's notice words it:
a holiday span lists every day off, weekends included, so the table reads like the notice.

2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11, gov.cn content_7047090/7047091).

2027: PROVISIONAL. The 2027 notice had not been published when this was written, so the
2027 rows are derived from the statutory days (《全国年节及纪念日放假办法》 as revised in
2024: 元旦 1 day, 春节 4 days from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3) and the
customary pattern (春节 8 days from 除夕, 劳动节 5, 国庆 7; a festival on a Wednesday is one day
off; a statutory day on a weekend is made up on a weekday). Lunar dates: 除夕 2027-02-05,
春节 02-06, 清明 04-05, 端午 06-09, 中秋 09-15. The bureau must check these rows against the
official 2027 notice when it appears and correct them on the 节假日 page (/bureau/calendar).
"""
from datetime import date, timedelta

from sqlalchemy import extract, func, select

from ..extensions import db
from .models import HOLIDAY, WORKDAY, CalendarDay

HOLIDAYS_2026_2027 = (
    # --- 2026, official ---
    ("2026-01-01", "2026-01-03", HOLIDAY, "元旦"),
    ("2026-01-04", "2026-01-04", WORKDAY, "元旦调休上班"),
    ("2026-02-14", "2026-02-14", WORKDAY, "春节调休上班"),
    ("2026-02-15", "2026-02-23", HOLIDAY, "春节"),
    ("2026-02-28", "2026-02-28", WORKDAY, "春节调休上班"),
    ("2026-04-04", "2026-04-06", HOLIDAY, "清明节"),
    ("2026-05-01", "2026-05-05", HOLIDAY, "劳动节"),
    ("2026-05-09", "2026-05-09", WORKDAY, "劳动节调休上班"),
    ("2026-06-19", "2026-06-21", HOLIDAY, "端午节"),
    ("2026-09-20", "2026-09-20", WORKDAY, "国庆节调休上班"),
    ("2026-09-25", "2026-09-27", HOLIDAY, "中秋节"),
    ("2026-10-01", "2026-10-07", HOLIDAY, "国庆节"),
    ("2026-10-10", "2026-10-10", WORKDAY, "国庆节调休上班"),
    # --- 2027, PROVISIONAL (see the module docstring): check against the official notice ---
    # 元旦 is a Friday: Fri–Sun off, nothing to make up.
    ("2027-01-01", "2027-01-03", HOLIDAY, "元旦"),
    # 8 days from 除夕 (Fri 02-05 to Fri 02-12): 4 statutory days (two of them on the weekend, given back
    # on Tue 9 and Wed 10) cover 4 of the 6 weekdays; Thu 11 and Fri 12 are made up on Sun 01-31 and Sat 02-13
    # (as in 2024, when 初一 also fell on a Saturday).
    ("2027-01-31", "2027-01-31", WORKDAY, "春节调休上班"),
    ("2027-02-05", "2027-02-12", HOLIDAY, "春节"),
    ("2027-02-13", "2027-02-13", WORKDAY, "春节调休上班"),
    # 清明 is a Monday: Sat–Mon off.
    ("2027-04-03", "2027-04-05", HOLIDAY, "清明节"),
    # 5 days: May 1–2 fall on the weekend (given back Mon 3, Tue 4); Wed 5 is made up on Sat 05-08.
    ("2027-05-01", "2027-05-05", HOLIDAY, "劳动节"),
    ("2027-05-08", "2027-05-08", WORKDAY, "劳动节调休上班"),
    # 端午 and 中秋 fall on a Wednesday: one day off each (as 元旦 2025).
    ("2027-06-09", "2027-06-09", HOLIDAY, "端午节"),
    ("2027-09-15", "2027-09-15", HOLIDAY, "中秋节"),
    # 7 days from Fri 10-01: Oct 2–3 given back Mon 4, Tue 5; Wed 6 and Thu 7 made up on Sun 09-26 and
    # Sat 10-09 (as in 2021, when Oct 1 was also a Friday).
    ("2027-09-26", "2027-09-26", WORKDAY, "国庆节调休上班"),
    ("2027-10-01", "2027-10-07", HOLIDAY, "国庆节"),
    ("2027-10-09", "2027-10-09", WORKDAY, "国庆节调休上班"),
)

#: Years whose rows are a provisional schedule, not yet checked against the official notice.
PROVISIONAL_YEARS = frozenset({2027})


def seed_rows(entries=HOLIDAYS_2026_2027):
    """Every day of `entries` as a dict(day=, kind=, name=), in date order."""
    rows = []
    for first, last, kind, name in entries:
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        while day <= end:
            rows.append({"day": day, "kind": kind, "name": name})
            day += timedelta(days=1)
    return sorted(rows, key=lambda row: row["day"])


def seed_calendar():
    """Insert the shipped schedule of every year the table holds nothing for yet; returns how many rows.

    Idempotent, and it never undoes the bureau's work: once a year has any row, that year
    belongs to the bureau (its edits and deletions stay as they are on every restart)."""
    years_present = set(db.session.scalars(select(func.distinct(extract("year", CalendarDay.day)))))
    years_present = {int(year) for year in years_present if year is not None}
    added = 0
    for row in seed_rows():
        if row["day"].year in years_present:
            continue
        db.session.add(CalendarDay(**row))
        added += 1
    db.session.flush()
    return added
