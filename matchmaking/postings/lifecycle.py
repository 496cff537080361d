"""The posting lifecycle as a guarded state machine."""
from flask_babel import lazy_gettext as _l

from ..core.errors import Conflict, Forbidden
from ..core.timeutil import utcnow

#: action → (states it may start from, resulting state)
TRANSITIONS = {
    "publish": ({"draft"}, "published"),
    "close": ({"published"}, "closed"),
    "reopen": ({"closed"}, "published"),
    "archive": ({"draft", "closed"}, "archived"),
}

ACTION_LABELS = {
    "publish": _l("发布"),
    "close": _l("关闭"),
    "reopen": _l("重新开放"),
    "archive": _l("归档"),
}


def allowed_actions(posting):
    """The actions the posting's current state permits, in a stable order."""
    return [action for action, (sources, _) in TRANSITIONS.items() if posting.status in sources]


def apply(posting, action):
    """Move `posting` by `action`, or raise when its state or its owner forbids it."""
    if action not in TRANSITIONS:
        raise Conflict(_l("未知的操作。"))
    sources, target = TRANSITIONS[action]
    if posting.status not in sources:
        raise Conflict(_l("当前状态下不能执行此操作。"))
    if target == "published" and not posting.organisation.is_verified:
        raise Forbidden(_l("机构通过人社局审核后才能发布。"))
    posting.status = target
    now = utcnow()
    if target == "published":
        posting.published_at = posting.published_at if action == "reopen" and posting.published_at else now
        posting.closed_at = None
    elif target == "closed":
        posting.closed_at = now
    return posting
