"""Who may do what to programmes and needs (registered in core.permissions).

A posting rule's object is the posting, or for "posting.create" the spec of its kind."""
from ..core.permissions import is_member, organisation_id, rule


def _owner(user, posting):
    return is_member(user) and posting is not None and posting.organisation_id == organisation_id(user)


@rule("posting.create")
def may_create(user, spec):
    """Schools write programmes, enterprises write needs."""
    if not getattr(user, "is_authenticated", False):
        return False
    return True if user.organisation.kind == spec.owner_kind else spec.wrong_kind_message


@rule("posting.edit")
def may_edit(user, posting):
    return _owner(user, posting) and posting.status != "archived"


@rule("posting.transition")
def may_transition(user, posting):
    return _owner(user, posting)


@rule("posting.propose")
def may_propose_on(user, posting):
    """A pairing is proposed on a published item (the form decides who may and with what)."""
    return posting.is_published
