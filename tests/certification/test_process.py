"""The certification process through the pages, as each user would walk it."""
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaking.audit.models import AuditEntry
from matchmaking.certification.models import Certification
from matchmaking.core.timeutil import local_today
from matchmaking.dashboard import queries as dashboard
from matchmaking.extensions import db
from matchmaking.workdays import services as workdays

from .conftest import PDF, PLAN, application_form


def _only():
    return db.session.scalars(select(Certification)).one()


def _decide(client, certification, decision, comment="", corrections=""):
    return client.post(f"/certification/{certification.id}/decisions",
                       data={"decision": decision, "comment": comment, "corrections": corrections})


def _refresh(certification):
    db.session.expire_all()
    return db.session.get(Certification, certification.id)


def test_the_whole_walk_from_application_to_certificate(chain, apply_as, login_as, app):
    client, response = apply_as(chain.applicant)
    assert response.status_code == 302, response.get_data(as_text=True)
    certification = _only()
    assert certification.status == "district_review" and len(certification.files) == 1
    assert certification.cooperation["cooperating_projects"] == 0

    district = login_as(chain.district)
    queue = district.get("/reviews").get_data(as_text=True)
    assert chain.enterprise.name in queue
    response = _decide(district, certification, "return", "请补正。", "补充合作协议盖章件\n写明每年资金投入")
    assert response.status_code == 302
    certification = _refresh(certification)
    assert certification.status == "returned" and certification.decisions[0].corrections == [
        "补充合作协议盖章件", "写明每年资金投入"]

    page = client.get(f"/certification/{certification.id}/resubmit").get_data(as_text=True)
    assert "补充合作协议盖章件" in page and "写明每年资金投入" in page
    response = client.post(f"/certification/{certification.id}/resubmit", content_type="multipart/form-data",
                           data=application_form(plan=PLAN + "每年资金投入约170万元。",
                                                 evidence=(io.BytesIO(PDF), "盖章协议.pdf")))
    assert response.status_code == 302
    certification = _refresh(certification)
    assert (certification.status, certification.round, len(certification.files)) == ("district_review", 2, 2)

    assert _decide(district, certification, "pass", "属实。").status_code == 302
    assert _refresh(certification).status == "department_review"
    assert _decide(login_as(chain.education), certification, "pass").status_code == 302
    assert _refresh(certification).status == "department_review"  # 市发展改革委 has not decided yet
    assert _decide(login_as(chain.ndrc), certification, "pass").status_code == 302
    certification = _refresh(certification)
    assert certification.status == "notice"
    starts = workdays.add_working_days(local_today(), 1)
    assert certification.notice_starts_on == starts
    assert certification.notice_ends_on == workdays.add_working_days(starts, app.config["CERTIFICATION_NOTICE_WORKING_DAYS"] - 1)

    # The notice runs from the next working day: the public sees it then, and anyone may object.
    certification.notice_starts_on = local_today()
    db.session.commit()
    visitor = app.test_client()
    assert chain.enterprise.name in visitor.get("/notices").get_data(as_text=True)
    response = visitor.post(f"/notices/{certification.id}", data={
        "name": "李女士", "contact": "13900001111", "text": "该企业实习学生加班严重，请核实实习管理情况。"})
    assert response.status_code == 302
    objection = _refresh(certification).objections[0]
    reviewer_page = district.get(f"/certification/{certification.id}").get_data(as_text=True)
    assert "李女士" in reviewer_page and "13900001111" in reviewer_page
    assert "13900001111" not in client.get(f"/certification/{certification.id}").get_data(as_text=True)

    response = login_as(chain.ndrc).post(f"/certification/objections/{objection.id}/answer", data={
        f"objection-{objection.id}-outcome": "dismissed",
        f"objection-{objection.id}-answer": "经核查，企业已与学校签订三方协议，实习时长符合规定。"})
    assert response.status_code == 302
    certification = _refresh(certification)
    assert certification.status == "notice" and not certification.open_objections  # the period is not over yet

    # After the period the daily job lets it take effect with a certificate number.
    from matchmaking.certification.services import conclude_notices
    with app.test_request_context("/"):
        assert conclude_notices(today=certification.notice_ends_on) == 0  # the last day still belongs to the notice
        day_after = certification.notice_ends_on + timedelta(days=1)
        assert conclude_notices(today=day_after) == 1
        db.session.commit()
    certification = _refresh(certification)
    assert certification.status == "in_effect" and certification.certificate_no.startswith(f"宜产教融企〔{day_after.year}〕")
    assert certification.enterprise.certification == "municipal"
    figure = dashboard.figure(dashboard.METRICS["municipal_enterprises"], dashboard.ALL_CITY)
    assert figure["value"] == 1
    actions = [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    for action in ("certification.apply", "certification.return", "certification.resubmit", "certification.pass",
                   "certification.notice", "certification.objection", "certification.objection_dismissed",
                   "certification.in_effect"):
        assert action in actions, action
    assert actions.count("certification.pass") == 3


@pytest.fixture
def under_review(chain, apply_as):
    apply_as(chain.applicant)
    return _only()


def test_only_the_district_of_the_enterprise_checks_first(chain, under_review, login_as):
    for user in (chain.ndrc, chain.education):  # out of turn
        response = _decide(login_as(user), under_review, "pass")
        assert response.status_code == 403 and "现在不是贵单位审核的环节" in response.get_data(as_text=True)
    for user in (chain.other_district, chain.finance, chain.other_applicant, chain.school_user):
        assert _decide(login_as(user), under_review, "pass").status_code == 404
        assert login_as(user).get(f"/certification/{under_review.id}").status_code == 404
    assert _decide(login_as(chain.applicant), under_review, "pass").status_code == 403
    assert _refresh(under_review).decisions == []


def test_anonymous_users_are_sent_to_log_in(app, under_review):
    visitor = app.test_client()
    for url in (f"/certification/{under_review.id}", "/reviews", "/certification/apply"):
        assert "/login" in visitor.get(url).headers["Location"]
    assert "/login" in visitor.post(f"/certification/{under_review.id}/decisions", data={"decision": "pass"}).headers["Location"]


def test_a_reviewer_cannot_act_twice(chain, under_review, login_as):
    district = login_as(chain.district)
    assert _decide(district, under_review, "pass").status_code == 302
    education = login_as(chain.education)
    assert _decide(education, under_review, "pass").status_code == 302
    again = _decide(education, under_review, "refuse", "重复提交")
    assert again.status_code == 403 and "已对本轮申请作出决定" in again.get_data(as_text=True)
    assert _decide(district, under_review, "pass").status_code == 403
    assert len(_refresh(under_review).decisions) == 2


def test_a_stage_returns_only_once_and_lists_corrections(chain, under_review, login_as):
    district = login_as(chain.district)
    missing = _decide(district, under_review, "return", "请补正")
    assert missing.status_code == 400 and "逐条列出" in missing.get_data(as_text=True)
    assert _decide(district, under_review, "return", "", "补充材料一").status_code == 302
    client = login_as(chain.applicant)
    client.post(f"/certification/{under_review.id}/resubmit", data=application_form(evidence=(io.BytesIO(b""), "")),
                content_type="multipart/form-data")
    assert _refresh(under_review).status == "district_review"
    second = _decide(district, under_review, "return", "", "再补一项")
    assert second.status_code == 400 and "不能再次退回" in second.get_data(as_text=True)
    assert "再补一项" in second.get_data(as_text=True)  # what the reviewer typed is kept
    refuse = _decide(district, under_review, "refuse", "")
    assert refuse.status_code == 400 and "不予通过时请填写理由" in refuse.get_data(as_text=True)
    assert _refresh(under_review).status == "district_review"


def test_refusal_ends_the_application_and_allows_a_new_one(chain, under_review, login_as, apply_as):
    assert _decide(login_as(chain.district), under_review, "refuse", "企业尚无实质性校企合作。").status_code == 302
    assert _refresh(under_review).status == "refused"
    _, response = apply_as(chain.applicant)
    assert response.status_code == 302
    assert db.session.scalar(select(db.func.count(Certification.id))) == 2


def test_one_application_at_a_time(chain, under_review, apply_as):
    _, response = apply_as(chain.applicant)
    assert response.status_code == 400 and "已有一份认定申请在办理中" in response.get_data(as_text=True)


def test_bad_input_is_refused_and_kept(chain, apply_as):
    _, response = apply_as(chain.applicant, plan="太短", pledge="", pledge_signed_by="")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "太短" in html and "三年合作规划需为" in html
    _, response = apply_as(chain.applicant, evidence=(io.BytesIO(b"GIF89a"), "scan.pdf"))
    assert response.status_code == 400 and "文件内容与扩展名不符" in response.get_data(as_text=True)
    _, response = apply_as(chain.applicant, evidence=(io.BytesIO(PDF), "scan.exe"))
    assert response.status_code == 400 and "只能是 PDF" in response.get_data(as_text=True)
    _, response = apply_as(chain.applicant, pledge="")
    assert response.status_code == 400 and "信用承诺" in response.get_data(as_text=True)
    assert db.session.scalars(select(Certification)).all() == []


def test_only_verified_enterprises_apply(chain, login_as, make):
    for user in (chain.school_user, chain.ndrc, chain.bureau, make.user(make.enterprise(status="pending"))):
        assert login_as(user).get("/certification/apply").status_code == 403


def test_evidence_files_are_for_the_chain_only(chain, under_review, login_as):
    url = f"/certification/{under_review.id}/files/{under_review.files[0].id}"
    for user in (chain.applicant, chain.district, chain.ndrc, chain.bureau):
        response = login_as(user).get(url)
        assert response.status_code == 200 and response.data == PDF
    assert login_as(chain.other_applicant).get(url).status_code == 404


def _in_effect(chain, make):
    return make.certification(chain.enterprise, level="municipal")


def test_revocation_bars_a_new_application_for_five_years(chain, make, login_as, apply_as):
    certification = _in_effect(chain, make)
    assert login_as(chain.education).post(f"/certification/{certification.id}/revoke",
                                          data={"reason": "年报弄虚作假"}).status_code == 403
    ndrc = login_as(chain.ndrc)
    short = ndrc.post(f"/certification/{certification.id}/revoke", data={"reason": "假"})
    assert short.status_code == 400
    assert ndrc.post(f"/certification/{certification.id}/revoke", data={"reason": "2026年度报告弄虚作假。"}).status_code == 302
    certification = _refresh(certification)
    assert certification.status == "revoked" and certification.barred_until.year == local_today().year + 5
    _, response = apply_as(chain.applicant)
    assert response.status_code == 400 and "前不得重新申请" in response.get_data(as_text=True)
    assert dashboard.figure(dashboard.METRICS["municipal_enterprises"], dashboard.ALL_CITY)["value"] == 0


def test_the_bar_ends_after_five_years(chain, make):
    from matchmaking.certification import services

    revoked_on = local_today() - timedelta(days=5 * 366)
    make.certification(chain.enterprise, status="revoked", revoked_on=revoked_on, revocation_reason="x")
    assert services.refusal_to_apply(chain.enterprise) is None
    make.certification(chain.other_enterprise, status="revoked", revoked_on=local_today() - timedelta(days=30))
    assert "不得重新申请" in str(services.refusal_to_apply(chain.other_enterprise))


def test_ndrc_records_provincial_certifications(chain, login_as):
    ndrc = login_as(chain.ndrc)
    assert ndrc.get("/certification/provincial/new").status_code == 200
    for user in (chain.education, chain.applicant, chain.district):
        assert login_as(user).get("/certification/provincial/new").status_code == 403
    bad = ndrc.post("/certification/provincial/new", data={"enterprise_id": str(chain.enterprise.id), "document_no": "",
                                                           "effective_on": "2026-13-01"})
    assert bad.status_code == 400
    response = ndrc.post("/certification/provincial/new", data={
        "enterprise_id": str(chain.enterprise.id), "document_no": "川发改社会〔2026〕88号", "effective_on": "2026-06-30"})
    assert response.status_code == 302
    db.session.refresh(chain.enterprise)
    assert chain.enterprise.certification == "provincial"
    assert dashboard.figure(dashboard.METRICS["provincial_enterprises"], dashboard.ALL_CITY)["value"] == 1
    again = ndrc.post("/certification/provincial/new", data={
        "enterprise_id": str(chain.enterprise.id), "document_no": "川发改社会〔2026〕89号", "effective_on": "2026-06-30"})
    assert again.status_code == 400
    assert "certification.record_provincial" in [e.action for e in db.session.scalars(select(AuditEntry))]


def test_the_dashboard_drill_down_lists_certificates(chain, make, login_as):
    first = _in_effect(chain, make)
    make.certification(chain.other_enterprise, level="municipal", status="revoked", revoked_on=local_today())
    page = login_as(chain.bureau).get("/bureau/dashboard/figures/municipal_enterprises").get_data(as_text=True)
    assert first.certificate_no in page and chain.other_enterprise.name not in page
    # Departments read the city's dashboard too.
    assert login_as(chain.finance).get("/bureau/dashboard").status_code == 200
    assert login_as(chain.applicant).get("/bureau/dashboard").status_code == 403


def test_department_users_land_on_their_queue(chain, login_as):
    assert login_as(chain.district).get("/workspace").headers["Location"].endswith("/reviews")
    assert login_as(chain.finance).get("/workspace").headers["Location"].endswith("/bureau/dashboard")
    assert login_as(chain.finance).get("/reviews").status_code == 403
    assert login_as(chain.applicant).get("/reviews").status_code == 403


def test_notifications_reach_the_next_reviewer_and_the_applicant(chain, under_review, login_as):
    from matchmaking.notifications.models import Notification

    def kinds(user):
        return [n.kind for n in db.session.scalars(select(Notification).where(Notification.user_id == user.id))]

    assert kinds(chain.district) == ["certification_submitted"]
    _decide(login_as(chain.district), under_review, "pass")
    assert kinds(chain.ndrc) == ["certification_to_review"] and kinds(chain.education) == ["certification_to_review"]
    _decide(login_as(chain.ndrc), under_review, "refuse", "不符合条件。")
    assert "certification_refused" in kinds(chain.applicant)


def test_a_certified_enterprise_files_its_annual_report(chain, make, login_as, app):
    certification = make.certification(chain.enterprise, level="municipal", effective_on=local_today().replace(month=1, day=1))
    year = local_today().year
    client = login_as(chain.applicant)
    page = client.get(f"/certification/{certification.id}/reports/new")
    assert page.status_code == 200 and "平台记录" in page.get_data(as_text=True)
    bad = client.post(f"/certification/{certification.id}/reports/new",
                      data={"year": str(year), "narrative": "太短", "investment_yuan": "1.5"})
    assert bad.status_code == 400 and "太短" in bad.get_data(as_text=True)
    narrative = "本年度与宜宾职业技术学院合作开设订单班1个，接收实习学生40人，培训职工120人，投入实训设备一批，合作运行良好。"
    response = client.post(f"/certification/{certification.id}/reports/new",
                           data={"year": str(year), "narrative": narrative, "investment_yuan": "1200000"})
    assert response.status_code == 302
    report = _refresh(certification).reports[0]
    assert (report.year, report.investment_yuan, report.platform_data["year"]) == (year, 1200000, year)
    # Once per year; the reviewers read it, other enterprises cannot.
    again = client.post(f"/certification/{certification.id}/reports/new",
                        data={"year": str(year), "narrative": narrative, "investment_yuan": "1"})
    assert again.status_code in (400, 403)
    url = f"/certification/{certification.id}/reports/{report.id}"
    assert "1,200,000" in login_as(chain.ndrc).get(url).get_data(as_text=True)
    assert login_as(chain.other_applicant).get(url).status_code == 404
    assert login_as(chain.ndrc).get(f"/certification/{certification.id}/reports/new").status_code == 403


def test_the_district_that_checks_is_the_one_recorded_when_applying(chain, under_review, login_as):
    """An enterprise that moves while its application is open does not take it to another government."""
    chain.enterprise.district_code = "叙州区"
    db.session.commit()
    assert _decide(login_as(chain.other_district), under_review, "pass").status_code == 404
    assert _decide(login_as(chain.district), under_review, "pass").status_code == 302


def test_a_department_cannot_move_itself_into_another_district(chain, login_as):
    district = login_as(chain.district)
    assert district.get("/organisation/profile").status_code == 403
    district.post("/organisation/profile", data={"district_code": "叙州区", "contact_name": "王", "contact_phone": "13700001234"})
    db.session.expire_all()
    assert chain.district.organisation.district_code == "翠屏区"


def test_departments_have_no_public_profile(chain, app):
    assert app.test_client().get(f"/orgs/{chain.ndrc.organisation_id}").status_code == 404


def test_only_reviewers_answer_objections(chain, under_review, login_as, app):
    from matchmaking.certification.models import Objection

    under_review.status, under_review.notice_starts_on = "notice", local_today()
    under_review.notice_ends_on = local_today() + timedelta(days=7)
    db.session.add(Objection(certification=under_review, name="王", contact="139", text="异议内容异议内容"))
    db.session.commit()
    objection = under_review.objections[0]
    data = {f"objection-{objection.id}-outcome": "dismissed", f"objection-{objection.id}-answer": "经核查不成立。"}
    url = f"/certification/objections/{objection.id}/answer"
    for user in (chain.other_applicant, chain.finance, chain.other_district):
        assert login_as(user).post(url, data=data).status_code == 404
    assert login_as(chain.applicant).post(url, data=data).status_code == 403
    assert "/login" in app.test_client().post(url, data=data).headers["Location"]
    assert _refresh(under_review).open_objections


def test_another_enterprise_cannot_resubmit(chain, under_review, login_as):
    _decide(login_as(chain.district), under_review, "return", "", "补充材料")
    response = login_as(chain.other_applicant).post(f"/certification/{under_review.id}/resubmit",
                                                    data=application_form(), content_type="multipart/form-data")
    assert response.status_code == 404 and _refresh(under_review).status == "returned"


def test_migrated_certifications_count_once_ndrc_checked_their_documents(chain, make, login_as):
    migrated = make.certification(chain.enterprise, origin="migrated", certificate_no=None)
    metric = dashboard.METRICS["municipal_enterprises"]
    assert dashboard.figure(metric, dashboard.ALL_CITY)["value"] == 0
    assert chain.enterprise.name in login_as(chain.ndrc).get("/reviews").get_data(as_text=True)
    url = f"/certification/{migrated.id}/confirm"
    assert login_as(chain.education).post(url, data={"document_no": "宜产教融企〔2023〕009号", "effective_on": "2023-06-30"}).status_code == 403
    assert login_as(chain.ndrc).post(url, data={"document_no": "宜产教融企〔2023〕009号", "effective_on": "2023-06-30"}).status_code == 302
    assert _refresh(migrated).origin == "recorded"
    assert dashboard.figure(metric, dashboard.ALL_CITY)["value"] == 1
