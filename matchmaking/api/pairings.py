"""Pairings over the API: propose, answer, withdraw, list. Rules live in pairings.services."""
from flask_babel import lazy_gettext as _l

from ..core.errors import Forbidden
from ..core.i18n import N_
from ..extensions import db
from ..pairings import services
from . import permissions, queries, serializers
from .auth import authenticated
from .inputs import parsed, query
from .registry import route
from .schemas.pairings import (
    DeclineInput,
    Pairing,
    PairingInput,
    PairingPage,
    PairingQuery,
)

ONE = "/pairings/<int:pairing_id>"


@route("POST", "/pairings", summary=N_("用调用方已发布的内容发起对接意向"), tag="pairings", body=PairingInput,
       ok=(201, Pairing), errors=(403, 404, 409, 422))
def propose_pairing():
    user = authenticated()
    permissions.propose_pairing(user)
    values = parsed(PairingInput)
    pairing = services.propose(need_id=values.need_id, programme_id=values.programme_id, message=values.message,
                               by=user, source=values.source)
    db.session.commit()
    return serializers.respond(serializers.pairing(pairing, viewer=user), 201)


@route("GET", "/pairings", summary=N_("调用方的对接意向"), tag="pairings", query=PairingQuery, ok=(200, PairingPage),
       errors=(403,))
def list_pairings():
    """The caller's pairings: incoming, outgoing, or both (newest first), a page at a time."""
    user = authenticated()
    if user.is_bureau:
        raise Forbidden(_l("您没有权限执行此操作。"))
    values = query(PairingQuery)  # statuses as of now (Pairing.current_status): this GET writes nothing
    result = queries.pairings_page(user.organisation_id, direction=values.direction or "", status=values.status or "",
                                   page=values.page, per_page=values.per_page)
    return serializers.respond(serializers.page(PairingPage, result, lambda p: serializers.pairing(p, viewer=user)))


@route("GET", ONE, summary=N_("一条对接意向"), tag="pairings", ok=(200, Pairing), errors=(404,))
def pairing_detail(pairing_id):
    user = authenticated()
    return serializers.respond(serializers.pairing(services.get_for_party(pairing_id, user), viewer=user))


@route("POST", f"{ONE}/accept", summary=N_("接受（被邀请方）；同时创建合作项目"), tag="pairings", ok=(200, Pairing),
       errors=(403, 404, 409))
def accept_pairing(pairing_id):
    """Accept; the project is created in the same transaction, exactly once however many accept at once."""
    user = authenticated()
    pairing = services.get_for_party(pairing_id, user)
    services.accept(pairing, by=user)
    db.session.commit()
    return serializers.respond(serializers.pairing(pairing, viewer=user))


@route("POST", f"{ONE}/decline", summary=N_("说明原因并婉拒（被邀请方）"), tag="pairings", body=DeclineInput,
       ok=(200, Pairing), errors=(403, 404, 409, 422))
def decline_pairing(pairing_id):
    user = authenticated()
    pairing = services.get_for_party(pairing_id, user)
    permissions.decline_pairing(pairing, user)
    services.decline(pairing, parsed(DeclineInput).reason, by=user)
    db.session.commit()
    return serializers.respond(serializers.pairing(pairing, viewer=user))


@route("POST", f"{ONE}/withdraw", summary=N_("撤回（发起方）"), tag="pairings", ok=(200, Pairing), errors=(403, 404, 409))
def withdraw_pairing(pairing_id):
    user = authenticated()
    pairing = services.get_for_party(pairing_id, user)
    services.withdraw(pairing, by=user)
    db.session.commit()
    return serializers.respond(serializers.pairing(pairing, viewer=user))
