"""Pairings over the API: propose, answer, withdraw, list. Rules live in pairings.services."""
from flask import jsonify
from flask_babel import lazy_gettext as _l

from ..core.errors import Forbidden
from ..extensions import db
from ..pairings import services
from ..pairings.models import STATUSES
from . import queries, serializers
from .auth import authenticated
from .blueprint import bp
from .errors import ApiError
from .inputs import NUMBER_ID, STRING, enum_arg, json_body, page_args, required

SOURCES = ("detail", "search", "suggestion")
DIRECTIONS = ("incoming", "outgoing")


@bp.post("/pairings")
def propose_pairing():
    user = authenticated()
    values = json_body({"need_id": NUMBER_ID, "programme_id": NUMBER_ID, "message": STRING, "source": STRING})
    required(values, "need_id", "programme_id")
    source = values.get("source", "detail")
    if source not in SOURCES:
        raise ApiError(422, fields={"source": _l("取值无效。")})
    pairing = services.propose(need_id=values["need_id"], programme_id=values["programme_id"],
                               message=values.get("message", ""), by=user, source=source)
    db.session.commit()
    return jsonify(serializers.pairing(pairing, viewer=user)), 201


@bp.get("/pairings")
def list_pairings():
    """The caller's pairings: incoming, outgoing, or both (newest first), a page at a time."""
    user = authenticated()
    if user.is_bureau:
        raise Forbidden(_l("您没有权限执行此操作。"))
    direction = enum_arg("direction", DIRECTIONS)
    status = enum_arg("status", STATUSES)
    page, per_page = page_args()
    services.expire_overdue()
    db.session.commit()
    result = queries.pairings_page(user.organisation_id, direction=direction, status=status, page=page, per_page=per_page)
    return jsonify(serializers.page(result, lambda p: serializers.pairing(p, viewer=user)))


@bp.get("/pairings/<int:pairing_id>")
def pairing_detail(pairing_id):
    user = authenticated()
    return jsonify(serializers.pairing(services.get_for_party(pairing_id, user), viewer=user))


@bp.post("/pairings/<int:pairing_id>/accept")
def accept_pairing(pairing_id):
    """Accept; the project is created in the same transaction, exactly once however many accept at once."""
    user = authenticated()
    pairing = services.get_for_party(pairing_id, user)
    services.accept(pairing, by=user)
    db.session.commit()
    return jsonify(serializers.pairing(pairing, viewer=user))


@bp.post("/pairings/<int:pairing_id>/decline")
def decline_pairing(pairing_id):
    user = authenticated()
    pairing = services.get_for_party(pairing_id, user)
    values = json_body({"reason": STRING})
    services.decline(pairing, values.get("reason", ""), by=user)
    db.session.commit()
    return jsonify(serializers.pairing(pairing, viewer=user))


@bp.post("/pairings/<int:pairing_id>/withdraw")
def withdraw_pairing(pairing_id):
    user = authenticated()
    pairing = services.get_for_party(pairing_id, user)
    services.withdraw(pairing, by=user)
    db.session.commit()
    return jsonify(serializers.pairing(pairing, viewer=user))
