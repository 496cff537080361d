"""Fixtures shared with the domain tests."""
from ..projects.conftest import project  # noqa: F401  (a project created through the pages)
