"""With CSRF on (as in production) the bureau's policy forms carry a token and a post without one fails."""
import re

import pytest

from matchmaking.extensions import db
from matchmaking.policies.models import Policy

from ..conftest import PASSWORD
from .conftest import form_data


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def _token(html):
    match = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    return match.group(1)


@pytest.fixture
def bureau_csrf(app, make):
    officer = make.user(make.bureau())
    client = app.test_client()
    token = _token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": officer.email, "password": PASSWORD, "csrf_token": token})
    return client


def test_posts_without_a_token_are_refused(bureau_csrf, policy):
    item = policy(status="draft")
    assert bureau_csrf.post("/policies/manage/new", data=form_data()).status_code == 400
    assert bureau_csrf.post(f"/policies/manage/{item.id}/publish").status_code == 400
    assert db.session.get(Policy, item.id).status == "draft"


def test_every_form_carries_a_token_and_works_with_it(bureau_csrf, policy):
    item = policy(status="draft")
    detail = bureau_csrf.get(f"/policies/{item.id}").get_data(as_text=True)
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', detail, flags=re.S)
    assert forms and all("csrf_token" in form for form in forms)
    page = bureau_csrf.get("/policies/manage/new").get_data(as_text=True)
    response = bureau_csrf.post("/policies/manage/new", data=form_data(csrf_token=_token(page)))
    assert response.status_code == 302
    response = bureau_csrf.post(f"/policies/manage/{item.id}/publish", data={"csrf_token": _token(detail)})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Policy, item.id).status == "published"
