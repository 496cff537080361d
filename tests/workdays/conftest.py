"""Fixtures for the working-day calendar: the bureau officer and his logged-in client, as the policy tests have them."""
from ..policies.conftest import bureau, officer  # noqa: F401
