"""Who may do what to a pairing (registered in core.permissions)."""
from ..core.permissions import is_member, organisation_id, rule


@rule("pairing.keep_list")
def may_keep_list(user, _=None):
    """Schools and enterprises have pairings; the bureau takes no part and has no list of its own."""
    return is_member(user)


@rule("pairing.answer")
def may_answer(user, pairing):
    """The invited side accepts or declines an open proposal."""
    return pairing.is_open and pairing.responder_id == organisation_id(user)


@rule("pairing.withdraw")
def may_withdraw(user, pairing):
    return pairing.is_open and pairing.proposer_id == organisation_id(user)
