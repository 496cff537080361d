"""The permission registry: each rule by name, for the anonymous user too, and its refusals."""
from types import SimpleNamespace

import pytest

from matchmaking import rules  # noqa: F401  (registers every rule)
from matchmaking.core import permissions
from matchmaking.core.errors import Forbidden

ANONYMOUS = SimpleNamespace(is_authenticated=False)


def test_unknown_rule_is_a_programming_error():
    with pytest.raises(LookupError):
        permissions.can(ANONYMOUS, "no.such.rule")


def test_a_rule_cannot_be_registered_twice_under_one_name():
    with pytest.raises(ValueError):
        permissions.rule("project.view")(lambda user, obj: True)


def test_authorize_raises_forbidden_with_the_given_message():
    with pytest.raises(Forbidden) as refused:
        permissions.authorize(ANONYMOUS, "pairing.keep_list", message="只有学校和企业有对接意向")
    assert refused.value.message == "只有学校和企业有对接意向"


def test_require():
    permissions.require(True)
    with pytest.raises(Forbidden):
        permissions.require(False)


def test_every_domain_registered_its_rules():
    prefixes = {name.split(".")[0] for name in permissions.names()}
    assert {"project", "event", "meeting", "organisation", "posting", "pairing", "plan_record"} <= prefixes


@pytest.mark.parametrize("name", ["project.note", "event.schedule", "pairing.keep_list", "plan_record.enter",
                                  "event.take_part", "organisation.edit_profile"])
def test_anonymous_visitors_may_do_none_of_the_member_or_bureau_actions(name):
    obj = SimpleNamespace(status="closed", id=1, is_bureau=False, organisation_id=1, is_submitted=True)
    assert permissions.can(ANONYMOUS, name, obj) is False
