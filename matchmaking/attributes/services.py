"""Asking for, confirming and rejecting an enterprise attribute (规上企业, 国有企业).

Every write is audit-logged and notifies the other side; the caller's request commits (services
only flush). Confirming is the only way an organisation's flag changes."""
from dataclasses import dataclass

from flask import url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotFound
from ..core.locks import lock
from ..core.permissions import authorize, can
from ..core.timeutil import local_today, to_local, utcnow
from ..extensions import db
from ..notifications.services import notify_organisation
from ..organisations import departments
from ..organisations.models import Organisation
from ..projects import files
from ..workdays import services as workdays
from .models import (
    ATTRIBUTE_LABELS,
    ATTRIBUTES,
    COMMENT_MAX,
    REASON_MAX,
    REMITS,
    VALUE_LABELS,
    AttributeRequest,
)
from .rules import reviews


def get(request_id, user):
    """The request, if the user may see it (404 otherwise, so others learn nothing)."""
    request = db.session.get(AttributeRequest, request_id)
    if request is None or not can(user, "attribute.view", request):
        raise NotFound(_l("属性确认申请不存在。"))
    return request


def reviewers_of(attribute):
    """The organisations that confirm `attribute`: the bureau and the department of that remit."""
    bureau = db.session.scalars(select(Organisation).where(Organisation.kind == "bureau").order_by(Organisation.id)).first()
    department = departments.find(REMITS[attribute])
    return [o for o in (bureau, department) if o is not None and o.is_verified]


def _notify(organisations, kind, request, *, by=None, **params):
    with force_locale("zh"):  # stored once, in the platform's language
        value = str(request.value_label)
    for organisation in organisations:
        notify_organisation(organisation, kind, link=url_for("attributes.detail", request_id=request.id), obj=request,
                            exclude_user=by, org=request.enterprise.name, value=value, **params)


# --- what an enterprise has and has asked for ----------------------------------------------------


@dataclass(frozen=True)
class Current:
    attribute: str
    label: object
    value: bool
    value_label: object
    #: The confirmed request behind the value (None: never confirmed, i.e. the default "no").
    confirmed_by: AttributeRequest | None
    pending: AttributeRequest | None


def pending_request(enterprise, attribute):
    return db.session.scalars(select(AttributeRequest).where(
        AttributeRequest.enterprise_id == enterprise.id, AttributeRequest.attribute == attribute,
        AttributeRequest.status == "pending")).first()


def current(enterprise):
    """Each attribute's confirmed value, the record that confirmed it and any pending request."""
    rows = []
    for attribute in ATTRIBUTES:
        value = bool(getattr(enterprise, attribute))
        confirmed = db.session.scalars(select(AttributeRequest).where(
            AttributeRequest.enterprise_id == enterprise.id, AttributeRequest.attribute == attribute,
            AttributeRequest.status == "confirmed").order_by(AttributeRequest.reviewed_at.desc(),
                                                             AttributeRequest.id.desc())).first()
        rows.append(Current(attribute, ATTRIBUTE_LABELS[attribute], value, VALUE_LABELS[(attribute, value)],
                            confirmed, pending_request(enterprise, attribute)))
    return rows


def history(enterprise):
    """The enterprise's requests, newest first."""
    return db.session.scalars(select(AttributeRequest).where(AttributeRequest.enterprise_id == enterprise.id)
                              .order_by(AttributeRequest.created_at.desc(), AttributeRequest.id.desc())).all()


# --- asking ---------------------------------------------------------------------------------------


def _clean_text(text, *, field, required_message, max_message):
    text = (text or "").strip()
    if not text:
        raise DomainError(required_message, field=field)
    if len(text) > REASON_MAX:
        raise DomainError(max_message, field=field)
    return text


