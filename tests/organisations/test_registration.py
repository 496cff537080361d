import pytest

from matchmaking.accounts.models import User
from matchmaking.extensions import db
from matchmaking.organisations.models import Organisation

from ..factories import credit_code

ENTERPRISE = {
    "kind": "enterprise",
    "name": "宜宾测试新能源科技有限公司",
    "code": credit_code(990001),
    "district_code": "三江新区",
    "address": "三江新区宋家镇",
    "contact_name": "李经理",
    "contact_phone": "13800001111",
    "cluster_code": "power_battery",
    "above_scale": "y",
    "certification": "none",
    "account_name": "李经理",
    "account_email": "hr@ybtest.example.cn",
    "password": "Sanjiang#2026",
    "password_confirm": "Sanjiang#2026",
    "consent": "y",
}
SCHOOL = dict(ENTERPRISE, kind="school", name="宜宾测试职业技术学院", code="4151019999", school_type="higher_vocational",
              cluster_code="", account_email="admin@school.example.cn")


def _organisations():
    return db.session.scalars(db.select(Organisation)).all()


@pytest.mark.parametrize("data", [ENTERPRISE, SCHOOL])
def test_registration_creates_a_pending_organisation_and_its_admin(client, data):
    response = client.post("/register", data=data)
    assert response.status_code == 302
    organisation = db.session.scalar(db.select(Organisation).where(Organisation.name == data["name"]))
    assert organisation.status == "pending"
    assert organisation.consent_version and organisation.consent_at
    user = db.session.scalar(db.select(User).where(User.email == data["account_email"]))
    assert user.organisation_id == organisation.id and user.is_org_admin
    assert user.password_hash != data["password"] and user.check_password(data["password"])
    # Logged in straight away, in a workspace that says verification is pending.
    assert "等待人社局审核" in client.get("/workspace").get_data(as_text=True)


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"code": credit_code(990001)[:-1] + ("0" if credit_code(990001)[-1] != "0" else "1")}, "校验位"),
        ({"code": "12345"}, "校验位"),
        ({"contact_phone": "12345678901"}, "手机号码"),
        ({"contact_phone": "1380000111"}, "手机号码"),
        ({"password": "abcdefgh", "password_confirm": "abcdefgh"}, "至少三类"),
        ({"password": "P@ssw0rd", "password_confirm": "P@ssw0rd"}, "过于常见"),
        ({"password_confirm": "Different#2026"}, "不一致"),
        ({"consent": ""}, "隐私声明"),
        ({"account_email": "not-an-email"}, "邮箱格式"),
        ({"kind": ""}, "机构类型"),
        ({"cluster_code": ""}, "主营产业集群"),
    ],
)
def test_bad_enterprise_registration_is_refused_and_input_kept(client, changes, message):
    response = client.post("/register", data=dict(ENTERPRISE, **changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert ENTERPRISE["address"] in html  # what the user typed is kept
    assert _organisations() == []


@pytest.mark.parametrize("code", ["415101999", "3151019999", "4199019999", "41510199a9"])
def test_bad_school_code_is_refused(client, code):
    html = client.post("/register", data=dict(SCHOOL, code=code)).get_data(as_text=True)
    assert "学校标识码应为 10 位数字" in html
    assert _organisations() == []


def test_school_must_choose_a_type(client):
    html = client.post("/register", data=dict(SCHOOL, school_type="")).get_data(as_text=True)
    assert "请选择学校类型" in html


def test_duplicate_name_code_or_email_is_refused_without_writing(client, make):
    make.enterprise(name=ENTERPRISE["name"])
    assert "该机构名称已注册" in client.post("/register", data=ENTERPRISE).get_data(as_text=True)
    existing = make.enterprise(code=credit_code(990002))
    html = client.post("/register", data=dict(ENTERPRISE, name="另一家公司有限公司", code=existing.code)).get_data(as_text=True)
    assert "该代码已被其他机构注册" in html
    make.user(existing, email="taken@example.cn")
    html = client.post("/register", data=dict(ENTERPRISE, name="第三家公司有限公司", code=credit_code(990003), account_email="taken@example.cn")).get_data(as_text=True)
    assert "该邮箱已被注册" in html
    # The refused registration wrote nothing: no orphan organisation without an account.
    assert db.session.scalar(db.select(Organisation).where(Organisation.name == "第三家公司有限公司")) is None


def test_registration_cannot_set_status_or_verification(client):
    client.post("/register", data=dict(ENTERPRISE, status="verified", verified_at="2026-01-01"))
    assert db.session.scalar(db.select(Organisation)).status == "pending"


def test_public_profile_masks_the_phone_and_hides_unverified(client, make):
    verified = make.enterprise(contact_phone="13912345678")
    pending = make.enterprise(status="pending")
    html = client.get(f"/orgs/{verified.id}").get_data(as_text=True)
    assert "139****5678" in html and "13912345678" not in html
    assert client.get(f"/orgs/{pending.id}").status_code == 404
    assert client.get("/orgs/999999").status_code == 404


def test_profile_edit_keeps_name_code_and_status(client, auth, make):
    organisation = make.enterprise()
    user = make.user(organisation)
    auth.login(user.email)
    response = client.post("/organisation/profile", data={
        "district_code": "南溪区", "contact_name": "王经理", "contact_phone": "13700001234", "cluster_code": "baijiu",
        "certification": "municipal", "certified_on": "2025-06-01", "name": "改名", "status": "pending", "code": "X"})
    assert response.status_code == 302
    db.session.refresh(organisation)
    # 产教融合型企业 certification is a reviewed record: a profile form cannot set it.
    assert organisation.district_code == "南溪区" and organisation.certification == "none"
    assert organisation.certifications == []
    assert organisation.name != "改名" and organisation.status == "verified" and organisation.code != "X"


def test_no_profile_field_sets_reviewed_facts(client, auth, make):
    """规上 / 国企 and the certification are confirmed by departments, never typed on a profile."""
    enterprise = make.enterprise()
    auth.login(make.user(enterprise).email)
    page = client.get("/organisation/profile").get_data(as_text=True)
    assert 'name="certification"' not in page and 'name="above_scale"' not in page and 'name="state_owned"' not in page
    response = client.post("/organisation/profile", data={
        "district_code": "南溪区", "contact_name": "王经理", "contact_phone": "13700001234", "cluster_code": "baijiu",
        "certification": "provincial", "certified_on": "2025-01-01", "above_scale": "y", "state_owned": "y"})
    assert response.status_code == 302
    db.session.refresh(enterprise)
    assert (enterprise.certification, enterprise.above_scale, enterprise.state_owned) == ("none", False, False)


def test_registration_cannot_declare_reviewed_facts(client):
    page = client.get("/register").get_data(as_text=True)
    assert 'name="certification"' not in page and 'name="above_scale"' not in page
