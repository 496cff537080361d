"""The certification process: apply, review, notice, take effect; provincial records; revocation.

Two departments deciding at the same moment must see each other's decision (the second one starts the
notice), and a double submit must find the first: every decision locks its application (`core.locks`).

Every write is audit-logged and notifies the applicant and the next reviewer; the caller's request
commits (routes and the API call these same functions)."""
from datetime import date, timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotFound
from ..core.locks import lock
from ..core.permissions import authorize, can
from ..core.timeutil import local_today, utcnow
from ..extensions import db
from ..notifications.services import notify_organisation
from ..organisations.models import Organisation
from ..projects import files
from ..workdays import services as workdays
from . import cooperation, reviewers
from .models import DEPARTMENT_STAGES, AnnualReport, Certification, Decision, EvidenceFile, Objection

PLAN_MIN, PLAN_MAX = 100, 5000
COMMENT_MAX = 1000
MAX_CORRECTIONS, CORRECTION_MAX = 20, 300
MAX_FILES = 10


def get(certification_id, user):
    """The certification, if the user may see it (404 otherwise, so others learn nothing)."""
    certification = db.session.get(Certification, certification_id)
    if certification is None or not can(user, "certification.view", certification):
        raise NotFound(_l("认定申请不存在。"))
    return certification


def _link(certification):
    return url_for("certification.detail", certification_id=certification.id)


def _notify(departments_or_orgs, kind, certification, *, by=None, **params):
    for organisation in departments_or_orgs:
        notify_organisation(organisation, kind, link=_link(certification), obj=certification, exclude_user=by,
                            org=certification.enterprise.name, **params)


# --- applying -----------------------------------------------------------------------------------


def open_application(enterprise):
    """The enterprise's municipal application under review, returned or in notice, if any."""
    return db.session.scalars(select(Certification).where(
        Certification.enterprise_id == enterprise.id, Certification.level == "municipal",
        Certification.status.in_(("district_review", "department_review", "returned", "notice")))).first()


def bar_of(enterprise, today=None):
    """The revoked certification that still bars a new application, or None."""
    today = today or local_today()
    revoked = db.session.scalars(select(Certification).where(
        Certification.enterprise_id == enterprise.id, Certification.status == "revoked")).all()
    barring = [c for c in revoked if c.barred_until and c.barred_until > today]
    return max(barring, key=lambda c: c.barred_until) if barring else None


def refusal_to_apply(enterprise, today=None):
    """Why this enterprise cannot apply now (a message), or None."""
    if any(c.level == "municipal" for c in enterprise.certifications_in_effect):
        return _l("贵企业已是市级产教融合型企业，无需重复申请。")
    if open_application(enterprise) is not None:
        return _l("贵企业已有一份认定申请在办理中。")
    barred = bar_of(enterprise, today)
    if barred is not None:
        return _l("贵企业的认定已于 %(day)s 被撤销，%(until)s 前不得重新申请。",
                  day=barred.revoked_on.isoformat(), until=barred.barred_until.isoformat())
    if reviewers.department_for("district", enterprise.district_code) is None:
        return _l("贵企业所在区县政府尚未开通审核账号，请联系人社局。")
    return None


def _clean_plan(plan):
    plan = (plan or "").strip()
    if len(plan) < PLAN_MIN:
        raise DomainError(_l("三年合作规划至少 %(n)s 个字。", n=PLAN_MIN), field="plan")
    if len(plan) > PLAN_MAX:
        raise DomainError(_l("三年合作规划不能超过 %(n)s 个字。", n=PLAN_MAX), field="plan")
    return plan


def _check_pledge(agreed, signer):
    signer = (signer or "").strip()
    if not agreed:
        raise DomainError(_l("请阅读并签署信用承诺。"), field="pledge")
    if not signer or len(signer) > 40:
        raise DomainError(_l("请填写承诺人姓名（不超过 40 个字）。"), field="pledge_signed_by")
    return signer


