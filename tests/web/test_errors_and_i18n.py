import pytest


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "页面不存在" in response.get_data(as_text=True)


def test_unexpected_error_shows_no_stack_trace(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in html and "Traceback" not in html
    assert "服务器出了点问题" in html


@pytest.mark.parametrize("path", ["/programmes/abc", "/needs/99999999", "/orgs/0"])
def test_bad_ids_are_404(client, path):
    assert client.get(path).status_code == 404


def test_chinese_by_default_and_english_on_request(client):
    assert "登录" in client.get("/login").get_data(as_text=True)
    response = client.post("/lang", data={"lang": "en", "next": "/login"})
    assert response.headers["Location"].endswith("/login")
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Sign in" in html or "Log in" in html or "Login" in html


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(client):
    response = client.post("/lang", data={"lang": "xx", "next": "https://evil.example/"})
    assert response.headers["Location"].endswith("/")
    assert "登录" in client.get("/login").get_data(as_text=True)


def test_reference_labels_follow_the_language(client, make):
    make.programme(make.school(), cluster_code="baijiu")
    client.post("/lang", data={"lang": "en"})
    html = client.get("/programmes").get_data(as_text=True)
    assert "Baijiu (food &amp; beverage)" in html


def test_dates_are_shown_in_shanghai_time(app, make):
    from datetime import datetime

    from flask import render_template_string

    with app.test_request_context("/"):
        shown = render_template_string("{{ value|datetime }}", value=datetime(2026, 1, 1, 16, 30))
    assert shown == "2026-01-02 00:30"
