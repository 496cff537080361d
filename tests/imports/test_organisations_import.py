"""The bureau imports schools and enterprises: verified, audit-logged, validated as registration is."""
import pytest
from sqlalchemy import func, select

from matchmaking.audit.models import AuditEntry
from matchmaking.extensions import db
from matchmaking.exchange.sheets import ORGANISATIONS
from matchmaking.organisations.models import Organisation

from ..factories import credit_code
from .helpers import read, upload, workbook

HEADERS = [column.header for column in ORGANISATIONS.columns]


def org_row(**overrides):
    values = {"id": None, "name": "宜宾导入测试电子有限公司", "kind": "企业", "code": credit_code(900001),
              "district_code": "翠屏区", "address": "酒都路 1 号", "contact_name": "王经理", "contact_phone": 13800000002,
              "email": "hr@example.cn", "website": "", "school_type": "", "cluster_code": "智能终端",
              "above_scale": "是", "state_owned": "否", "certification": "市级产教融合型企业",
              "certified_on": "2025-06-30", "intro": ""}
    values.update(overrides)
    return [values[column.key] for column in ORGANISATIONS.columns]


@pytest.fixture
def bureau(make, login_as):
    return login_as(make.user(make.bureau(name="宜宾市人力资源和社会保障局")))


def commit(client, data):
    response = upload(client, "organisations", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    client.post(response.headers["Location"] + "/commit")
    return page


def test_bureau_imports_verified_organisations_with_an_audit_trail(bureau):
    school = org_row(name="宜宾导入测试职业学院", kind="学校", code=4151019999, school_type="高职院校", cluster_code="",
                     above_scale="", state_owned="", certification="", certified_on="")
    page = commit(bureau, workbook(HEADERS, [org_row(), school]))
    assert "新增 2" in page
    enterprise = db.session.scalar(select(Organisation).where(Organisation.kind == "enterprise"))
    assert enterprise.status == "verified" and enterprise.verified_at is not None
    # 规上 / 国企 and the certification are reviewed facts: an import does not set them.
    assert (enterprise.cluster_code, enterprise.above_scale, enterprise.state_owned) == ("smart_terminal", False, False)
    assert enterprise.certification == "none"
    assert not {"above_scale", "state_owned", "certification", "certified_on"} & {c.key for c in ORGANISATIONS.columns}
    assert enterprise.contact_phone == "13800000002"
    school = db.session.scalar(select(Organisation).where(Organisation.kind == "school"))
    assert (school.code, school.school_type, school.status) == ("4151019999", "higher_vocational", "verified")
    actions = [entry.action for entry in db.session.scalars(select(AuditEntry))]
    assert actions.count("organisation.import_create") == 2 and "import.organisations" in actions
    # The same file again: recognised by code and name, nothing changes.
    assert "新增 0，更新 0，无变化 2" in commit(bureau, workbook(HEADERS, [org_row(), school_row_again()]))


def school_row_again():
    return org_row(name="宜宾导入测试职业学院", kind="学校", code="4151019999", school_type="高职院校", cluster_code="",
                   above_scale="", state_owned="", certification="", certified_on="")


def test_registration_rules_apply_row_by_row(bureau, make):
    make.enterprise(name="已注册的企业")
    bad_code = credit_code(900002)[:-1] + ("0" if credit_code(900002)[-1] != "0" else "1")
    rows = [
        org_row(code=bad_code),
        org_row(name="缺学校类型的学院", kind="学校", code="4151018888", cluster_code=""),
        org_row(name="已注册的企业", code=credit_code(900003)),
        org_row(name="手机不对的公司", code=credit_code(900004), contact_phone="12345"),
    ]
    page = commit(bureau, workbook(HEADERS, rows))
    assert "第 2 行 · D 列「统一社会信用代码 / 学校标识码」：统一社会信用代码应为 18 位，且校验位正确。" in page
    assert "第 3 行 · K 列「学校类型」：请选择学校类型。" in page
    assert "第 5 行 · H 列「联系人手机」：请填写 11 位中国大陆手机号码。" in page
    assert "有错误 3" in page  # "已注册的企业" is recognised by name: an update, not a duplicate
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 2  # the bureau and the registered one


def test_an_update_keeps_the_verification_state(bureau, make):
    pending = make.enterprise(status="pending", name="待审核的企业", code=credit_code(900006))
    page = commit(bureau, workbook(HEADERS, [org_row(id=pending.id, name="待审核的企业", code=credit_code(900006), address="新地址")]))
    assert "更新 1" in page
    db.session.expire_all()
    assert (pending.address, pending.status) == ("新地址", "pending")
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.object_id == str(pending.id))) == "organisation.import_update"


def test_kind_cannot_change_and_unknown_ids_are_errors(bureau, make):
    school = make.school()
    page = commit(bureau, workbook(HEADERS, [org_row(id=school.id, name=school.name, code=credit_code(900007)),
                                             org_row(id=999999, code=credit_code(900008))]))
    assert "机构类型不能通过导入修改" in page
    assert "编号 999999 不存在" in page


def test_only_the_bureau_imports_organisations(make, login_as):
    client = login_as(make.user(make.enterprise()))
    assert client.get("/imports/organisations").status_code == 403
    assert client.get("/imports/organisations/template.xlsx").status_code == 403


def test_organisations_template(bureau):
    headers, rows = read(bureau.get("/imports/organisations/template.xlsx").data)
    assert headers == HEADERS and rows[0][0] == "示例"
    assert "批量导入机构" in bureau.get("/bureau/organisations").get_data(as_text=True)


@pytest.mark.parametrize("bad_id", ["²", "12345678901234567890", "0", "-3"])
def test_an_id_that_is_no_database_id_is_a_row_error(bureau, bad_id):
    response = upload(bureau, "organisations", workbook(HEADERS, [org_row(id=bad_id)]))
    assert response.status_code == 302
    page = bureau.get(response.headers["Location"]).get_data(as_text=True)
    assert "不存在。新增的行请将编号留空" in page
    assert db.session.scalar(select(func.count(Organisation.id))) == 1  # only the bureau
