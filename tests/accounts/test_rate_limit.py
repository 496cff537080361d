import os

import pytest


@pytest.fixture
def app_config():
    storage = os.environ.get("TEST_REDIS_URL", "memory://")
    return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute", "RATELIMIT_STORAGE_URI": storage}


def test_login_attempts_are_rate_limited(app, client):
    from matchmaking.extensions import limiter

    limiter.reset()
    codes = [client.post("/login", data={"email": "x@example.cn", "password": "Wrong#Password1"}).status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200]
    assert codes[3] == 429
    assert "操作过于频繁" in client.post("/login", data={"email": "x@example.cn", "password": "x"}).get_data(as_text=True)
    # Reading the login page is not limited.
    assert client.get("/login").status_code == 200
