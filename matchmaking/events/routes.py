"""The docking events blueprint; its pages live in this package's view modules."""
from . import manage_views, participant_views  # noqa: F401  (they add their routes to bp)
from .blueprint import bp

__all__ = ["bp"]
