from matchmaking.audit.models import AuditEntry
from matchmaking.extensions import db


def _bureau_login(make, auth):
    officer = make.user(make.bureau())
    auth.login(officer.email)
    return officer


def _actions():
    return [entry.action for entry in db.session.scalars(db.select(AuditEntry))]


def test_bureau_approves_a_pending_organisation(client, auth, make):
    pending = make.school(status="pending")
    _bureau_login(make, auth)
    assert pending.name in client.get("/bureau/organisations").get_data(as_text=True)
    assert client.post(f"/bureau/organisations/{pending.id}/verify").status_code == 302
    db.session.refresh(pending)
    assert pending.status == "verified" and pending.verified_at
    assert "organisation.verify" in _actions()


def test_bureau_rejects_with_a_reason_and_the_organisation_resubmits(client, auth, make, app):
    pending = make.enterprise(status="pending")
    owner = make.user(pending)
    _bureau_login(make, auth)
    missing = client.post(f"/bureau/organisations/{pending.id}/reject", data={"reason": ""})
    assert missing.status_code == 400 and "请填写驳回原因" in missing.get_data(as_text=True)
    client.post(f"/bureau/organisations/{pending.id}/reject", data={"reason": "营业执照信息与代码不符"})
    db.session.refresh(pending)
    assert pending.status == "rejected" and pending.rejection_reason == "营业执照信息与代码不符"
    assert "organisation.reject" in _actions()

    owner_client = app.test_client()
    owner_client.post("/login", data={"email": owner.email, "password": "Yibin#2026pass"})
    assert "营业执照信息与代码不符" in owner_client.get("/workspace").get_data(as_text=True)
    owner_client.post("/organisation/resubmit")
    db.session.refresh(pending)
    assert pending.status == "pending"


def test_bulk_approve_only_touches_pending_ones(client, auth, make):
    a, b = make.school(status="pending"), make.enterprise(status="pending")
    rejected = make.enterprise(status="rejected")
    _bureau_login(make, auth)
    client.post("/bureau/organisations/bulk-verify", data={"ids": [str(a.id), str(b.id), str(rejected.id), "x"]})
    for organisation in (a, b, rejected):
        db.session.refresh(organisation)
    assert a.status == b.status == "verified"
    assert rejected.status == "rejected"


def test_verifying_twice_is_refused_with_a_message(client, auth, make):
    verified = make.school()
    _bureau_login(make, auth)
    html = client.post(f"/bureau/organisations/{verified.id}/verify", follow_redirects=True).get_data(as_text=True)
    assert "已通过审核" in html


def test_bureau_disables_an_account_and_it_is_audited(client, auth, make, app):
    school_user = make.user(make.school())
    victim_client = app.test_client()
    victim_client.post("/login", data={"email": school_user.email, "password": "Yibin#2026pass"})
    _bureau_login(make, auth)
    client.post(f"/bureau/users/{school_user.id}/disable")
    db.session.refresh(school_user)
    assert not school_user.active
    assert victim_client.get("/workspace").status_code == 302
    assert "user.disable" in _actions()


def test_audit_log_lists_logins_and_filters(client, auth, make):
    officer = _bureau_login(make, auth)
    auth.login("nobody@example.cn", "Wrong#Password1")
    auth.login(officer.email)
    html = client.get("/bureau/audit?action=login_failed").get_data(as_text=True)
    assert "nobody@example.cn" in html
    assert client.get("/bureau/audit?user=" + officer.email).status_code == 200


def test_bureau_edits_reference_labels_and_targets(client, auth, make):
    _bureau_login(make, auth)
    response = client.post("/bureau/reference/clusters/baijiu", data={"name_zh": "白酒（食品饮料）产业", "name_en": "Baijiu", "sort": "3"})
    assert response.status_code == 302
    assert "白酒（食品饮料）产业" in client.get("/programmes").get_data(as_text=True)
    client.post("/bureau/reference/plan_targets/municipal_enterprises", data={"name_zh": "市级产教融合型企业", "name_en": "x", "sort": "1", "figure": "120"})
    assert "120" in client.get("/bureau/reference").get_data(as_text=True)
    assert client.post("/bureau/reference/clusters/baijiu", data={"name_zh": "", "sort": "1"}).status_code == 200
    assert client.get("/bureau/reference/clusters/nonexistent").status_code == 404
    assert "reference.update" in _actions()
