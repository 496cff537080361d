"""Import every domain's permission rules so that core.permissions knows them all."""
from .projects import rules as project_rules  # noqa: F401
from .dashboard import rules as plan_record_rules  # noqa: F401
from .events import rules as event_rules  # noqa: F401
from .organisations import rules as organisation_rules  # noqa: F401
from .pairings import rules as pairing_rules  # noqa: F401
from .postings import rules as posting_rules  # noqa: F401
from .certification import rules as certification_rules  # noqa: F401
from .attributes import rules as attribute_rules  # noqa: F401
