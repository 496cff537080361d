"""Who may do what to a plan record (registered in core.permissions).

Schools enter the records the platform cannot derive; the bureau reviews them (and may correct any)."""
from ..core.permissions import is_bureau, is_member, organisation_id, rule


@rule("plan_record.enter")
def may_enter(user, _=None):
    return is_bureau(user) or (is_member(user) and user.is_school)


def _own(user, record):
    return is_member(user) and record.organisation_id == organisation_id(user)


@rule("plan_record.edit")
def may_edit(user, record):
    return is_bureau(user) or (_own(user, record) and record.is_editable)


@rule("plan_record.submit")
def may_submit(user, record):
    return _own(user, record) and record.is_editable


@rule("plan_record.review")
def may_review(user, record):
    return is_bureau(user) and record.is_submitted