def _check_files(uploads, field="evidence"):
    """[(filename, bytes)] checked, before anything is written."""
    uploads = [(name, data) for name, data in uploads if name or data]
    if len(uploads) > MAX_FILES:
        raise DomainError(_l("证明材料最多 %(n)s 个文件。", n=MAX_FILES), field=field)
    for name, data in uploads:
        files.check_pdf(name, data, field=field, what=_l("证明材料"))
    return uploads


def _attach(certification, uploads):
    for name, data in uploads:
        path = files.store(f"certification-{certification.id}", ".pdf", data)
        certification.files.append(EvidenceFile(path=path, name=(name or "evidence.pdf")[-200:], size=len(data),
                                                round=certification.round))


def apply(enterprise, *, by, plan, pledge_agreed, pledge_signed_by, uploads):
    """Submit a municipal application; it goes to the enterprise's district government."""
    authorize(by, "certification.apply", enterprise)
    if by.organisation_id != enterprise.id:
        raise NotFound(_l("机构不存在。"))
    plan = _clean_plan(plan)
    signer = _check_pledge(pledge_agreed, pledge_signed_by)
    uploads = _check_files(uploads)
    if not uploads:
        raise DomainError(_l("请上传至少一份证明材料（PDF）。"), field="evidence")
    lock(enterprise)  # one open application: a double submit waits here and then finds the first
    refusal = refusal_to_apply(enterprise)
    if refusal:
        raise Conflict(refusal)
    certification = Certification(
        enterprise=enterprise, district_code=enterprise.district_code, level="municipal", status="district_review", plan=plan,
        cooperation=cooperation.snapshot(enterprise), pledge_signed_by=signer, pledge_signed_at=utcnow(),
        round=1, stage_started_on=local_today(), submitted_at=utcnow(), created_by=by)
    db.session.add(certification)
    db.session.flush()
    _attach(certification, uploads)
    record("certification.apply", user=by, obj=certification, detail=enterprise.name)
    _notify(reviewers.reviewers_of(certification, ["district"]), "certification_submitted", certification, by=by)
    return certification


def resubmit(certification, *, by, plan, pledge_agreed, pledge_signed_by, uploads):
    """The corrected application goes back to the stage that returned it, as a new round."""
    lock(certification)
    authorize(by, "certification.resubmit", certification, message=_l("只有被退回补正的申请可以重新提交。"))
    plan = _clean_plan(plan)
    signer = _check_pledge(pledge_agreed, pledge_signed_by)
    uploads = _check_files(uploads)
    certification.plan = plan
    certification.pledge_signed_by, certification.pledge_signed_at = signer, utcnow()
    certification.round += 1
    certification.cooperation = cooperation.snapshot(certification.enterprise)
    stage = certification.returned_stage or "district"
    certification.status = "district_review" if stage == "district" else "department_review"
    certification.stage_started_on = local_today()
    certification.submitted_at = utcnow()
    _attach(certification, uploads)
    record("certification.resubmit", user=by, obj=certification, detail=f"round {certification.round}")
    _notify(reviewers.reviewers_of(certification, certification.pending_stages), "certification_resubmitted",
            certification, by=by)
    return certification


# --- deciding -----------------------------------------------------------------------------------


def _clean_corrections(corrections):
    items = [str(item).strip() for item in (corrections or []) if str(item).strip()]
    if len(items) > MAX_CORRECTIONS:
        raise DomainError(_l("补正事项最多 %(n)s 条。", n=MAX_CORRECTIONS), field="corrections")
    if any(len(item) > CORRECTION_MAX for item in items):
        raise DomainError(_l("每条补正事项不超过 %(n)s 个字。", n=CORRECTION_MAX), field="corrections")
    return items


