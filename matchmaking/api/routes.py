"""The API blueprint with every endpoint registered (importing a module adds its routes)."""
from . import auth, certifications, events, meta, pairings, postings, projects  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
