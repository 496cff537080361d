"""Time helpers: the database stores naive UTC; pages show Asia/Shanghai."""
from datetime import datetime, timezone


def utcnow():
    """The current time as naive UTC, the form every timestamp column holds."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
