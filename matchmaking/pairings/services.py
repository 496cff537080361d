"""Pairing actions. Each checks who may act, validates, writes and notifies; the caller commits."""
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..core.errors import Conflict, DomainError, NotFound
from ..core.permissions import authorize
from ..core.timeutil import utcnow
from ..extensions import db
from ..needs.models import Need
from ..notifications.services import notify_organisation
from ..programmes.models import Programme
from .models import Pairing


def _link(pairing):
    return url_for("pairings.detail", pairing_id=pairing.id)


def _params(pairing, org):
    return {"org": org.name, "need": pairing.need.title, "programme": pairing.programme.title}


def get_for_party(pairing_id, user):
    """A pairing the user's organisation is party to (the bureau sees all), else NotFound."""
    pairing = db.session.get(Pairing, pairing_id)
    if pairing is None or not (pairing.involves(user.organisation_id) or user.is_bureau):
        raise NotFound(_l("对接意向不存在。"))
    return pairing


def propose(*, need_id, programme_id, message, by, source="detail", score=None):
    """Propose a pairing from the user's own item to a published item of the other side."""
    authorize(by, "pairing.propose")
    organisation = by.organisation
    need = db.session.get(Need, need_id)
    programme = db.session.get(Programme, programme_id)
    if need is None or programme is None:
        raise NotFound(_l("需求或培训项目不存在。"))
    own, other = (programme, need) if organisation.kind == "school" else (need, programme)
    if own.organisation_id != organisation.id:
        raise NotFound(_l("需求或培训项目不存在。"))
    if not other.is_public or not other.organisation.is_verified:
        raise NotFound(_l("需求或培训项目不存在。"))
    if not own.is_published:
        raise Conflict(_l("请先发布您自己的内容，再发起对接。"))
    message = (message or "").strip()
    if len(message) > 1000:
        raise DomainError(_l("留言不能超过 1000 个字符。"), field="message")
    _refuse_duplicate(need, programme, organisation)
    if score is None:
        from ..recommendations.models import Recommendation

        score = db.session.scalar(select(Recommendation.score).where(
            Recommendation.need_id == need.id, Recommendation.programme_id == programme.id))
    pairing = Pairing(
        need=need, programme=programme, proposer_id=organisation.id, responder_id=other.organisation_id,
        proposed_by_id=by.id, message=message, source=source, score=score,
        expires_at=utcnow() + timedelta(days=current_app.config["PAIRING_EXPIRY_DAYS"]),
    )
    db.session.add(pairing)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        # Another request opened the same pair a moment ago: the unique index decides.
        raise Conflict(_l("这对需求与培训项目已有进行中的对接意向。")) from None
    notify_organisation(other.organisation, "pairing_proposed", link=_link(pairing), obj=pairing, **_params(pairing, organisation))
    return pairing


def _refuse_duplicate(need, programme, organisation):
    """Refuse a second open, an accepted or a recently declined pairing of this pair. An open one past
    its deadline is expired here first (it reads as expired already), so it does not block a new one."""
    _expire(db.session.scalars(select(Pairing).where(
        Pairing.need_id == need.id, Pairing.programme_id == programme.id, Pairing.status == "proposed",
        Pairing.expires_at <= utcnow())).all())
    db.session.flush()
    existing = db.session.scalars(
        select(Pairing).where(Pairing.need_id == need.id, Pairing.programme_id == programme.id)
        .order_by(Pairing.created_at.desc())
    ).all()
    if any(p.status == "proposed" for p in existing):
        raise Conflict(_l("这对需求与培训项目已有进行中的对接意向。"))
    if any(p.status == "accepted" for p in existing):
        raise Conflict(_l("这对需求与培训项目已经建立了合作项目。"))
    cooldown = utcnow() - timedelta(days=current_app.config["REPROPOSE_COOLDOWN_DAYS"])
    for p in existing:
        if p.status == "declined" and p.proposer_id == organisation.id and p.responded_at and p.responded_at > cooldown:
            raise Conflict(_l("对方已婉拒该对接意向，%(days)s 天内不能重复发起。", days=current_app.config["REPROPOSE_COOLDOWN_DAYS"]))


def _claim(pairing, new_status, by):
    """Move an open pairing to `new_status` atomically: exactly one concurrent caller wins."""
    result = db.session.execute(
        update(Pairing)
        .where(Pairing.id == pairing.id, Pairing.status == "proposed")
        .values(status=new_status, responded_at=utcnow(), responded_by_id=by.id if by else None)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_l("该对接意向已被处理，请刷新页面。"))
    db.session.refresh(pairing)


def accept(pairing, *, by):
    """The other side accepts; the cooperation project is created in the same transaction."""
    from ..projects.services import create_from_pairing

    authorize(by, "pairing.accept_as", pairing)
    _expire_if_overdue(pairing)
    _claim(pairing, "accepted", by)
    project = create_from_pairing(pairing, by=by)
    notify_organisation(pairing.proposer, "pairing_accepted", link=url_for("projects.detail", project_id=project.id),
                        obj=pairing, org=pairing.responder.name, title=project.title)
    return project


def decline(pairing, reason, *, by):
    authorize(by, "pairing.decline_as", pairing)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("请填写婉拒原因。"), field="reason")
    if len(reason) > 500:
        raise DomainError(_l("婉拒原因不能超过 500 个字符。"), field="reason")
    _expire_if_overdue(pairing)
    _claim(pairing, "declined", by)
    pairing.decline_reason = reason
    notify_organisation(pairing.proposer, "pairing_declined", link=_link(pairing), obj=pairing, **_params(pairing, pairing.responder))


def withdraw(pairing, *, by):
    authorize(by, "pairing.withdraw_as", pairing)
    _expire_if_overdue(pairing)
    _claim(pairing, "withdrawn", by)
    notify_organisation(pairing.responder, "pairing_withdrawn", link=_link(pairing), obj=pairing, **_params(pairing, pairing.proposer))


def _expire_if_overdue(pairing):
    """An answer to a proposal past its deadline records the expiry (committed: it stands even though
    the answer is refused) and refuses."""
    if pairing.status == "proposed" and pairing.expires_at <= utcnow():
        expire_overdue()
        db.session.commit()
        raise Conflict(_l("该对接意向已过期失效。"))


def _expire(pairings):
    for pairing in pairings:
        pairing.status = "expired"
        pairing.responded_at = utcnow()
        params = {"org": "", "need": pairing.need.title, "programme": pairing.programme.title}
        for organisation in (pairing.proposer, pairing.responder):
            notify_organisation(organisation, "pairing_expired", link=_link(pairing), obj=pairing, **params)
    return len(pairings)


def expire_overdue():
    """Expire every open pairing past its answer deadline; returns how many."""
    overdue = db.session.scalars(
        # OF pairings: PostgreSQL refuses to lock the outer-joined (eagerly loaded) tables.
        select(Pairing).where(Pairing.status == "proposed", Pairing.expires_at <= utcnow())
        .with_for_update(skip_locked=True, of=Pairing)
    ).all()
    return _expire(overdue)


def end_open_pairings_of(posting):
    """A closed or archived need or programme ends its open pairings (as expired)."""
    column = Pairing.need_id if isinstance(posting, Need) else Pairing.programme_id
    open_ones = db.session.scalars(select(Pairing).where(column == posting.id, Pairing.status == "proposed")).all()
    return _expire(open_ones)
