"""Time helpers: the database stores naive UTC; pages show Asia/Shanghai."""
from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo

#: Yibin's time zone: calendar dates (registration windows, policy periods) are local.
LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def utcnow():
    """The current time as naive UTC, the form every timestamp column holds."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def local_today():
    """Today's date in Yibin."""
    return datetime.now(LOCAL_TZ).date()


def to_local(value):
    """A stored naive-UTC timestamp as an aware datetime in Yibin's zone."""
    return value.replace(tzinfo=timezone.utc).astimezone(LOCAL_TZ)


def local_midnight_utc(day):
    """The start of `day` in Yibin, as the naive UTC the columns hold (for date-range filters)."""
    return datetime.combine(day, time.min, LOCAL_TZ).astimezone(timezone.utc).replace(tzinfo=None)


def local_datetime(value, fmt="yyyy-MM-dd HH:mm"):
    """A stored naive-UTC timestamp in the site's time zone (the `datetime` filter; exports)."""
    from flask_babel import format_datetime

    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return format_datetime(value, fmt)


def local_date(value, fmt="yyyy-MM-dd"):
    """A date as pages show it (the `date` filter; exports)."""
    from flask_babel import format_date

    return "" if value is None else format_date(value, fmt)
