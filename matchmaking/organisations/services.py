"""Organisation actions: self-registration, the bureau's verification, profile edits."""
from blinker import Namespace
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts import services as accounts
from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotFound
from ..core.timeutil import utcnow
from ..extensions import db
from .models import Organisation
from .validators import normalise_credit_code

#: Sent after an organisation was verified or rejected (receivers: recommendation refresh).
organisation_status_changed = Namespace().signal("organisation-status-changed")

#: The operator's own organisation row (the bureau's officers belong to it).
BUREAU_NAME = "宜宾市人力资源和社会保障局"

PROFILE_FIELDS = ("district_code", "address", "contact_name", "contact_phone", "email", "website", "intro")
#: What an enterprise edits itself; 规上 / 国企 and certification are confirmed by departments.
ENTERPRISE_FIELDS = ("cluster_code",)


def _check_unique(name, code, *, exclude_id=None):
    query = select(Organisation).where((Organisation.name == name) | (Organisation.code == code))
    for other in db.session.scalars(query):
        if other.id == exclude_id:
            continue
        if other.name == name:
            raise Conflict(_l("该机构名称已注册。"), field="name")
        raise Conflict(_l("该代码已被其他机构注册。"), field="code")


def register_organisation(*, kind, name, code, profile, account, consent):
    """Create a pending organisation with its first (admin) account.

    `profile` holds PROFILE_FIELDS (+ school_type or ENTERPRISE_FIELDS);
    `account` holds email, name and password. Nothing is written if any part fails."""
    if kind not in ("school", "enterprise"):
        raise DomainError(_l("请选择机构类型。"), field="kind")
    if not consent:
        raise DomainError(_l("请阅读并同意隐私声明。"), field="consent")
    name = name.strip()
    code = normalise_credit_code(code) if kind == "enterprise" else code.strip()
    _check_unique(name, code)
    organisation = Organisation(kind=kind, name=name, code=code, status="pending")
    _apply_profile(organisation, profile)
    organisation.consent_version = current_app.config["PRIVACY_NOTICE_VERSION"]
    organisation.consent_at = utcnow()
    db.session.add(organisation)
    db.session.flush()
    user = accounts.create_account(organisation, is_org_admin=True, **account)
    record("organisation.register", user=user, obj=organisation, detail=name)
    return organisation, user


def _apply_profile(organisation, profile):
    allowed = set(PROFILE_FIELDS)
    if organisation.kind == "school":
        allowed.add("school_type")
    elif organisation.kind == "enterprise":
        allowed.update(ENTERPRISE_FIELDS)
    for key, value in profile.items():
        if key in allowed:  # never owner, status or verification fields
            setattr(organisation, key, value.strip() if isinstance(value, str) else value)


def update_profile(organisation, profile, *, by):
    """Edit the descriptive profile; name, code and verification state are not editable here."""
    _apply_profile(organisation, profile)
    record("organisation.update", user=by, obj=organisation)


def verify(organisation, *, by):
    if organisation.status == "verified":
        raise Conflict(_l("该机构已通过审核。"))
    organisation.status = "verified"
    organisation.rejection_reason = ""
    organisation.verified_at = utcnow()
    record("organisation.verify", user=by, obj=organisation, detail=organisation.name)
    db.session.flush()
    organisation_status_changed.send(organisation)


def reject(organisation, reason, *, by):
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("请填写驳回原因。"), field="reason")
    if organisation.status == "rejected":
        raise Conflict(_l("该机构已被驳回。"))
    organisation.status = "rejected"
    organisation.rejection_reason = reason[:500]
    organisation.verified_at = None
    record("organisation.reject", user=by, obj=organisation, detail=reason)
    db.session.flush()
    organisation_status_changed.send(organisation)


def bulk_verify(ids, *, by):
    """Verify every pending organisation among `ids`; returns how many were verified."""
    if not ids:
        return 0
    pending = db.session.scalars(
        select(Organisation).where(Organisation.id.in_(ids), Organisation.status == "pending")
    ).all()
    for organisation in pending:
        verify(organisation, by=by)
    return len(pending)


def resubmit(organisation, *, by):
    """After a rejection the organisation fixes its profile and asks again."""
    if organisation.status != "rejected":
        raise Conflict(_l("只有被驳回的机构可以重新提交审核。"))
    organisation.status = "pending"
    record("organisation.resubmit", user=by, obj=organisation)


def get_public_organisation(organisation_id):
    """A verified school or enterprise, as shown on its public profile page."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind not in ("school", "enterprise") or not organisation.is_verified:
        raise NotFound(_l("机构不存在。"))
    return organisation


def bureau_organisation():
    """The bureau's organisation, created on first use."""
    bureau = db.session.scalar(select(Organisation).where(Organisation.kind == "bureau"))
    if bureau is None:
        bureau = Organisation(kind="bureau", name=BUREAU_NAME, status="verified", verified_at=utcnow(), district_code="翠屏区")
        db.session.add(bureau)
        db.session.flush()
    return bureau
