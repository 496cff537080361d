"""One answer to "may this user do X to this object", for pages, the API and templates alike.

CKAN's auth functions: each rule is a small named predicate `rule(user, obj)`, kept
in its domain's `rules.py` and registered here by name ("project.submit_summary"). Services
call `authorize` before they write, routes and the API ask the same rule through the
services, and templates call `can("project.submit_summary", project)` (bound to the current
user) instead of deciding from raw status. A rule answers for the anonymous user too: True
allows; False refuses; a message (str or lazy string) refuses and says why.
"""
from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from .errors import Forbidden

_RULES: dict[str, Callable] = {}
DEFAULT_REFUSAL = _l("您没有权限执行此操作。")


def rule(name):
    """Register the decorated predicate under `name` (a domain's rules module)."""

    def register(predicate):
        if name in _RULES and _RULES[name] is not predicate:
            raise ValueError(f"permission rule {name!r} is registered twice")
        _RULES[name] = predicate
        return predicate

    return register


def _answer(user, name, obj):
    """(allowed, refusal message or None) from the rule `name`."""
    try:
        predicate = _RULES[name]
    except KeyError:
        raise LookupError(f"no permission rule named {name!r}") from None
    answer = predicate(user, obj)
    if isinstance(answer, (str, LazyString)):
        return False, answer
    return bool(answer), None


def can(user, name, obj=None) -> bool:
    """True when the rule `name` allows `user` (possibly anonymous) to act on `obj`."""
    return _answer(user, name, obj)[0]


def authorize(user, name, obj=None, message=None):
    """Raise Forbidden unless the rule allows it. A rule may refuse with its own message by returning
    it instead of False (CKAN's {"success": False, "msg": …}); `message` overrides both."""
    allowed, refusal = _answer(user, name, obj)
    if not allowed:
        raise Forbidden(message or refusal or DEFAULT_REFUSAL)


def require(condition, message=None):
    """Forbidden unless `condition`: for a role check that is not about one object."""
    if not condition:
        raise Forbidden(message or DEFAULT_REFUSAL)


def names():
    """Every registered rule name (for the tests that check each one)."""
    return sorted(_RULES)


# --- shared facts about users (read by the domains' rules) -------------------------------------

def is_member(user) -> bool:
    """A logged-in school or enterprise user (not the bureau, no department, not anonymous)."""
    return bool(getattr(user, "is_authenticated", False)) and not user.is_government


def is_bureau(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_bureau


def is_government(user) -> bool:
    """The bureau or another department (readers of the city's reports)."""
    return bool(getattr(user, "is_authenticated", False)) and user.is_government


def holds_remit(user, role, district_code=None) -> bool:
    """A user of the department with remit `role` (for "district": of that district)."""
    return bool(getattr(user, "is_authenticated", False)) and user.organisation.has_remit(role, district_code)


def verified_member(user, *, not_member, unverified):
    """True for a user of a verified school or enterprise; otherwise the refusal that says why."""
    if not is_member(user):
        return not_member
    return True if user.organisation.is_verified else unverified


def organisation_id(user):
    return getattr(user, "organisation_id", None) if getattr(user, "is_authenticated", False) else None
