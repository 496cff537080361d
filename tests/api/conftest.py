"""API test helpers: tokens for users and a client that speaks JSON with a bearer token."""
import pytest

from ..conftest import PASSWORD


class Caller:
    """Requests to /api/v1 as one user (or anonymously when token is None)."""

    def __init__(self, client, token=None):
        self.client = client
        self.token = token

    def _headers(self, headers):
        merged = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        merged.update(headers or {})
        return merged

    def request(self, method, path, json=None, headers=None, **kwargs):
        return self.client.open("/api/v1" + path, method=method, json=json, headers=self._headers(headers), **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.request("POST", path, json=json, **kwargs)

    def patch(self, path, json=None, **kwargs):
        return self.request("PATCH", path, json=json, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)


class Api:
    def __init__(self, app):
        self.app = app
        self.anonymous = Caller(app.test_client())

    def token(self, user, password=PASSWORD):
        response = self.anonymous.post("/auth/token", json={"email": user.email, "password": password})
        assert response.status_code == 201, response.get_json()
        return response.get_json()["token"]

    def as_(self, user):
        """A fresh client (no cookies) carrying a new token of `user`."""
        return Caller(self.app.test_client(), self.token(user))


@pytest.fixture
def api(app):
    return Api(app)


@pytest.fixture
def school(api, pair):
    """The pair's school, calling with a token."""
    return api.as_(pair.school_user)


@pytest.fixture
def enterprise(api, pair):
    """The pair's enterprise, calling with a token."""
    return api.as_(pair.enterprise_user)


@pytest.fixture
def officer(api, make):
    """A bureau officer, calling with a token."""
    return api.as_(make.user(make.bureau()))


@pytest.fixture
def stranger(api, make):
    """An enterprise that has nothing to do with the pair."""
    return api.as_(make.user(make.enterprise()))


def error_of(response, status):
    """The error object of a JSON error response with `status` (and never HTML)."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:500])
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == status and body["error"]["message"]
    return body["error"]
