"""With CSRF on (as in production): the calendar's forms carry a token, posts without one fail, the GET calculator needs none."""
import re
from datetime import date

import pytest

from matchmaking.extensions import db
from matchmaking.workdays.models import CalendarDay

from ..conftest import PASSWORD

URL = "/bureau/calendar"


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def _token(html):
    return re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html).group(1)


@pytest.fixture
def bureau_csrf(app, make):
    officer = make.user(make.bureau())
    client = app.test_client()
    token = _token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": officer.email, "password": PASSWORD, "csrf_token": token})
    return client


def _row(day):
    db.session.expire_all()
    return db.session.get(CalendarDay, date.fromisoformat(day))


def test_posts_without_a_token_are_refused(bureau_csrf):
    assert bureau_csrf.post(URL, data={"day": "2026-03-09", "kind": "holiday", "name": "放假"}).status_code == 400
    assert bureau_csrf.post(f"{URL}/2026-02-16/edit", data={"kind": "holiday", "name": "改名"}).status_code == 400
    assert bureau_csrf.post(f"{URL}/2026-02-16/delete").status_code == 400
    assert _row("2026-03-09") is None and _row("2026-02-16").name == "春节"


def test_every_form_carries_a_token_and_works_with_it(bureau_csrf):
    html = bureau_csrf.get(f"{URL}?year=2026").get_data(as_text=True)
    assert html.count('name="csrf_token"') >= 2  # the add form and every delete button
    token = _token(html)
    response = bureau_csrf.post(URL, data={"day": "2026-03-09", "kind": "holiday", "name": "放假", "csrf_token": token})
    assert response.status_code == 302 and _row("2026-03-09").name == "放假"
    token = _token(bureau_csrf.get(f"{URL}/2026-03-09/edit").get_data(as_text=True))
    response = bureau_csrf.post(f"{URL}/2026-03-09/edit", data={"kind": "holiday", "name": "临时放假", "csrf_token": token})
    assert response.status_code == 302 and _row("2026-03-09").name == "临时放假"
    response = bureau_csrf.post(f"{URL}/2026-03-09/delete", data={"csrf_token": token})
    assert response.status_code == 302 and _row("2026-03-09") is None


def test_the_calculator_needs_no_token(bureau_csrf):
    html = bureau_csrf.get(URL, query_string={"start": "2026-02-12", "days": "5"}).get_data(as_text=True)
    assert "第 5 个工作日是 2026-02-26" in html
