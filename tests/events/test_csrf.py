"""With CSRF on (as in production) every event form carries a token and a post without one fails."""
import re

import pytest

from matchmaking.extensions import db
from matchmaking.events.models import MeetingRequest


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def _login(app, user):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', page)
    client.post("/login", data={"email": user.email, "password": "Yibin#2026pass", "csrf_token": token.group(1) or token.group(2)})
    return client


def _forms_without_token(html):
    forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, flags=re.S)
    return [f[:120] for f in forms if "csrf_token" not in f]


def test_every_post_form_has_a_token(app, pair, officer, ev):
    event = ev.event(status="scheduled")
    school_reg = ev.registration(event, pair.school)
    ev.registration(event, pair.enterprise, status="pending")
    db.session.add(MeetingRequest(event_id=event.id, school_id=pair.school.id, enterprise_id=pair.enterprise.id,
                                  requested_by="school", priority="want"))
    db.session.commit()
    bureau = _login(app, officer)
    for path in (f"/events/manage/{event.id}", f"/events/manage/{event.id}/checkin", f"/events/manage/{event.id}/edit",
                 f"/events/manage/{event.id}/agenda/{school_reg.id}"):
        html = bureau.get(path).get_data(as_text=True)
        assert _forms_without_token(html) == [], path
    school = _login(app, pair.school_user)
    for path in (f"/events/{event.id}", f"/events/{event.id}/requests", f"/events/{event.id}/agenda"):
        html = school.get(path).get_data(as_text=True)
        assert _forms_without_token(html) == [], path
    assert school.post(f"/events/{event.id}/withdraw").status_code == 400
