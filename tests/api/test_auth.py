"""Tokens: issued for good credentials, stored hashed, refused when expired or revoked,
revoked with the user's sessions, locked out and rate-limited like logins."""
import hashlib
import os
from datetime import timedelta

import pytest

from matchmaking.api.models import ApiToken
from matchmaking.core.timeutil import utcnow
from matchmaking.extensions import db

from ..conftest import PASSWORD
from .conftest import Caller, error_of

NEW_PASSWORD = "Sanjiang#2027new"


def _token_row():
    return db.session.scalar(db.select(ApiToken).order_by(ApiToken.id.desc()))


def test_token_for_good_credentials_is_stored_hashed(api, pair):
    response = api.anonymous.post("/auth/token", json={"email": pair.school_user.email, "password": PASSWORD})
    assert response.status_code == 201
    body = response.get_json()
    assert body["expires_at"].endswith("Z") and body["user"]["organisation"]["kind"] == "school"
    row = _token_row()
    assert row.token_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in (row.token_hash,)
    assert timedelta(hours=11) < row.expires_at - utcnow() <= timedelta(hours=12)
    me = Caller(api.app.test_client(), body["token"]).get("/me")
    assert me.status_code == 200 and me.get_json()["email"] == pair.school_user.email


@pytest.mark.parametrize("credentials", [
    {"email": "nobody@example.cn", "password": PASSWORD},
    {"email": "{school}", "password": "Wrong#Password1"},
    {},
])
def test_bad_credentials_answer_401(api, pair, credentials):
    credentials = {k: v.format(school=pair.school_user.email) for k, v in credentials.items()}
    error_of(api.anonymous.post("/auth/token", json=credentials), 401)


def test_credentials_of_the_wrong_type_answer_400(api):
    error = error_of(api.anonymous.post("/auth/token", json={"email": ["a"], "password": 1}), 400)
    assert set(error["fields"]) == {"email", "password"}


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Basic dXNlcjpwYXNz", "Token abc"])
def test_missing_or_invalid_token_answers_401(api, header):
    headers = {"Authorization": header} if header else {}
    response = api.anonymous.get("/me", headers=headers)
    error_of(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_token_answers_401(api, pair):
    caller = api.as_(pair.school_user)
    row = _token_row()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "令牌" in error_of(caller.get("/me"), 401)["message"]


def test_token_lifetime_follows_config(app, api, pair):
    app.config["API_TOKEN_HOURS"] = 1
    api.token(pair.school_user)
    assert _token_row().expires_at - utcnow() <= timedelta(hours=1)


def test_delete_revokes_only_that_token(api, pair):
    first, second = api.as_(pair.school_user), api.as_(pair.school_user)
    assert first.delete("/auth/token").status_code == 204
    error_of(first.get("/me"), 401)
    assert second.get("/me").status_code == 200


def test_logout_on_the_site_revokes_tokens(api, pair, login_as):
    caller = api.as_(pair.school_user)
    login_as(pair.school_user).post("/logout")
    error_of(caller.get("/me"), 401)


def test_password_change_revokes_tokens(api, pair, login_as):
    caller = api.as_(pair.school_user)
    site = login_as(pair.school_user)
    response = site.post("/account/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                                    "new_password_confirm": NEW_PASSWORD})
    assert response.status_code == 302
    error_of(caller.get("/me"), 401)
    assert api.token(pair.school_user, NEW_PASSWORD)


def test_disabling_the_account_revokes_tokens(api, pair, make, login_as):
    colleague = make.user(pair.school, is_org_admin=False)
    caller = api.as_(colleague)
    login_as(pair.school_user).post(f"/organisation/accounts/{colleague.id}/disable")
    error_of(caller.get("/me"), 401)
    error_of(api.anonymous.post("/auth/token", json={"email": colleague.email, "password": PASSWORD}), 401)


def test_five_bad_token_requests_lock_the_account(api, pair):
    bad = {"email": pair.enterprise_user.email, "password": "Wrong#Password1"}
    for _ in range(5):
        error_of(api.anonymous.post("/auth/token", json=bad), 401)
    good = {"email": pair.enterprise_user.email, "password": PASSWORD}
    assert "锁定" in error_of(api.anonymous.post("/auth/token", json=good), 401)["message"]


def test_the_session_cookie_is_not_accepted(pair, login_as):
    site = login_as(pair.enterprise_user)
    error_of(site.get("/api/v1/me"), 401)
    error_of(site.post(f"/api/v1/needs/{pair.need.id}/close"), 401)


class TestWithCsrfAndRateLimits:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute",
                "RATELIMIT_STORAGE_URI": os.environ.get("TEST_REDIS_URL", "memory://")}

    def test_bearer_requests_need_no_csrf_token(self, api, pair):
        from matchmaking.extensions import limiter

        limiter.reset()
        caller = api.as_(pair.enterprise_user)
        assert caller.post(f"/needs/{pair.need.id}/close").status_code == 200

    def test_token_requests_are_rate_limited(self, api):
        from matchmaking.extensions import limiter

        limiter.reset()
        bad = {"email": "x@example.cn", "password": "Wrong#Password1"}
        codes = [api.anonymous.post("/auth/token", json=bad).status_code for _ in range(3)]
        assert codes == [401, 401, 401]
        error_of(api.anonymous.post("/auth/token", json=bad), 429)
        assert api.anonymous.get("/stats").status_code == 200
