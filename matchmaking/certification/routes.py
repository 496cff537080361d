"""Certification pages: the enterprise's application, the reviewers' queue and decisions.

Thin: each view loads with `services.get` (404 for anyone outside the application's chain), says
how a refusal is shown, calls one service and answers with `done`."""
from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.permissions import authorize, can
from ..core.views import done, load, on_refusal
from ..extensions import db
from ..organisations.models import Organisation
from ..pairings.models import STATUS_LABELS as PAIRING_LABELS
from ..projects.files import absolute
from ..projects.models import STATUS_LABELS as PROJECT_LABELS
from . import cooperation, jobs, queries, services  # noqa: F401  (jobs: registers the daily notice job)
from .forms import (PLEDGE_TEXT, AnnualReportForm, AnswerForm, ApplicationForm, DecisionForm, ProvincialForm, RecordForm,
                    RevokeForm)
from .models import STAGE_LABELS, AnnualReport, EvidenceFile, Objection

bp = Blueprint("certification", __name__)


def _answer_form(objection):
    """Each objection's answer form has its own field names, so a refused one keeps its input."""
    return AnswerForm(prefix=f"objection-{objection.id}")


def _detail_page(certification, *, decision_form=None, answer_forms=None, revoke_form=None, record_form=None):
    return render_template(
        "certification/detail.html", certification=certification, decision_form=decision_form or DecisionForm(),
        record_form=record_form or RecordForm(),
        answer_forms=answer_forms or {}, answer_form_for=_answer_form, revoke_form=revoke_form or RevokeForm(),
        waiting=queries.waiting(certification) if certification.is_under_review else None, pledge_text=PLEDGE_TEXT,
        stage_labels=STAGE_LABELS, pairing_labels=PAIRING_LABELS, project_labels=PROJECT_LABELS)


@bp.get("/certification")
@login_required
def mine():
    authorize(current_user, "certification.apply")
    enterprise = current_user.organisation
    return render_template("certification/mine.html", certifications=queries.mine(enterprise),
                           refusal=services.refusal_to_apply(enterprise))


@bp.route("/certification/apply", methods=["GET", "POST"])
@login_required
def apply():
    authorize(current_user, "certification.apply")
    enterprise = current_user.organisation
    form = ApplicationForm()
    if form.validate_on_submit():
        on_refusal(form=form, render=lambda: render_template("certification/apply.html", form=form, pledge_text=PLEDGE_TEXT,
                                                             certification=None, refusal=None))
        certification = services.apply(enterprise, by=current_user, plan=form.plan.data, pledge_agreed=form.pledge.data,
                                       pledge_signed_by=form.pledge_signed_by.data, uploads=form.uploads())
        return done(url_for("certification.detail", certification_id=certification.id),
                    _l("认定申请已提交，等待区县政府初审。"))
    status = 400 if form.is_submitted() else 200
    return render_template("certification/apply.html", form=form, pledge_text=PLEDGE_TEXT, certification=None,
                           refusal=services.refusal_to_apply(enterprise)), status


@bp.get("/certification/<int:certification_id>")
@login_required
def detail(certification_id):
    return _detail_page(services.get(certification_id, current_user))


@bp.route("/certification/<int:certification_id>/resubmit", methods=["GET", "POST"])
@login_required
def resubmit(certification_id):
    certification = services.get(certification_id, current_user)
    authorize(current_user, "certification.resubmit", certification, message=_l("只有被退回补正的申请可以修改后重新提交。"))
    form = ApplicationForm(obj=certification if request.method == "GET" else None)
    if form.validate_on_submit():
        on_refusal(form=form, render=lambda: render_template(
            "certification/apply.html", form=form, pledge_text=PLEDGE_TEXT,
            certification=services.get(certification_id, current_user), refusal=None))
        services.resubmit(certification, by=current_user, plan=form.plan.data, pledge_agreed=form.pledge.data,
                          pledge_signed_by=form.pledge_signed_by.data, uploads=form.uploads())
        return done(url_for("certification.detail", certification_id=certification.id), _l("已重新提交，等待审核。"))
    status = 400 if form.is_submitted() else 200
    return render_template("certification/apply.html", form=form, pledge_text=PLEDGE_TEXT, certification=certification,
                           refusal=None), status


@bp.post("/certification/<int:certification_id>/decisions")
@login_required
def decide(certification_id):
    certification = services.get(certification_id, current_user)
    authorize(current_user, "certification.decide", certification)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _detail_page(certification, decision_form=form), 400
    on_refusal(form=form, render=lambda: _detail_page(services.get(certification_id, current_user), decision_form=form))
    services.decide(certification, by=current_user, decision=form.decision.data, comment=form.comment.data,
                    corrections=form.correction_list())
    return done(url_for("certification.reviews"), _l("审核意见已提交。"))


