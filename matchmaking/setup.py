"""Bringing a database to life: schema upgrade, reference data, demo data."""
import json
from importlib import resources

from sqlalchemy import func, select

from .core.timeutil import utcnow
from .extensions import db
from .organisations.services import bureau_organisation
from .reference.services import seed_reference_data

DEMO_PASSWORD = "Demo@2026"
DEMO_LOGINS = (
    ("bureau@demo.yibin.cn", "bureau"),
    ("school@demo.yibin.cn", "school"),
    ("enterprise@demo.yibin.cn", "enterprise"),
    ("ndrc@demo.yibin.cn", "市发展改革委 / NDRC"),
    ("education@demo.yibin.cn", "市教育体育局 / education"),
    ("finance@demo.yibin.cn", "市财政局 / finance"),
    ("economy@demo.yibin.cn", "市经济和信息化局 / economy (规上企业)"),
    ("sasac@demo.yibin.cn", "市国资委 / SASAC (国有企业)"),
    ("cuiping@demo.yibin.cn", "翠屏区人民政府 / Cuiping district"),
)


def upgrade_schema():
    """Apply every migration (creates the database on first use)."""
    from flask_migrate import upgrade

    upgrade()


def init_database():
    """Schema and reference data: what every deployment needs before its first request."""
    from .organisations.departments import seed_departments

    upgrade_schema()
    added = seed_reference_data() + seed_departments()
    db.session.commit()
    return added


def ensure_database(app):
    """On the embedded default: upgrade, and fill an empty database with demo data once."""
    from .organisations.models import Organisation

    init_database()
    if app.config.get("EMBEDDED_DATABASE") and not db.session.scalar(select(func.count(Organisation.id))):
        seed_demo()
        db.session.commit()
        from .recommendations.services import refresh_all

        refresh_all()
        db.session.commit()
        print(demo_logins_text())


def demo_logins_text():
    lines = ["演示账号 / Demo logins (password: %s):" % DEMO_PASSWORD]
    lines += [f"  {email}  ({role})" for email, role in DEMO_LOGINS]
    return "\n".join(lines)


def _demo_file(name):
    return resources.files("matchmaking.demo").joinpath("data", name).read_text(encoding="utf-8")


def _read_jsonl(name):
    return [json.loads(line) for line in _demo_file(name).splitlines() if line.strip()]


def _ensure_user(organisation, email, name):
    from .accounts.models import User

    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(organisation=organisation, email=email, name=name, is_org_admin=True)
        user.set_password(DEMO_PASSWORD)
        db.session.add(user)
    return user


def seed_demo():
    """Load the shipped demo organisations, programmes and needs, and the demo logins.

    Idempotent: running it again updates the same rows instead of duplicating them."""
    from .exchange.services import import_records
    from .needs.models import Need
    from .organisations.models import Organisation
    from .programmes.models import Programme

    seed_reference_data()
    organisations = _read_jsonl("organisations.jsonl")
    for position, record in enumerate(organisations):
        organisation = db.session.scalar(select(Organisation).where(Organisation.name == record["name"]))
        if organisation is None:
            organisation = Organisation(name=record["name"], kind=record["kind"])
            db.session.add(organisation)
        # The last two registrations wait in the bureau's verification queue.
        pending = position >= len(organisations) - 2
        organisation.code = record["code"]
        organisation.district_code = record["district"]
        for key in ("address", "contact_name", "contact_phone", "email", "website", "intro"):
            setattr(organisation, key, record.get(key) or "")
        organisation.school_type = record.get("school_type")
        organisation.cluster_code = record.get("cluster")
        organisation.above_scale = bool(record.get("above_scale"))
        organisation.state_owned = bool(record.get("state_owned"))
        organisation.status = "pending" if pending else "verified"
        organisation.verified_at = None if pending else utcnow()
        organisation.consent_version = "2026-01"
        organisation.consent_at = utcnow()
    db.session.flush()

    counts = import_records(_read_jsonl("programmes.jsonl"), _read_jsonl("needs.jsonl"))
    # A lived-in platform: some drafts and closed items, and nothing public from pending organisations.
    for model in (Programme, Need):
        for index, posting in enumerate(db.session.scalars(select(model).order_by(model.id))):
            if not posting.organisation.is_verified or index % 13 == 5:
                posting.status, posting.published_at = "draft", None
            elif index % 17 == 9:
                posting.status, posting.closed_at = "closed", utcnow()

    bureau = bureau_organisation()
    first_school = db.session.scalar(select(Organisation).where(Organisation.kind == "school").order_by(Organisation.id))
    first_enterprise = db.session.scalar(select(Organisation).where(Organisation.kind == "enterprise").order_by(Organisation.id))
    bureau_user = _ensure_user(bureau, "bureau@demo.yibin.cn", "人社局对接专员")
    _ensure_user(first_school, "school@demo.yibin.cn", first_school.contact_name or "学校管理员")
    _ensure_user(first_enterprise, "enterprise@demo.yibin.cn", first_enterprise.contact_name or "企业管理员")
    db.session.flush()

    from flask import current_app

    from .demo.attributes import seed_attributes
    from .demo.certification import seed_certifications
    from .demo.cooperation import seed_cooperation
    from .demo.events import seed_events
    from .demo.policies import seed_policies

    # Notifications carry links, so the story is told inside a request context.
    with current_app.test_request_context("/"):
        counts["pairings"] = seed_cooperation(DEMO_PASSWORD)
        counts["events"] = seed_events(DEMO_PASSWORD)
        counts["policies"] = seed_policies(_read_jsonl("policies.jsonl"), bureau_user)
        counts["certifications"] = seed_certifications(organisations, DEMO_PASSWORD)
        counts["attribute_requests"] = seed_attributes(DEMO_PASSWORD)
    from .demo.plan_records import seed_plan_records, spread_publication_dates

    spread_publication_dates()
    counts["plan_records"] = seed_plan_records()
    return counts