def decide(certification, *, by, decision, comment="", corrections=()):
    """One department's decision at its stage: pass, return (once, listing every correction) or refuse."""
    lock(certification)
    authorize(by, "certification.decide", certification)
    stage = reviewers.stage_of(by, certification)
    if decision not in ("pass", "return", "refuse"):
        raise DomainError(_l("请选择审核意见。"), field="decision")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise DomainError(_l("审核意见不能超过 %(n)s 个字。", n=COMMENT_MAX), field="comment")
    corrections = _clean_corrections(corrections) if decision == "return" else []
    if decision == "return":
        if certification.has_returned(stage):
            raise Conflict(_l("贵单位已一次性告知过补正事项，不能再次退回；请作出通过或不予通过的决定。"), field="decision")
        if not corrections:
            raise DomainError(_l("退回补正时请逐条列出需要补正的事项。"), field="corrections")
    if decision == "refuse" and not comment:
        raise DomainError(_l("不予通过时请填写理由。"), field="comment")
    db.session.add(Decision(certification=certification, stage=stage, round=certification.round, decision=decision,
                            comment=comment, corrections=corrections or None, department_id=by.organisation_id,
                            user_id=by.id))
    db.session.flush()
    record(f"certification.{decision}", user=by, obj=certification, detail=f"{stage}: {comment}"[:500])
    applicant = [certification.enterprise]
    if decision == "return":
        certification.status, certification.returned_stage = "returned", stage
        _notify(applicant, "certification_returned", certification, by=by, dept=by.organisation.name,
                count=len(corrections))
    elif decision == "refuse":
        certification.status, certification.refusal_reason = "refused", comment
        _notify(applicant, "certification_refused", certification, by=by, reason=comment)
    elif stage == "district":
        certification.status, certification.stage_started_on = "department_review", local_today()
        _notify(reviewers.reviewers_of(certification, DEPARTMENT_STAGES), "certification_to_review", certification, by=by)
        _notify(applicant, "certification_district_passed", certification, by=by, dept=by.organisation.name)
    elif not certification.pending_stages:
        start_notice(certification)
    return certification


def start_notice(certification, today=None):
    """Both departments passed it: 公示 for NOTICE_WORKING_DAYS working days from the next working day on."""
    days = current_app.config["CERTIFICATION_NOTICE_WORKING_DAYS"]
    starts = workdays.add_working_days(today or local_today(), 1)
    certification.status = "notice"
    certification.notice_starts_on = starts
    certification.notice_ends_on = workdays.add_working_days(starts, days - 1)
    record("certification.notice", obj=certification,
           detail=f"{certification.notice_starts_on.isoformat()}..{certification.notice_ends_on.isoformat()}")
    _notify([certification.enterprise], "certification_notice", certification,
            start=certification.notice_starts_on.isoformat(), end=certification.notice_ends_on.isoformat())


# --- the public notice --------------------------------------------------------------------------


#: How long a notice's result stays listed under the running notices.
RESULTS_DAYS = 90


def public_notices(today=None):
    """(notices running now, newest first; certifications that took effect in the last RESULTS_DAYS days)."""
    today = today or local_today()
    running = db.session.scalars(select(Certification).where(
        Certification.status == "notice", Certification.notice_starts_on <= today)
        .order_by(Certification.notice_starts_on.desc(), Certification.id.desc())).all()
    results = db.session.scalars(select(Certification).where(
        Certification.status == "in_effect", Certification.level == "municipal",
        Certification.effective_on >= today - timedelta(days=RESULTS_DAYS))
        .order_by(Certification.effective_on.desc(), Certification.id.desc())).all()
    return running, results


def public_notice(certification_id, today=None):
    certification = db.session.get(Certification, certification_id)
    today = today or local_today()
    if certification is None or not certification.is_in_notice or certification.notice_starts_on > today:
        raise NotFound(_l("公示不存在或已结束。"))
    return certification


def file_objection(certification, *, name, contact, text, today=None):
    """Anyone may object while the notice runs; the reviewers see and answer it."""
    today = today or local_today()
    if not certification.is_in_notice or certification.notice_starts_on > today or certification.notice_is_over(today):
        raise Conflict(_l("公示期已结束，不再受理异议。"))
    name, contact, text = (name or "").strip(), (contact or "").strip(), (text or "").strip()
    if not name or len(name) > 40:
        raise DomainError(_l("请填写姓名或单位名称（不超过 40 个字）。"), field="name")
    if not contact or len(contact) > 120:
        raise DomainError(_l("请填写联系方式（手机或邮箱，不超过 120 个字）。"), field="contact")
    if len(text) < 10 or len(text) > 2000:
        raise DomainError(_l("异议内容需为 10 到 2000 个字。"), field="text")
    objection = Objection(certification=certification, name=name, contact=contact, text=text)
    db.session.add(objection)
    db.session.flush()
    record("certification.objection", obj=certification, detail=f"objection {objection.id}")
    _notify(reviewers.reviewers_of(certification, ["district", "ndrc", "education"]), "certification_objection", certification)
    return objection


