"""The bureau's calendar page through HTTP, as its users meet it."""
import re
from datetime import date

import pytest
from sqlalchemy import select

from matchmaking.audit.models import AuditEntry
from matchmaking.extensions import db
from matchmaking.workdays import routes
from matchmaking.workdays.models import CalendarDay

URL = "/bureau/calendar"
D = date.fromisoformat


def _html(response):
    return response.get_data(as_text=True)


def _row(day):
    db.session.expire_all()
    return db.session.get(CalendarDay, D(day))


def _actions():
    return [entry.action for entry in db.session.scalars(select(AuditEntry).where(AuditEntry.action.startswith("workdays.")))]


@pytest.fixture
def in_2026(monkeypatch):
    monkeypatch.setattr(routes, "local_today", lambda: date(2026, 12, 7))


# --- who may ---------------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.post(URL, data={"day": "2026-03-09", "kind": "holiday", "name": "放假"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _row("2026-03-09") is None


@pytest.mark.parametrize("side", ["school", "enterprise"])
def test_schools_and_enterprises_get_403_and_change_nothing(make, login_as, side):
    organisation = make.school() if side == "school" else make.enterprise()
    member = login_as(make.user(organisation))
    assert member.get(URL).status_code == 403
    assert member.get(f"{URL}/2026-02-16/edit").status_code == 403
    assert member.post(URL, data={"day": "2026-03-09", "kind": "holiday", "name": "放假"}).status_code == 403
    assert member.post(f"{URL}/2026-02-16/edit", data={"kind": "holiday", "name": "改名"}).status_code == 403
    assert member.post(f"{URL}/2026-02-16/delete").status_code == 403
    assert _row("2026-03-09") is None and _row("2026-02-16").name == "春节"
    assert _actions() == []


def test_the_bureau_nav_links_to_the_page(bureau):
    html = _html(bureau.get("/bureau/reference"))
    assert f'href="{URL}"' in html and "节假日" in html


# --- the listing -----------------------------------------------------------------------------

def test_this_year_is_shown_by_default(bureau, in_2026):
    response = bureau.get(URL)
    html = _html(response)
    assert response.status_code == 200
    assert "2026 年" in html and "春节调休上班" in html and "02-15" in html and "10-10" in html
    assert "暂定安排" not in html
    assert 'action="/bureau/calendar/2026-02-16/delete"' in html
    assert 'href="/bureau/calendar/2026-02-16/edit"' in html


def test_another_year_and_the_provisional_warning(bureau, in_2026):
    html = _html(bureau.get(f"{URL}?year=2027"))
    assert "2027 年" in html and "暂定安排" in html and "02-05" in html
    assert "2026 年" not in html


@pytest.mark.parametrize("year", ["abc", "20261", "1999", "-1", "２０２７"])
def test_a_bad_year_shows_this_year(bureau, in_2026, year):
    response = bureau.get(URL, query_string={"year": year})
    assert response.status_code == 200 and "2026 年" in _html(response)


def test_a_year_without_rows_says_only_weekends_count(bureau):
    html = _html(bureau.get(f"{URL}?year=2030"))
    assert "尚未录入节假日" in html and "2030 年" in html


# --- adding ----------------------------------------------------------------------------------

def test_the_bureau_adds_a_day_and_it_counts_at_once(bureau, officer):
    response = bureau.post(URL, data={"day": "2026-12-31", "kind": "holiday", "name": "跨年放假"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{URL}?year=2026")
    html = _html(bureau.get(response.headers["Location"]))
    assert "已保存：2026-12-31 跨年放假" in html and "跨年放假" in html
    assert _row("2026-12-31").kind == "holiday"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "workdays.save"))
    assert entry.user_id == officer.id and entry.object_id == "2026-12-31"
    html = _html(bureau.get(URL, query_string={"start": "2026-12-30", "days": "1"}))
    assert "2027-01-04" in html  # the 31st is off now, then 元旦


def test_adding_a_day_that_is_in_the_table_changes_it(bureau):
    response = bureau.post(URL, data={"day": "2026-02-16", "kind": "holiday", "name": "除夕"})
    assert response.status_code == 302
    assert _row("2026-02-16").name == "除夕"


@pytest.mark.parametrize("data, message", [
    ({"day": "2026-03-07", "kind": "holiday", "name": "周六放假"}, "本来就休息"),
    ({"day": "2026-03-09", "kind": "workday", "name": "周一补班"}, "本来就上班"),
])
def test_a_pointless_day_is_refused_at_the_kind_with_what_was_typed(bureau, data, message):
    response = bureau.post(URL, data=data)
    html = _html(response)
    assert response.status_code == 400
    assert message in html
    assert re.search(r'class="field\s*has-error"[^>]*>\s*<label for="kind"', html)
    assert f'value="{data["day"]}"' in html and f'value="{data["name"]}"' in html
    assert re.search(rf'<option selected value="{data["kind"]}"|<option value="{data["kind"]}" selected', html)
    assert _row(data["day"]) is None and _actions() == []


