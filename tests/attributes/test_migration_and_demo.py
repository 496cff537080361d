"""Flags set before the platform reviewed them become confirmed records; the demo tells the story."""
from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import create_engine, select, text

from matchmaking import create_app
from matchmaking.accounts.models import User
from matchmaking.attributes.models import MIGRATED_REASON, AttributeRequest
from matchmaking.extensions import db
from matchmaking.organisations.models import Organisation


def test_the_migration_turns_every_flag_into_a_confirmed_record(tmp_path):
    url = "sqlite:///" + str(tmp_path / "migrated.sqlite3")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(revision="c10a0e5f0007")
        db.engine.dispose()
    engine = create_engine(url)
    with engine.begin() as connection:
        for kind, name, above, state in (("bureau", "人社局", 0, 0), ("enterprise", "规上国企", 1, 1),
                                         ("enterprise", "规上民企", 1, 0), ("enterprise", "小微企业", 0, 0),
                                         ("school", "学校", 0, 0)):
            connection.execute(text(
                "INSERT INTO organisations (kind, name, address, contact_name, contact_phone, email, website, intro, "
                "above_scale, state_owned, status, rejection_reason, consent_version, created_at) VALUES "
                "(:kind, :name, '', '', '', '', '', '', :above, :state, 'verified', '', '', CURRENT_TIMESTAMP)"),
                {"kind": kind, "name": name, "above": above, "state": state})
    engine.dispose()
    with app.app_context():
        upgrade(revision="c10a0e5f0008")
        rows = db.session.execute(select(Organisation.name, AttributeRequest.attribute, AttributeRequest.value,
                                         AttributeRequest.status, AttributeRequest.reason)
                                  .join(Organisation, AttributeRequest.enterprise_id == Organisation.id)
                                  .order_by(AttributeRequest.id)).all()
        bureau_ids = {r.reviewer_department_id for r in db.session.scalars(select(AttributeRequest))}
        bureau = db.session.scalar(select(Organisation.id).where(Organisation.kind == "bureau"))
        db.session.remove()
        db.engine.dispose()
    assert rows == [("规上国企", "above_scale", True, "confirmed", MIGRATED_REASON),
                    ("规上国企", "state_owned", True, "confirmed", MIGRATED_REASON),
                    ("规上民企", "above_scale", True, "confirmed", MIGRATED_REASON)]
    assert bureau_ids == {bureau}


def test_the_demo_has_a_record_behind_every_flag_and_a_story(app):
    from matchmaking.setup import DEMO_PASSWORD, seed_demo

    with current_app.test_request_context("/"):
        seed_demo()
        db.session.commit()
        count = db.session.scalar(select(db.func.count(AttributeRequest.id)))
        seed_demo()  # idempotent
        db.session.commit()
    assert db.session.scalar(select(db.func.count(AttributeRequest.id))) == count
    enterprises = db.session.scalars(select(Organisation).where(Organisation.kind == "enterprise")).all()
    confirmed = {(r.enterprise_id, r.attribute) for r in db.session.scalars(
        select(AttributeRequest).where(AttributeRequest.status == "confirmed"))}
    flagged = {(e.id, a) for e in enterprises for a in ("above_scale", "state_owned") if getattr(e, a)}
    assert flagged and flagged == confirmed
    statuses = {r.status for r in db.session.scalars(select(AttributeRequest))}
    assert statuses == {"confirmed", "pending", "rejected"}
    pending = db.session.scalars(select(AttributeRequest).where(AttributeRequest.status == "pending")).one()
    assert pending.attribute == "above_scale" and "2000万元" in pending.reason and pending.has_evidence
    rejected = db.session.scalars(select(AttributeRequest).where(AttributeRequest.status == "rejected")).one()
    assert rejected.attribute == "state_owned" and rejected.review_comment
    for email in ("economy@demo.yibin.cn", "sasac@demo.yibin.cn"):
        user = db.session.scalar(select(User).where(User.email == email))
        assert user.check_password(DEMO_PASSWORD) and user.organisation.is_department
        client = app.test_client()
        assert client.post("/login", data={"email": email, "password": DEMO_PASSWORD}).status_code == 302
        queue = client.get("/reviews/attributes").get_data(as_text=True)
        assert (pending.enterprise.name in queue) == (email == "economy@demo.yibin.cn")
