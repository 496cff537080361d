"""The public dashboard is rate-limited; out-of-range months are 404s, not errors."""
import pytest


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True, "PUBLIC_DASHBOARD_RATE_LIMIT": "2 per minute"}


def test_public_dashboard_is_rate_limited_per_client(app, client):
    from matchmaking.extensions import limiter

    limiter.reset()
    assert [client.get("/dashboard").status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "2026-13", "26-1"])
def test_a_month_no_trend_can_reach_is_not_found(world, login_as, month):
    page = login_as(world.bureau_user).get("/bureau/dashboard/figures/new_pairings", query_string={"month": month})
    assert page.status_code == 404
