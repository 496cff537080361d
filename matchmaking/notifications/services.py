"""Creating, reading and rendering notifications."""
from datetime import timedelta

from flask_babel import gettext
from sqlalchemy import func, select, update

from ..accounts.models import User
from ..core.errors import NotFound
from ..core.i18n import N_
from ..core.timeutil import utcnow
from ..extensions import db
from .models import Notification

#: kind → message template (translated when shown, so each reader sees their language).
MESSAGES = {
    "pairing_proposed": N_("%(org)s 向您发起了对接意向：%(need)s ⇄ %(programme)s"),
    "pairing_accepted": N_("%(org)s 接受了对接意向，合作项目已建立：%(title)s"),
    "pairing_declined": N_("%(org)s 婉拒了对接意向：%(need)s ⇄ %(programme)s"),
    "pairing_withdrawn": N_("%(org)s 撤回了对接意向：%(need)s ⇄ %(programme)s"),
    "pairing_expired": N_("对接意向已失效：%(need)s ⇄ %(programme)s"),
    "project_status": N_("合作项目“%(title)s”状态变为：%(status)s"),
    "project_follow_up": N_("%(org)s 为合作项目“%(title)s”添加了跟踪记录"),
    "follow_up_due": N_("合作项目“%(title)s”已 %(days)s 天没有跟踪记录，请及时更新"),
    "milestone_overdue": N_("合作项目“%(title)s”的里程碑“%(milestone)s”已逾期"),
    "event_invited": N_("人社局邀请您报名参加对接活动“%(event)s”"),
    "event_registration_approved": N_("您报名的对接活动“%(event)s”已通过审核"),
    "event_registration_rejected": N_("您报名的对接活动“%(event)s”未通过审核：%(reason)s"),
    "event_meeting_requested": N_("%(org)s 希望在对接活动“%(event)s”中与您洽谈"),
    "event_meeting_request_accepted": N_("%(org)s 接受了您的洽谈请求"),
    "event_meeting_request_declined": N_("%(org)s 婉拒了您的洽谈请求"),
    "event_meeting_scheduled": N_("对接活动“%(event)s”：已安排您与 %(org)s 在 %(time)s 于 %(table)s 号桌洽谈"),
    "event_meeting_moved": N_("对接活动“%(event)s”：您与 %(org)s 的洽谈调整为 %(time)s、%(table)s 号桌"),
    "event_meeting_dropped": N_("对接活动“%(event)s”：您与 %(org)s 的洽谈已取消"),
    "certification_submitted": N_("%(org)s 提交了产教融合型企业认定申请，请进行区县初审"),
    "certification_to_review": N_("%(org)s 的产教融合型企业认定申请已通过区县初审，请审核"),
    "certification_resubmitted": N_("%(org)s 已按补正事项修改并重新提交认定申请，请审核"),
    "certification_district_passed": N_("您的认定申请已通过 %(dept)s 初审，转市发展改革委、市教育体育局审核"),
    "certification_returned": N_("%(dept)s 退回了您的认定申请，一次性告知 %(count)s 项补正事项，请修改后重新提交"),
    "certification_refused": N_("您的产教融合型企业认定申请未通过：%(reason)s"),
    "certification_notice": N_("您的认定申请已通过审核，%(start)s 至 %(end)s 公示"),
    "certification_objection": N_("%(org)s 的认定公示收到一条异议，请答复"),
    "certification_in_effect": N_("%(org)s 已认定为市级产教融合型企业，证书编号 %(no)s"),
    "certification_provincial": N_("已登记 %(org)s 的省级产教融合型企业认定（%(no)s）"),
    "certification_report": N_("%(org)s 提交了 %(year)s 年度产教融合报告"),
    "certification_revoked": N_("%(org)s 的产教融合型企业认定已撤销：%(reason)s；%(until)s 前不得重新申请"),
    "attribute_requested": N_("%(org)s 申请确认企业属性为“%(value)s”，请审核"),
    "attribute_confirmed": N_("%(dept)s 已确认贵企业为“%(value)s”"),
    "attribute_rejected": N_("%(dept)s 对贵企业“%(value)s”的确认申请不予确认：%(reason)s"),
}


def notify_organisation(organisation, kind, *, link, obj=None, exclude_user=None, **params):
    """Notify every active user of `organisation` (except the one who acted)."""
    users = db.session.scalars(select(User).where(User.organisation_id == organisation.id, User.active.is_(True)))
    for user in users:
        if exclude_user is not None and user.id == exclude_user.id:
            continue
        db.session.add(Notification(
            user_id=user.id, kind=kind, params=params, link=link,
            object_type=obj.__tablename__ if obj is not None else "", object_id=getattr(obj, "id", None),
        ))


def recently_notified(organisation, kind, obj, *, days):
    """True when `organisation` already got a `kind` notification about `obj` within `days`."""
    since = utcnow() - timedelta(days=days)
    query = (
        select(func.count(Notification.id))
        .join(User, Notification.user_id == User.id)
        .where(User.organisation_id == organisation.id, Notification.kind == kind,
               Notification.object_type == obj.__tablename__, Notification.object_id == obj.id,
               Notification.created_at >= since)
    )
    return db.session.scalar(query) > 0


def unread_count(user):
    return db.session.scalar(select(func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None)))


def for_user(user, *, limit=100):
    query = select(Notification).where(Notification.user_id == user.id).order_by(Notification.created_at.desc(), Notification.id.desc())
    return list(db.session.scalars(query.limit(limit)))


def text(notification):
    """The notification's message in the reader's language."""
    template = MESSAGES.get(notification.kind, "%(kind)s")
    params = dict(notification.params or {})
    if "status" in params:
        from ..projects.models import STATUS_LABELS

        params["status"] = str(STATUS_LABELS.get(params["status"], params["status"]))
    try:
        return gettext(template) % params
    except (KeyError, TypeError, ValueError):
        return gettext(template)


def mark_read(user, notification_id):
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound(N_("通知不存在。"))
    if notification.read_at is None:
        notification.read_at = utcnow()
    return notification


def mark_all_read(user):
    db.session.execute(
        update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow())
    )
