import pytest

from matchmaking.extensions import db
from matchmaking.programmes.models import Programme

from ..conftest import PASSWORD


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def _csrf_token(client, path="/login"):
    import re

    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_post_without_csrf_token_is_refused(client, make):
    make.user(make.school(), email="teacher@example.cn")
    response = client.post("/login", data={"email": "teacher@example.cn", "password": PASSWORD})
    assert response.status_code == 400
    assert "表单校验失败" in response.get_data(as_text=True)


def test_post_with_csrf_token_works(client, make):
    make.user(make.school(), email="teacher@example.cn")
    token = _csrf_token(client)
    response = client.post("/login", data={"email": "teacher@example.cn", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def test_state_change_needs_csrf_even_when_logged_in(client, make):
    user = make.user(make.school(), email="teacher@example.cn")
    programme = make.programme(user.organisation, status="draft")
    token = _csrf_token(client)
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert client.post(f"/programmes/{programme.id}/publish").status_code == 400
    db.session.refresh(programme)
    assert programme.status == "draft"


def test_logout_is_not_possible_over_get(client):
    response = client.get("/logout")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_session_cookie_is_httponly(client, make):
    make.user(make.school(), email="teacher@example.cn")
    token = _csrf_token(client)
    response = client.post("/login", data={"email": "teacher@example.cn", "password": PASSWORD, "csrf_token": token})
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_have_no_inline_script(client):
    html = client.get("/").get_data(as_text=True)
    assert "<script>" not in html and "onclick=" not in html


def test_output_is_escaped(client, make):
    make.programme(make.school(), title="<script>alert(1)</script>电池")
    html = client.get("/programmes").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