@bp.post("/certification/objections/<int:objection_id>/answer")
@login_required
def answer(objection_id):
    objection = load(Objection, objection_id)
    certification = services.get(objection.certification_id, current_user)
    authorize(current_user, "certification.answer_objection", objection, message=_l("该异议已答复，或您无权答复。"))
    form = _answer_form(objection)
    if not form.validate_on_submit():
        return _detail_page(certification, answer_forms={objection.id: form}), 400
    on_refusal(form=form, render=lambda: _detail_page(services.get(certification.id, current_user),
                                                      answer_forms={objection_id: form}))
    services.answer_objection(objection, by=current_user, outcome=form.outcome.data, answer=form.answer.data)
    return done(url_for("certification.detail", certification_id=certification.id), _l("已答复异议。"))


@bp.get("/certification/<int:certification_id>/files/<int:file_id>")
@login_required
def evidence(certification_id, file_id):
    certification = services.get(certification_id, current_user)
    evidence_file = load(EvidenceFile, file_id, visible=lambda f: f.certification_id == certification.id)
    path = absolute(evidence_file.path)
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True, download_name=evidence_file.name)


@bp.route("/certification/<int:certification_id>/reports/new", methods=["GET", "POST"])
@login_required
def new_report(certification_id):
    certification = services.get(certification_id, current_user)
    authorize(current_user, "certification.report", certification, message=_l("只有在册的市级产教融合型企业可以填报年度报告。"))
    years = certification.report_years_open()
    form = AnnualReportForm(years=years)
    if not form.is_submitted():
        asked = request.args.get("year", type=int)
        form.year.data = asked if asked in years else (years[0] if years else None)
    year = form.year.data
    figures = cooperation.year_figures(certification.enterprise, year) if year in years else None

    def page():
        return render_template("certification/report_form.html", certification=certification, form=form, figures=figures,
                               years=years)

    if form.validate_on_submit():
        on_refusal(form=form, render=page)
        report = services.file_report(certification, by=current_user, year=form.year.data, narrative=form.narrative.data,
                                      investment_yuan=form.investment_yuan.data)
        return done(url_for("certification.report", certification_id=certification.id, report_id=report.id),
                    _l("年度报告已提交。"))
    return page(), 400 if form.is_submitted() else 200


@bp.get("/certification/<int:certification_id>/reports/<int:report_id>")
@login_required
def report(certification_id, report_id):
    certification = services.get(certification_id, current_user)
    annual = load(AnnualReport, report_id, visible=lambda r: r.certification_id == certification.id)
    return render_template("certification/report.html", certification=certification, report=annual)


@bp.post("/certification/<int:certification_id>/revoke")
@login_required
def revoke(certification_id):
    certification = services.get(certification_id, current_user)
    authorize(current_user, "certification.revoke", certification, message=_l("只有市发展改革委可以撤销在册的认定。"))
    form = RevokeForm()
    if not form.validate_on_submit():
        return _detail_page(certification, revoke_form=form), 400
    on_refusal(form=form, render=lambda: _detail_page(services.get(certification_id, current_user), revoke_form=form))
    services.revoke(certification, by=current_user, reason=form.reason.data)
    return done(url_for("certification.detail", certification_id=certification.id), _l("认定已撤销。"))


@bp.post("/certification/<int:certification_id>/confirm")
@login_required
def confirm_migrated(certification_id):
    certification = services.get(certification_id, current_user)
    authorize(current_user, "certification.confirm_migrated", certification)
    form = RecordForm()
    if not form.validate_on_submit():
        return _detail_page(certification, record_form=form), 400
    on_refusal(form=form, render=lambda: _detail_page(services.get(certification_id, current_user), record_form=form))
    services.confirm_migrated(certification, by=current_user, document_no=form.document_no.data,
                              effective_on=form.effective_on.data)
    return done(url_for("certification.detail", certification_id=certification.id), _l("已按认定文件确认，计入统计。"))


@bp.route("/certification/provincial/new", methods=["GET", "POST"])
@login_required
def record_provincial():
    authorize(current_user, "certification.record_provincial", message=_l("省级认定由市发展改革委登记。"))
    form = ProvincialForm()
    if form.validate_on_submit():
        on_refusal(form=form, render=lambda: render_template("certification/provincial.html", form=form))
        enterprise = db.session.get(Organisation, int(form.enterprise_id.data))
        certification = services.record_provincial(enterprise, by=current_user, document_no=form.document_no.data,
                                                   effective_on=form.effective_on.data)
        return done(url_for("certification.detail", certification_id=certification.id), _l("省级认定已登记。"))
    status = 400 if form.is_submitted() else 200
    return render_template("certification/provincial.html", form=form), status


@bp.get("/reviews")
@login_required
def reviews():
    """A department's home: what waits for its decision, objections to answer, what it decided."""
    authorize(current_user, "certification.review_queue", message=_l("只有负责审核的部门可以查看审核队列。"))
    bureau = current_user.is_bureau
    return render_template(
        "certification/reviews.html",
        waiting=queries.under_review() if bureau else queries.my_turn(current_user),
        objections=queries.objections_to_answer(current_user), notices=queries.in_notice(current_user),
        decided=[] if bureau else queries.decided_by(current_user),
        in_effect=queries.in_effect() if can(current_user, "certification.record_provincial") or bureau else [],
        migrated=queries.migrated() if can(current_user, "certification.record_provincial") or bureau else [])
