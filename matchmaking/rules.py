"""Import every domain's permission rules so that core.permissions knows them all."""
from .projects import rules as project_rules  # noqa: F401
from .events import rules as event_rules  # noqa: F401