def answer_objection(objection, *, by, outcome, answer, today=None):
    """A reviewer answers; an upheld objection ends the application, and an answered notice that is
    over takes effect at once."""
    lock(objection.certification)
    db.session.refresh(objection)
    authorize(by, "certification.answer_objection", objection, message=_l("该异议已答复，或您无权答复。"))
    if outcome not in ("dismissed", "upheld"):
        raise DomainError(_l("请选择异议是否成立。"), field="outcome")
    answer = (answer or "").strip()
    if len(answer) < 5 or len(answer) > 2000:
        raise DomainError(_l("答复内容需为 5 到 2000 个字。"), field="answer")
    objection.outcome, objection.answer = outcome, answer
    objection.answered_by, objection.answered_at = by, utcnow()
    certification = objection.certification
    record(f"certification.objection_{outcome}", user=by, obj=certification, detail=f"objection {objection.id}: {answer}"[:500])
    if outcome == "upheld" and certification.is_in_notice:
        certification.status = "refused"
        # The answer may identify the objector: it stays with the reviewers, the applicant reads the outcome.
        certification.refusal_reason = str(_l("公示期间收到的异议经核查成立，认定不予通过。"))
        _notify([certification.enterprise], "certification_refused", certification, by=by,
                reason=certification.refusal_reason)
    else:
        conclude(certification, today)
    return objection


def conclude(certification, today=None):
    """Take effect after an unopposed notice: over, every objection answered, none upheld."""
    today = today or local_today()
    lock(certification)  # the daily job and a reviewer's answer may conclude the same notice at once
    if not certification.notice_is_over(today) or certification.open_objections:
        return False
    certification.status = "in_effect"
    certification.effective_on = today
    certification.certificate_no = next_certificate_no(today.year)
    record("certification.in_effect", obj=certification, detail=certification.certificate_no)
    _notify([certification.enterprise], "certification_in_effect", certification, no=certification.certificate_no)
    return True


def conclude_notices(today=None):
    """Every notice that is over (the daily job); returns how many took effect."""
    concluded = 0
    for certification in db.session.scalars(select(Certification).where(Certification.status == "notice")
                                            .order_by(Certification.id)).all():
        concluded += conclude(certification, today)
    return concluded


def next_certificate_no(year):
    prefix = f"宜产教融企〔{year}〕"
    existing = db.session.scalars(select(Certification.certificate_no)
                                  .where(Certification.certificate_no.like(prefix + "%"))).all()
    numbers = [int(no[len(prefix):].rstrip("号")) for no in existing if no[len(prefix):].rstrip("号").isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}号"


# --- 市发展改革委: provincial certifications and revocation --------------------------------------


def record_provincial(enterprise, *, by, document_no, effective_on):
    """The province certified this enterprise: 市发展改革委 records it with the document number."""
    authorize(by, "certification.record_provincial")
    if enterprise is None or not enterprise.is_enterprise or not enterprise.is_verified:
        raise DomainError(_l("请选择已通过审核的企业。"), field="enterprise_id")
    document_no, effective_on = _clean_record(document_no, effective_on)
    provincial = next((c for c in enterprise.certifications_in_effect if c.level == "provincial"), None)
    if provincial is not None:
        raise Conflict(_l("该企业的省级认定已在册（上线前登记的，请在审核工作台补录文号）。"), field="enterprise_id")
    _check_document_no(document_no)
    certification = Certification(enterprise=enterprise, level="provincial", status="in_effect", origin="recorded",
                                  certificate_no=document_no, effective_on=effective_on, created_by=by)
    db.session.add(certification)
    db.session.flush()
    record("certification.record_provincial", user=by, obj=certification, detail=f"{enterprise.name} {document_no}")
    _notify([enterprise], "certification_provincial", certification, by=by, no=document_no)
    return certification


