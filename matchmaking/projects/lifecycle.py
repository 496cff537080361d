"""The project state machine. Illegal transitions raise; the messages say why."""
from flask_babel import lazy_gettext as _l

from ..core.errors import Conflict

#: action → (states it may start from, resulting state)
TRANSITIONS = {
    "sign": ({"negotiating"}, "signed"),
    "start": ({"signed"}, "implementing"),
    "complete": ({"implementing"}, "completed"),
    "terminate": ({"negotiating", "signed", "implementing"}, "terminated"),
}

ACTION_LABELS = {
    "sign": _l("确认签约"),
    "start": _l("开始实施"),
    "complete": _l("完成"),
    "terminate": _l("终止"),
}


def target_of(project, action):
    """The state `action` leads to from the project's current state, or raise Conflict."""
    if action not in TRANSITIONS:
        raise Conflict(_l("未知的操作。"))
    sources, target = TRANSITIONS[action]
    if project.status not in sources:
        raise Conflict(_l("合作项目当前状态下不能执行此操作。"))
    return target


#: States in which the signed agreement may be uploaded or replaced.
AGREEMENT_STATES = frozenset({"signed", "implementing"})


def may_apply(project, action):
    """True when `action` is legal from the project's current state."""
    return action in TRANSITIONS and project.status in TRANSITIONS[action][0]


def allowed(project):
    return [action for action, (sources, _) in TRANSITIONS.items() if project.status in sources and action != "complete"]
