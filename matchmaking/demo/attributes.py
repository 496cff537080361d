"""The attribute story of the demo city: every 规上 and 国企 flag of the demo enterprises has the
confirmed record behind it (confirmed by 市经济和信息化局, 市国资委 or the bureau), a small energy
storage maker waits for 市经济和信息化局 to confirm it has grown above scale, and a digital company
was told by 市国资委 that a minority state shareholding does not make it state-owned."""
from datetime import timedelta

from sqlalchemy import func, select

from ..attributes import services
from ..attributes.models import AttributeRequest
from ..core.timeutil import utcnow
from ..extensions import db
from ..organisations.departments import seed_departments
from ..organisations.models import Organisation
from ..organisations.services import bureau_organisation
from .certification import EVIDENCE_PDF, _officer
from .cooperation import _contact_user

#: (login, remit, name of the officer)
DEPARTMENT_LOGINS = (
    ("economy@demo.yibin.cn", "economy", "市经济和信息化局运行监测协调科"),
    ("sasac@demo.yibin.cn", "sasac", "市国资委产权管理科"),
)
REASONS = {
    "above_scale": "已纳入统计部门规模以上企业名录（一套表联网直报），上年度主营业务收入达到规模以上标准，"
                   "附统计部门入库通知及上年度统计年报。",
    "state_owned": "宜宾市国有资本控股企业，国有出资比例超过50%，出资人为市属国有平台公司，附国有资产产权登记证。",
}
COMMENTS = {"above_scale": "经核对统计名录，属实。", "state_owned": "经核对产权登记，属于市属国有控股企业。"}

PENDING = ("四川岷储储能科技有限公司", "above_scale",
           "公司2026年营业收入突破2000万元（1—11月累计2386万元，同比增长142%），已于2026年12月经三江新区统计部门审核"
           "纳入规模以上工业企业统计名录，申请确认为规上企业。附入库通知书及2026年11月统计月报。")
REJECTED = ("宜宾三江数智科技有限公司", "state_owned",
            "公司股东中有宜宾三江新区建设发展集团有限公司（国有独资），承担新区多个政务数字化项目，申请确认为国有企业。",
            "经核查工商登记及股权结构，国有股东持股比例为30%，未达到国有控股标准（50%以上），且无国有实际控制，"
            "不属于国有企业；如股权结构变化可重新申请。")


def _confirmed(enterprise, attribute, reviewer, days_ago):
    """The record behind a flag the demo enterprise already holds."""
    requester = enterprise.users[0] if enterprise.users else None
    created = utcnow() - timedelta(days=days_ago)
    db.session.add(AttributeRequest(
        enterprise=enterprise, attribute=attribute, value=True, reason=REASONS[attribute], status="confirmed",
        review_comment=COMMENTS[attribute], reviewed_by=reviewer, reviewer_department_id=reviewer.organisation_id,
        reviewed_at=created + timedelta(days=2), requested_by=requester, created_at=created, updated_at=created))


def _has_request(enterprise, attribute):
    return db.session.scalar(select(func.count(AttributeRequest.id)).where(
        AttributeRequest.enterprise_id == enterprise.id, AttributeRequest.attribute == attribute)) > 0


def _enterprise(name):
    return db.session.scalar(select(Organisation).where(Organisation.name == name, Organisation.kind == "enterprise"))


def seed_attributes(password):
    """Idempotent: an enterprise that already has a request for an attribute is left alone there."""
    seed_departments()
    economy, sasac = (_officer(email, remit, None, name, password) for email, remit, name in DEPARTMENT_LOGINS)
    bureau = bureau_organisation()
    bureau_officer = bureau.users[0] if bureau.users else None
    reviewers = {"above_scale": economy, "state_owned": sasac}

    flagged = db.session.scalars(select(Organisation).where(
        Organisation.kind == "enterprise", (Organisation.above_scale.is_(True)) | (Organisation.state_owned.is_(True)))
        .order_by(Organisation.id)).all()
    for position, enterprise in enumerate(flagged):
        for attribute in ("above_scale", "state_owned"):
            if getattr(enterprise, attribute) and not _has_request(enterprise, attribute):
                # Most were confirmed by the department; the bureau confirmed every fifth.
                reviewer = bureau_officer if bureau_officer and position % 5 == 4 else reviewers[attribute]
                _confirmed(enterprise, attribute, reviewer, days_ago=200 - 3 * position)
    db.session.flush()

    name, attribute, reason = PENDING
    enterprise = _enterprise(name)
    if enterprise is not None and enterprise.is_verified and not _has_request(enterprise, attribute):
        pending = services.request_change(enterprise, by=_contact_user(enterprise, password), attribute=attribute,
                                          value=True, reason=reason, upload=("统计入库通知书.pdf", EVIDENCE_PDF))
        pending.created_at = utcnow() - timedelta(days=4)

    name, attribute, reason, comment = REJECTED
    enterprise = _enterprise(name)
    if enterprise is not None and enterprise.is_verified and not _has_request(enterprise, attribute):
        rejected = services.request_change(enterprise, by=_contact_user(enterprise, password), attribute=attribute,
                                           value=True, reason=reason)
        services.reject(rejected, by=sasac, comment=comment)
        rejected.created_at = utcnow() - timedelta(days=20)
        rejected.reviewed_at = utcnow() - timedelta(days=17)
    db.session.flush()
    return db.session.scalar(select(func.count(AttributeRequest.id)))