def _clean_record(document_no, effective_on):
    document_no = (document_no or "").strip()
    if not document_no or len(document_no) > 60:
        raise DomainError(_l("请填写认定文件文号（不超过 60 个字）。"), field="document_no")
    if not isinstance(effective_on, date) or effective_on > local_today():
        raise DomainError(_l("请填写认定日期（不能晚于今天）。"), field="effective_on")
    return document_no, effective_on


def _check_document_no(document_no, exclude_id=None):
    query = select(func.count(Certification.id)).where(Certification.certificate_no == document_no)
    if exclude_id is not None:
        query = query.where(Certification.id != exclude_id)
    if db.session.scalar(query):
        raise Conflict(_l("该文号已登记过。"), field="document_no")


def confirm_migrated(certification, *, by, document_no, effective_on):
    """A certification declared on a profile before reviews existed counts once 市发展改革委 has checked it
    against the certification document and entered its number and date."""
    authorize(by, "certification.confirm_migrated", certification)
    document_no, effective_on = _clean_record(document_no, effective_on)
    _check_document_no(document_no, exclude_id=certification.id)
    certification.certificate_no, certification.effective_on, certification.origin = document_no, effective_on, "recorded"
    record("certification.confirm_migrated", user=by, obj=certification, detail=document_no)
    return certification


def revoke(certification, *, by, reason, today=None):
    """Revoke with a reason (e.g. 弄虚作假); no new application for BAR_YEARS years."""
    authorize(by, "certification.revoke", certification, message=_l("只有市发展改革委可以撤销在册的认定。"))
    reason = (reason or "").strip()
    if len(reason) < 5 or len(reason) > 1000:
        raise DomainError(_l("请填写撤销原因（5 到 1000 个字）。"), field="reason")
    certification.status = "revoked"
    certification.revoked_on = today or local_today()
    certification.revocation_reason = reason
    record("certification.revoke", user=by, obj=certification, detail=reason)
    _notify([certification.enterprise], "certification_revoked", certification, by=by, reason=reason,
            until=certification.barred_until.isoformat())
    return certification


def enterprises_for_provincial():
    """Verified enterprises without a provincial certification in effect (the record form's choices)."""
    enterprises = db.session.scalars(select(Organisation).where(Organisation.kind == "enterprise", Organisation.is_verified)
                                     .order_by(Organisation.name)).all()
    return [e for e in enterprises if not any(c.level == "provincial" for c in e.certifications_in_effect)]


# --- annual reports -----------------------------------------------------------------------------

NARRATIVE_MIN, NARRATIVE_MAX = 50, 3000
INVESTMENT_MAX = 10**11  # yuan


def file_report(certification, *, by, year, narrative, investment_yuan):
    """The certified enterprise reports a year; the platform's figures for it are filled in and kept."""
    authorize(by, "certification.report", certification, message=_l("只有在册的市级产教融合型企业可以填报年度报告。"))
    if year not in certification.report_years_open():
        raise Conflict(_l("%(year)s 年度报告已填报，或不在可填报的年度内。", year=year), field="year")
    narrative = (narrative or "").strip()
    if not NARRATIVE_MIN <= len(narrative) <= NARRATIVE_MAX:
        raise DomainError(_l("年度合作情况需为 %(min)s 到 %(max)s 个字。", min=NARRATIVE_MIN, max=NARRATIVE_MAX),
                          field="narrative")
    if not isinstance(investment_yuan, int) or isinstance(investment_yuan, bool) or not 0 <= investment_yuan <= INVESTMENT_MAX:
        raise DomainError(_l("请填写 0 到 1000 亿之间的整数（元）。"), field="investment_yuan")
    report = AnnualReport(certification=certification, year=year, narrative=narrative, investment_yuan=investment_yuan,
                          platform_data=cooperation.year_figures(certification.enterprise, year), submitted_by=by)
    db.session.add(report)
    db.session.flush()
    record("certification.annual_report", user=by, obj=certification, detail=str(year))
    _notify(reviewers.reviewers_of(certification, ["district", "ndrc", "education"]), "certification_report",
            certification, by=by, year=year)
    return report