@pytest.mark.parametrize("data, message", [
    ({"day": "2026-02-30", "kind": "holiday", "name": "不存在的日子"}, "请填写有效日期"),
    ({"day": "", "kind": "holiday", "name": "没有日期"}, "请填写有效日期"),
    ({"day": "1999-01-01", "kind": "holiday", "name": "太早"}, "2000 年至 2100 年之间"),
    ({"day": "2026-03-09", "kind": "", "name": "没选类型"}, "请选择放假或调休上班"),
    ({"day": "2026-03-09", "kind": "vacation", "name": "乱填类型"}, "请选择放假或调休上班"),
    ({"day": "2026-03-09", "kind": "holiday", "name": ""}, "请填写名称"),
    ({"day": "2026-03-09", "kind": "holiday", "name": "长" * 31}, "不能超过 30 个字符"),
])
def test_bad_input_is_shown_with_what_was_typed(bureau, data, message):
    response = bureau.post(URL, data=data)
    html = _html(response)
    assert response.status_code == 400 and html.count(message) == 1
    for value in data.values():
        if value:
            assert f'value="{value}"' in html or f'<option selected value="{value}"' in html or value == "vacation"
    assert _row("2026-03-09") is None and _actions() == []


def test_a_refused_add_still_lists_the_typed_days_year(bureau, in_2026):
    html = _html(bureau.post(URL, data={"day": "2027-03-06", "kind": "holiday", "name": "周六"}))
    assert "2027 年" in html and "暂定安排" in html


# --- editing ---------------------------------------------------------------------------------

def test_the_edit_page_shows_the_row_and_saves_it(bureau):
    html = _html(bureau.get(f"{URL}/2026-02-14/edit"))
    assert "2026-02-14" in html and 'value="春节调休上班"' in html and 'name="day"' not in html
    response = bureau.post(f"{URL}/2026-02-14/edit", data={"kind": "workday", "name": "春节前补班"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{URL}?year=2026")
    assert _row("2026-02-14").name == "春节前补班"
    assert _actions() == ["workdays.save"]


def test_a_refused_edit_keeps_what_was_typed(bureau):
    response = bureau.post(f"{URL}/2026-02-16/edit", data={"kind": "workday", "name": "改成补班"})
    html = _html(response)
    assert response.status_code == 400 and "本来就上班" in html and 'value="改成补班"' in html
    assert _row("2026-02-16").kind == "holiday" and _actions() == []
    response = bureau.post(f"{URL}/2026-02-16/edit", data={"kind": "holiday", "name": ""})
    assert response.status_code == 400 and "请填写名称" in _html(response)


@pytest.mark.parametrize("day", ["2026-03-09", "2026-02-30", "not-a-date", "20260216"])
def test_editing_a_day_not_in_the_table_is_404(bureau, day):
    assert bureau.get(f"{URL}/{day}/edit").status_code == 404
    assert bureau.post(f"{URL}/{day}/edit", data={"kind": "holiday", "name": "x"}).status_code == 404
    assert _actions() == []


# --- deleting --------------------------------------------------------------------------------

def test_the_bureau_deletes_a_day_and_it_counts_at_once(bureau):
    assert "2026-02-26" in _html(bureau.get(URL, query_string={"start": "2026-02-12", "days": "5"}))
    response = bureau.post(f"{URL}/2026-02-16/delete")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{URL}?year=2026")
    assert "已删除：2026-02-16" in _html(bureau.get(response.headers["Location"]))
    assert _row("2026-02-16") is None and _actions() == ["workdays.delete"]
    assert "2026-02-25" in _html(bureau.get(URL, query_string={"start": "2026-02-12", "days": "5"}))


def test_deleting_twice_says_so(bureau):
    bureau.post(f"{URL}/2026-02-16/delete")
    response = bureau.post(f"{URL}/2026-02-16/delete")
    assert response.status_code == 302
    assert "已不在节假日表中" in _html(bureau.get(response.headers["Location"]))
    assert _actions() == ["workdays.delete"]


def test_deleting_a_malformed_date_is_404(bureau):
    assert bureau.post(f"{URL}/2026-13-01/delete").status_code == 404
    assert bureau.get(f"{URL}/2026-02-16/delete").status_code == 405


# --- the calculator --------------------------------------------------------------------------

def test_the_calculator_answers(bureau):
    html = _html(bureau.get(URL, query_string={"start": "2026-09-30", "days": "3", "year": "2026"}))
    assert "2026-09-30 之后第 3 个工作日是 2026-10-10" in html
    assert 'value="2026-09-30"' in html and 'value="3"' in html
    html = _html(bureau.get(URL, query_string={"start": "2026-02-16", "days": "0"}))
    assert "第 0 个工作日是 2026-02-24" in html


def test_the_calculator_is_quiet_until_used(bureau):
    html = _html(bureau.get(URL))
    assert "个工作日是" not in html and 'class="error"' not in html


@pytest.mark.parametrize("args, message", [
    ({"start": "2026-09-30", "days": "-1"}, "工作日数须在 0 到 500 之间"),
    ({"start": "2026-09-30", "days": "501"}, "工作日数须在 0 到 500 之间"),
    ({"start": "2026-09-30", "days": "abc"}, "请填写整数"),
    ({"start": "2026-09-30", "days": ""}, "请填写整数"),
    ({"start": "", "days": "3"}, "请填写有效日期"),
    ({"start": "2026-02-30", "days": "3"}, "请填写有效日期"),
    ({"start": "9999-12-31", "days": "500"}, "2000 年至 2100 年之间"),
])
def test_the_calculator_refuses_bad_input_and_keeps_it(bureau, args, message):
    response = bureau.get(URL, query_string=args)
    html = _html(response)
    assert response.status_code == 200 and html.count(message) == 1 and "个工作日是" not in html
    for value in args.values():
        if value:
            assert f'value="{value}"' in html


def test_the_english_page(bureau):
    html = _html(bureau.get(URL, query_string={"lang": "en", "year": "2026", "start": "2026-02-12", "days": "5"}))
    assert "2026-02-26" in html and "Calculator" in html and "Make-up workday" in html
