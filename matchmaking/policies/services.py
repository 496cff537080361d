"""Policy actions. Each checks that the actor is the bureau, validates, writes and audits;
the caller commits (one transaction per request)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import update as update_rows

from ..audit.services import record
from ..core.errors import DomainError, Forbidden, NotFound
from ..core.timeutil import local_today, utcnow  # noqa: F401  (local_today: used by the routes)
from ..extensions import db
from .models import CATEGORIES, Policy

FIELDS = ("title", "body", "category", "effective_from", "effective_until", "lead_unit", "responsible_units",
          "source_document")


def is_bureau(user):
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_bureau)


def _require_bureau(user):
    if not is_bureau(user):
        raise Forbidden(_l("只有人社局可以发布和管理政策。"))


def get(policy_id, user, *, manage=False):
    """A policy `user` may see: published ones for everyone, every one for the bureau.
    With `manage`, only the bureau gets it (Forbidden for anyone else)."""
    if manage:
        _require_bureau(user)
    policy = db.session.get(Policy, policy_id)
    if policy is None or (policy.status != "published" and not is_bureau(user)):
        raise NotFound(_l("政策不存在。"))
    return policy


def _check(data):
    """Rules the service enforces whatever the caller (the form checks the same for its messages)."""
    if not (data.get("title") or "").strip():
        raise DomainError(_l("请填写政策标题。"), field="title")
    if data.get("category") not in CATEGORIES:
        raise DomainError(_l("请选择政策类别。"), field="category")
    if data.get("effective_from") is None:
        raise DomainError(_l("请填写生效日期。"), field="effective_from")
    until = data.get("effective_until")
    if until is not None and until < data["effective_from"]:
        raise DomainError(_l("截止日期不能早于生效日期。"), field="effective_until")


def _clean(data):
    values = {key: data.get(key) for key in FIELDS}
    for key in ("title", "body", "lead_unit", "source_document"):
        values[key] = (values[key] or "").strip()
    values["responsible_units"] = list(values["responsible_units"] or [])
    return values


def create(data, *, by):
    """A new policy, saved as a draft."""
    _require_bureau(by)
    _check(data)
    policy = Policy(status="draft", created_by_id=by.id, **_clean(data))
    db.session.add(policy)
    db.session.flush()
    record("policy.create", user=by, obj=policy, detail=policy.title)
    return policy


def update(policy, data, *, by):
    _require_bureau(by)
    _check(data)
    for key, value in _clean(data).items():
        setattr(policy, key, value)
    record("policy.update", user=by, obj=policy, detail=policy.title)
    return policy


def _set_status(policy, status, **values):
    """Move the policy to `status` unless it is there already (perhaps through a concurrent
    request): one conditional UPDATE, so only one request changes it. True if this one did."""
    result = db.session.execute(
        update_rows(Policy).where(Policy.id == policy.id, Policy.status != status).values(status=status, **values))
    db.session.refresh(policy)
    return result.rowcount == 1


def publish(policy, *, by):
    """Publish a draft or an archived policy; True if it changed (publishing twice is harmless)."""
    _require_bureau(by)
    _check({key: getattr(policy, key) for key in FIELDS})
    changed = _set_status(policy, "published", published_at=utcnow(), archived_at=None)
    if changed:
        record("policy.publish", user=by, obj=policy, detail=policy.title)
    return changed


def archive(policy, *, by):
    """Take a policy off the public pages; True if it changed (archiving twice is harmless)."""
    _require_bureau(by)
    changed = _set_status(policy, "archived", archived_at=utcnow())
    if changed:
        record("policy.archive", user=by, obj=policy, detail=policy.title)
    return changed


ACTIONS = {"publish": publish, "archive": archive}


def transition(policy, action, *, by):
    """Run a lifecycle action; True if the policy changed."""
    if action not in ACTIONS:
        raise DomainError(_l("未知的操作。"))
    return ACTIONS[action](policy, by=by)