def request_change(enterprise, *, by, attribute, value, reason, upload=None):
    """Ask the bureau or the competent department to confirm `attribute` = `value`, with the reason
    and optionally an evidence PDF (`upload`: (filename, bytes) or None)."""
    authorize(by, "attribute.request", enterprise)
    if by.organisation_id != enterprise.id:
        raise NotFound(_l("机构不存在。"))
    if attribute not in ATTRIBUTES:
        raise DomainError(_l("请选择要确认的企业属性。"), field="attribute")
    if not isinstance(value, bool):
        raise DomainError(_l("请选择申请确认的结果。"), field="value")
    if bool(getattr(enterprise, attribute)) == value:
        raise DomainError(_l("贵企业当前已登记为“%(value)s”，无需申请。", value=VALUE_LABELS[(attribute, value)]),
                          field="value")
    reason = _clean_text(reason, field="reason", required_message=_l("请填写申请理由及依据。"),
                         max_message=_l("申请理由不能超过 %(n)s 个字。", n=REASON_MAX))
    name, data = upload if upload and (upload[0] or upload[1]) else (None, None)
    if name is not None or data:
        files.check_pdf(name, data, field="evidence", what=_l("证明材料"))
    if pending_request(enterprise, attribute) is not None:
        raise Conflict(_l("贵企业已有一份“%(label)s”属性的确认申请在审核中，请等待审核结果。",
                          label=ATTRIBUTE_LABELS[attribute]), field="attribute")
    request = AttributeRequest(enterprise=enterprise, attribute=attribute, value=value, reason=reason,
                               status="pending", requested_by=by)
    db.session.add(request)
    db.session.flush()
    if data:
        request.evidence_path = files.store(f"attribute-{request.id}", ".pdf", data)
        request.evidence_name, request.evidence_size = (name or "evidence.pdf")[-200:], len(data)
    record("attribute.request", user=by, obj=request, detail=f"{enterprise.name}: {attribute}={value}")
    _notify(reviewers_of(attribute), "attribute_requested", request, by=by)
    return request


# --- reviewing ------------------------------------------------------------------------------------


def _review(request, by):
    lock(request)  # a confirm and a reject at the same moment: the second one finds the first
    if not request.is_pending:
        raise Conflict(_l("该申请已审核完毕，不能重复审核。"))
    authorize(by, "attribute.review", request)


def _decide(request, *, by, status, comment):
    request.status, request.review_comment = status, comment
    request.reviewed_by, request.reviewer_department_id, request.reviewed_at = by, by.organisation_id, utcnow()


def confirm(request, *, by, comment=""):
    """The attribute takes the requested value: from now on every figure counts it."""
    _review(request, by)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise DomainError(_l("审核意见不能超过 %(n)s 个字。", n=COMMENT_MAX), field="comment")
    _decide(request, by=by, status="confirmed", comment=comment)
    setattr(request.enterprise, request.attribute, request.value)
    record("attribute.confirm", user=by, obj=request,
           detail=f"{request.enterprise.name}: {request.attribute}={request.value} {comment}"[:500])
    _notify([request.enterprise], "attribute_confirmed", request, by=by, dept=by.organisation.name)
    return request


def reject(request, *, by, comment):
    """Refuse with a comment that says why; the attribute keeps its value."""
    _review(request, by)
    comment = _clean_text(comment, field="comment", required_message=_l("不予确认时请填写理由。"),
                          max_message=_l("审核意见不能超过 %(n)s 个字。", n=COMMENT_MAX))
    _decide(request, by=by, status="rejected", comment=comment)
    record("attribute.reject", user=by, obj=request,
           detail=f"{request.enterprise.name}: {request.attribute}={request.value} {comment}"[:500])
    _notify([request.enterprise], "attribute_rejected", request, by=by, dept=by.organisation.name, reason=comment)
    return request


# --- the reviewers' queue -------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    request: AttributeRequest
    #: Working days since the request was made.
    waited: int


def queue(user, today=None):
    """Pending requests the user's organisation reviews, oldest first, with their waiting time."""
    today = today or local_today()
    pending = db.session.scalars(select(AttributeRequest).where(AttributeRequest.status == "pending")
                                 .order_by(AttributeRequest.created_at, AttributeRequest.id)).all()
    return [Waiting(r, workdays.working_days_between(to_local(r.created_at).date(), today))
            for r in pending if reviews(user, r.attribute)]


def reviewed_by(user, limit=50):
    """Requests the user's organisation decided, newest decision first."""
    return db.session.scalars(select(AttributeRequest).where(
        AttributeRequest.reviewer_department_id == user.organisation_id, AttributeRequest.status != "pending")
        .order_by(AttributeRequest.reviewed_at.desc(), AttributeRequest.id.desc()).limit(limit)).all()
