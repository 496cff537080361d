"""Who may do what to a pairing (registered in core.permissions)."""
from flask_babel import lazy_gettext as _l

from ..core.permissions import is_member, organisation_id, rule, verified_member


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


@rule("pairing.propose")
def may_propose(user, _=None):
    """A verified school or enterprise proposes pairings."""
    return verified_member(user, not_member=_l("只有学校和企业可以发起对接。"),
                           unverified=_l("机构通过人社局审核后才能发起对接。"))


@rule("pairing.accept_as")
def accepts_as(user, pairing):
    return pairing.responder_id == organisation_id(user) or _l("只有被邀请的一方可以接受对接意向。")


@rule("pairing.decline_as")
def declines_as(user, pairing):
    return pairing.responder_id == organisation_id(user) or _l("只有被邀请的一方可以婉拒对接意向。")


@rule("pairing.withdraw_as")
def withdraws_as(user, pairing):
    return pairing.proposer_id == organisation_id(user) or _l("只有发起方可以撤回对接意向。")
