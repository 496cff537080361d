"""规上企业 and 国有企业 through the pages, as each user would walk them."""
import io

import pytest
from sqlalchemy import select

from matchmaking.attributes.models import AttributeRequest
from matchmaking.audit.models import AuditEntry
from matchmaking.dashboard import queries as dashboard
from matchmaking.extensions import db
from matchmaking.notifications.models import Notification
from matchmaking.organisations.models import Organisation

from ..dashboard.conftest import _project
from .conftest import PDF, REASON, request_form


def _only():
    db.session.expire_all()
    return db.session.scalars(select(AttributeRequest)).one()


def _flags(organisation):
    db.session.expire_all()
    organisation = db.session.get(Organisation, organisation.id)
    return organisation.above_scale, organisation.state_owned


def _audit(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def _notified(user, kind):
    return db.session.scalars(select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)).all()


def _confirm(client, item, comment=""):
    return client.post(f"/attributes/{item.id}/confirm", data={"confirm-comment": comment})


def _reject(client, item, comment):
    return client.post(f"/attributes/{item.id}/reject", data={"reject-comment": comment})


def test_economy_confirms_above_scale_and_only_then_the_flag_changes(people, ask_as, login_as):
    client = login_as(people.applicant)
    page = client.get("/organisation/attributes").get_data(as_text=True)
    assert "非规上企业" in page and "非国有企业" in page and 'name="reason"' in page

    response = client.post("/organisation/attributes", data=request_form(), content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    item = _only()
    assert (item.attribute, item.value, item.status, item.evidence_name) == ("above_scale", True, "pending", "入库通知书.pdf")
    assert _flags(people.enterprise) == (False, False)  # unchanged until confirmed
    assert len(_audit("attribute.request")) == 1
    assert _notified(people.economy, "attribute_requested") and _notified(people.bureau, "attribute_requested")
    assert not _notified(people.sasac, "attribute_requested")
    assert "待审核" in client.get("/organisation/attributes").get_data(as_text=True)

    economy = login_as(people.economy)
    queue = economy.get("/reviews/attributes").get_data(as_text=True)
    assert people.enterprise.name in queue and "已等待（工作日）" in queue
    detail = economy.get(f"/attributes/{item.id}").get_data(as_text=True)
    assert REASON in detail and 'action="/attributes/%d/confirm"' % item.id in detail
    download = economy.get(f"/attributes/{item.id}/evidence")
    assert download.status_code == 200 and download.data == PDF and download.mimetype == "application/pdf"

    response = _confirm(economy, item, "经核对统计名录，属实。")
    assert response.status_code == 302
    item = _only()
    assert item.status == "confirmed" and item.reviewer_department_id == people.economy.organisation_id
    assert item.reviewed_by_id == people.economy.id and item.review_comment == "经核对统计名录，属实。"
    assert _flags(people.enterprise) == (True, False)
    assert len(_audit("attribute.confirm")) == 1
    assert _notified(people.applicant, "attribute_confirmed")
    page = client.get("/organisation/attributes").get_data(as_text=True)
    assert "宜宾市经济和信息化局 于" in page and "已确认" in page
    assert people.enterprise.name not in economy.get("/reviews/attributes").get_data(as_text=True).split("我已审核")[0]


def test_sasac_confirms_state_owned(people, ask_as, login_as):
    ask_as(people.applicant, attribute="state_owned", reason="市属国有独资企业，出资人为宜宾市国有资产经营有限公司。")
    item = _only()
    assert _notified(people.sasac, "attribute_requested") and not _notified(people.economy, "attribute_requested")
    assert _confirm(login_as(people.sasac), item).status_code == 302
    assert _flags(people.enterprise) == (False, True)


@pytest.mark.parametrize("attribute", ["above_scale", "state_owned"])
def test_the_bureau_confirms_either(people, ask_as, login_as, attribute):
    ask_as(people.applicant, attribute=attribute)
    bureau = login_as(people.bureau)
    assert people.enterprise.name in bureau.get("/reviews/attributes").get_data(as_text=True)
    assert _confirm(bureau, _only()).status_code == 302
    assert _flags(people.enterprise) == (attribute == "above_scale", attribute == "state_owned")
    assert _only().reviewer_department_id == people.bureau.organisation_id


def test_a_confirmed_flag_can_be_withdrawn_by_a_new_request(people, ask_as, login_as, make):
    people.enterprise.above_scale = True
    db.session.commit()
    _, response = ask_as(people.applicant, value="no", reason="2026年营业收入下降至1500万元，已退出规上统计。", evidence=None)
    assert response.status_code == 302
    assert _confirm(login_as(people.economy), _only()).status_code == 302
    assert _flags(people.enterprise) == (False, False)


def test_the_wrong_department_sees_nothing(people, ask_as, login_as):
    ask_as(people.applicant, attribute="state_owned")
    item = _only()
    economy = login_as(people.economy)  # 经信局 confirms 规上, not 国企
    assert people.enterprise.name not in economy.get("/reviews/attributes").get_data(as_text=True)
    assert economy.get(f"/attributes/{item.id}").status_code == 404
    assert _confirm(economy, item).status_code == 404
    assert _reject(economy, item, "不属于国有企业。").status_code == 404
    assert economy.get(f"/attributes/{item.id}/evidence").status_code == 404
    finance = login_as(people.finance)
    assert finance.get("/reviews/attributes").status_code == 403
    assert finance.get(f"/attributes/{item.id}").status_code == 404
    assert _only().status == "pending" and _flags(people.enterprise) == (False, False)


def test_other_organisations_see_nothing(people, ask_as, login_as):
    ask_as(people.applicant)
    item = _only()
    other = login_as(people.other_applicant)
    assert other.get(f"/attributes/{item.id}").status_code == 404
    assert other.get(f"/attributes/{item.id}/evidence").status_code == 404
    assert _confirm(other, item).status_code == 404
    assert people.enterprise.name not in other.get("/organisation/attributes").get_data(as_text=True)
    assert other.get("/reviews/attributes").status_code == 403
    # The applicant sees its request but cannot confirm it.
    applicant = login_as(people.applicant)
    assert applicant.get(f"/attributes/{item.id}").status_code == 200
    assert _confirm(applicant, item).status_code == 403
    school = login_as(people.school_user)
    assert school.get("/organisation/attributes").status_code == 403
    assert school.get(f"/attributes/{item.id}").status_code == 404
    assert _only().status == "pending"


def test_anonymous_visitors_are_sent_to_login(people, ask_as, client):
    ask_as(people.applicant)
    item = _only()
    for path in ("/organisation/attributes", "/reviews/attributes", f"/attributes/{item.id}",
                 f"/attributes/{item.id}/evidence"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path
    response = client.post(f"/attributes/{item.id}/confirm")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _only().status == "pending"


def test_a_request_is_decided_once(people, ask_as, login_as):
    ask_as(people.applicant)
    item = _only()
    economy, bureau = login_as(people.economy), login_as(people.bureau)
    assert _confirm(economy, item).status_code == 302
    response = _confirm(bureau, item)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/attributes/{item.id}")
    assert "该申请已审核完毕" in bureau.get(response.headers["Location"]).get_data(as_text=True)
    assert _reject(bureau, item, "重复审核").status_code == 302
    item = _only()
    assert item.status == "confirmed" and item.reviewer_department_id == people.economy.organisation_id
    assert len(_audit("attribute.confirm")) == 1 and not _audit("attribute.reject")
    assert 'action="/attributes/%d/confirm"' % item.id not in economy.get(f"/attributes/{item.id}").get_data(as_text=True)


def test_one_pending_request_per_attribute(people, ask_as, login_as):
    client, _ = ask_as(people.applicant)
    response = client.post("/organisation/attributes", data=request_form(reason="再次申请：营业收入已达2386万元。"),
                           content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "已有一份“规上企业”属性的确认申请在审核中" in page and "再次申请：营业收入已达2386万元。" in page
    assert len(db.session.scalars(select(AttributeRequest)).all()) == 1
    # The other attribute is a separate question.
    response = client.post("/organisation/attributes", data=request_form(attribute="state_owned"),
                           content_type="multipart/form-data")
    assert response.status_code == 302
    # Once decided, a new request is accepted.
    _reject(login_as(people.economy), db.session.scalars(select(AttributeRequest).where(
        AttributeRequest.attribute == "above_scale")).one(), "名录中未查到该企业。")
    response = client.post("/organisation/attributes", data=request_form(), content_type="multipart/form-data")
    assert response.status_code == 302


def test_asking_for_the_value_it_already_has_is_refused(people, ask_as):
    client, response = ask_as(people.applicant, value="no", reason="我们不是规上企业。")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "贵企业当前已登记为“非规上企业”，无需申请。" in page and "我们不是规上企业。" in page
    assert not db.session.scalars(select(AttributeRequest)).all()


@pytest.mark.parametrize("upload, message", [
    ((io.BytesIO(b"not a pdf at all"), "通知书.pdf"), "文件内容与扩展名不符"),
    ((io.BytesIO(PDF), "通知书.docx"), "证明材料只能是 PDF 文件"),
    ((io.BytesIO(b""), "通知书.pdf"), "文件是空的"),
])
def test_a_bad_pdf_is_refused_and_the_input_kept(people, ask_as, upload, message):
    _, response = ask_as(people.applicant, evidence=upload, attribute="state_owned", reason="国有出资比例51%。")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and "国有出资比例51%。" in page
    assert '<input checked id="attribute-1" name="attribute"' in page  # the choice is kept too
    assert not db.session.scalars(select(AttributeRequest)).all()


def test_a_reason_is_required_and_short_enough(people, ask_as):
    _, response = ask_as(people.applicant, reason="   ")
    assert response.status_code == 400 and "请填写申请理由及依据" in response.get_data(as_text=True)
    _, response = ask_as(people.applicant, reason="长" * 1001)
    assert response.status_code == 400 and "不能超过 1000 个字" in response.get_data(as_text=True)
    assert not db.session.scalars(select(AttributeRequest)).all()


def test_rejecting_needs_a_comment_and_keeps_the_flag(people, ask_as, login_as):
    client, _ = ask_as(people.applicant, attribute="state_owned", reason="国有平台公司参股30%。")
    item = _only()
    sasac = login_as(people.sasac)
    response = _reject(sasac, item, "  ")
    assert response.status_code == 400 and "不予确认时请填写理由" in response.get_data(as_text=True)
    assert _only().status == "pending"
    comment = "国有股东持股比例30%，未达到国有控股标准，不属于国有企业。"
    assert _reject(sasac, item, comment).status_code == 302
    item = _only()
    assert (item.status, item.review_comment, item.reviewed_by_id) == ("rejected", comment, people.sasac.id)
    assert _flags(people.enterprise) == (False, False)
    assert len(_audit("attribute.reject")) == 1
    notification = _notified(people.applicant, "attribute_rejected")[0]
    assert notification.params["reason"] == comment
    assert comment in client.get(f"/attributes/{item.id}").get_data(as_text=True)


def test_an_unverified_enterprise_is_told_why(people, login_as):
    client = login_as(people.unverified_applicant)
    page = client.get("/organisation/attributes").get_data(as_text=True)
    assert "机构通过人社局审核后才能申请确认企业属性" in page and 'name="reason"' not in page
    response = client.post("/organisation/attributes", data=request_form(), content_type="multipart/form-data")
    assert response.status_code == 403
    assert not db.session.scalars(select(AttributeRequest)).all()


def test_the_dashboard_counts_a_flag_only_once_confirmed(people, ask_as, login_as, make):
    school = make.school()
    _project(make.need(people.enterprise), make.programme(school), "implementing")
    db.session.commit()
    everywhere = {"cluster": "", "district": ""}

    def shares():
        db.session.expire_all()
        return tuple(dashboard.figure(dashboard.METRICS[key], everywhere)["value"]
                     for key in ("above_scale_share", "state_owned_share"))

    assert shares() == (None, None)
    ask_as(people.applicant)
    ask_as(people.applicant, attribute="state_owned")
    assert shares() == (None, None)  # asked for, not yet counted
    above, state = db.session.scalars(select(AttributeRequest).order_by(AttributeRequest.attribute)).all()
    _confirm(login_as(people.economy), above)
    assert shares() == (100.0, None)
    _reject(login_as(people.sasac), state, "不属于国有企业。")
    assert shares() == (100.0, None)


def test_where_each_user_finds_the_pages(people, login_as):
    economy = login_as(people.economy)
    assert economy.get("/workspace").headers["Location"].endswith("/reviews/attributes")
    assert 'href="/reviews/attributes"' in economy.get("/reviews/attributes").get_data(as_text=True)
    assert login_as(people.sasac).get("/workspace").headers["Location"].endswith("/reviews/attributes")
    finance = login_as(people.finance)
    assert 'href="/reviews/attributes"' not in finance.get("/dashboard").get_data(as_text=True)
    assert 'href="/reviews/attributes"' in login_as(people.bureau).get("/reviews/attributes").get_data(as_text=True)
    assert 'href="/organisation/attributes"' in login_as(people.applicant).get("/organisation/profile").get_data(as_text=True)
    assert 'href="/organisation/attributes"' not in login_as(people.school_user).get("/organisation/profile").get_data(as_text=True)
