"""The bureau keeps the departments and opens their first accounts."""
from sqlalchemy import select

from matchmaking.accounts.models import User
from matchmaking.audit.models import AuditEntry
from matchmaking.extensions import db
from matchmaking.organisations.models import Organisation


def test_the_bureau_adds_a_department_and_its_account(chain, login_as):
    bureau = login_as(chain.bureau)
    assert "宜宾市发展和改革委员会" in bureau.get("/bureau/departments").get_data(as_text=True)
    response = bureau.post("/bureau/departments/new", data={"name": "宜宾市南溪区人民政府", "department": "district",
                                                           "district_code": "南溪区"})
    assert response.status_code == 302
    department = db.session.scalar(select(Organisation).where(Organisation.name == "宜宾市南溪区人民政府"))
    assert department.is_district_government and department.is_verified
    response = bureau.post(f"/bureau/departments/{department.id}/accounts", data={
        "account-account_name": "南溪区产教融合办", "account-account_email": "nanxi@yibin.gov.example.cn",
        "account-password": "Sanjiang#Rev2026", "account-password_confirm": "Sanjiang#Rev2026"})
    assert response.status_code == 302, response.get_data(as_text=True)
    officer = db.session.scalar(select(User).where(User.email == "nanxi@yibin.gov.example.cn"))
    assert officer.organisation_id == department.id and officer.is_org_admin
    actions = [e.action for e in db.session.scalars(select(AuditEntry))]
    assert "department.create" in actions and "user.create" in actions


def test_a_district_has_one_government_and_names_are_unique(chain, login_as):
    bureau = login_as(chain.bureau)
    twice = bureau.post("/bureau/departments/new", data={"name": "翠屏区另一个政府", "department": "district",
                                                        "district_code": "翠屏区"})
    assert twice.status_code == 400 and "该区县已有区县政府" in twice.get_data(as_text=True)
    assert "翠屏区另一个政府" in twice.get_data(as_text=True)
    clash = bureau.post(f"/bureau/departments/{chain.ndrc.organisation_id}", data={
        "name": "宜宾市财政局", "department": "ndrc", "district_code": "翠屏区"})
    assert clash.status_code == 400 and "该名称已被其他机构使用" in clash.get_data(as_text=True)


def test_only_the_bureau_keeps_departments(chain, login_as):
    for user in (chain.ndrc, chain.applicant, chain.school_user):
        assert login_as(user).get("/bureau/departments").status_code == 403
    assert login_as(chain.bureau).get(f"/bureau/departments/{chain.enterprise.id}").status_code == 404


def test_departments_are_not_in_the_verification_queue(chain, login_as):
    page = login_as(chain.bureau).get("/bureau/organisations?status=verified").get_data(as_text=True)
    assert "宜宾市发展和改革委员会" not in page


def test_each_remit_has_one_department(chain, login_as):
    response = login_as(chain.bureau).post("/bureau/departments/new", data={
        "name": "宜宾市第二发展改革委", "department": "ndrc", "district_code": "翠屏区"})
    assert response.status_code == 400 and "每项职责只设一个部门" in response.get_data(as_text=True)
