"""The event state machine, one case per (state, action)."""
from types import SimpleNamespace

import pytest

from matchmaking.core.errors import Conflict
from matchmaking.events import lifecycle

STATES = ("draft", "open", "closed", "scheduled", "held", "reported")
LEGAL = {
    ("draft", "open"): "open", ("closed", "open"): "open", ("scheduled", "open"): "open",
    ("open", "close"): "closed",
    ("closed", "schedule"): "scheduled", ("scheduled", "schedule"): "scheduled",
    ("scheduled", "hold"): "held",
    ("held", "report"): "reported",
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", sorted(lifecycle.TRANSITIONS))
def test_transition(app, state, action):
    event = SimpleNamespace(status=state)
    if (state, action) in LEGAL:
        assert lifecycle.target_of(event, action) == LEGAL[(state, action)]
    else:
        with pytest.raises(Conflict):
            lifecycle.target_of(event, action)


def test_unknown_action_is_refused(app):
    with pytest.raises(Conflict):
        lifecycle.target_of(SimpleNamespace(status="open"), "delete")


def test_allowed_actions_leave_scheduling_to_its_own_button(app):
    assert lifecycle.allowed(SimpleNamespace(status="closed")) == ["open"]
    assert lifecycle.allowed(SimpleNamespace(status="reported")) == []
