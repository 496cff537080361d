"""Project pages for the two parties and the bureau."""
from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.errors import DomainError, NotFound
from ..extensions import db
from . import exports, files, lifecycle, queries, services
from .forms import AgreementForm, FollowUpForm, MilestoneForm, NoteForm, PlanForm, SignForm, SummaryForm, TerminateForm
from .models import STATUS_LABELS

bp = Blueprint("projects", __name__, url_prefix="/projects")


def _load(project_id):
    try:
        return services.get_for_viewer(project_id, current_user)
    except NotFound:
        abort(404)


@bp.get("")
@login_required
def index():
    if current_user.is_bureau:
        return redirect(url_for("bureau_projects.desk"))
    return render_template("projects/index.html", projects=services.projects_of(current_user.organisation_id))


@bp.get("/export.xlsx")
@login_required
def export():
    """The organisation's own projects, as its list shows them."""
    if current_user.is_bureau:
        return redirect(url_for("bureau_projects.export"))
    return exports.projects(db.session.scalars(queries.party_query(current_user.organisation_id)))


def _forms(project):
    return {
        "plan_form": PlanForm(obj=project, formdata=None),
        "sign_form": SignForm(formdata=None),
        "agreement_form": AgreementForm(formdata=None),
        "terminate_form": TerminateForm(formdata=None),
        "summary_form": SummaryForm(formdata=None, summary=project.school_summary),
        "follow_up_form": FollowUpForm(formdata=None),
        "milestone_form": MilestoneForm(formdata=None),
        "note_form": NoteForm(formdata=None, note=project.bureau_note),
    }


def _render(project, status=200, **overrides):
    context = _forms(project)
    context.update(overrides)
    return render_template(
        "projects/detail.html", project=project, side=project.party_of(current_user.organisation_id),
        actions=lifecycle.allowed(project), action_labels=lifecycle.ACTION_LABELS, status_labels=STATUS_LABELS,
        totals=services.actual_totals(project), stale=queries.is_stale(project),
        overdue=queries.overdue_milestones(project), **context,
    ), status


@bp.get("/<int:project_id>")
@login_required
def detail(project_id):
    return _render(_load(project_id))


def _run(project, action, form_name=None, form=None):
    """Run a service action; on a domain error show the page again with the message."""
    try:
        action()
    except NotFound:
        db.session.rollback()
        abort(404)
    except DomainError as error:
        db.session.rollback()
        if form is not None and error.field and hasattr(form, error.field):
            getattr(form, error.field).errors = list(getattr(form, error.field).errors) + [error.message]
            return _render(db.session.get(type(project), project.id), 400, **{form_name: form})
        flash(error.message, "danger")
        return redirect(url_for("projects.detail", project_id=project.id))
    db.session.commit()
    flash(_l("已保存。"), "success")
    return redirect(url_for("projects.detail", project_id=project.id))


@bp.post("/<int:project_id>/plan")
@login_required
def plan(project_id):
    project = _load(project_id)
    form = PlanForm()
    if not form.validate():
        return _render(project, 400, plan_form=form)
    return _run(project, lambda: services.update_plan(project, form.data, by=current_user), "plan_form", form)


@bp.post("/<int:project_id>/sign")
@login_required
def sign(project_id):
    project = _load(project_id)
    form = SignForm()
    if not form.validate():
        return _render(project, 400, sign_form=form)

    def action():
        services.transition(project, "sign", by=current_user, agreement_date=form.agreement_date.data)
        upload = form.agreement_file.data
        if upload and upload.filename:
            services.attach_agreement(project, upload.filename, upload.read(), by=current_user)

    return _run(project, action, "sign_form", form)


@bp.post("/<int:project_id>/agreement")
@login_required
def agreement(project_id):
    project = _load(project_id)
    form = AgreementForm()
    upload = form.agreement_file.data
    if not form.validate() or not upload or not upload.filename:
        form.agreement_file.errors = [_l("请选择文件。")]
        return _render(project, 400, agreement_form=form)
    return _run(project, lambda: services.attach_agreement(project, upload.filename, upload.read(), by=current_user),
                "agreement_form", form)


@bp.get("/<int:project_id>/agreement")
@login_required
def download_agreement(project_id):
    project = _load(project_id)
    if not project.agreement_path:
        abort(404)
    path = files.absolute(project.agreement_path)
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=project.agreement_mime, as_attachment=True, download_name=project.agreement_name)


@bp.post("/<int:project_id>/<any(start):action>")
@login_required
def simple_transition(project_id, action):
    project = _load(project_id)
    return _run(project, lambda: services.transition(project, action, by=current_user))


@bp.post("/<int:project_id>/terminate")
@login_required
def terminate(project_id):
    project = _load(project_id)
    form = TerminateForm()
    if not form.validate():
        return _render(project, 400, terminate_form=form)
    return _run(project, lambda: services.transition(project, "terminate", by=current_user, reason=form.reason.data),
                "terminate_form", form)


@bp.post("/<int:project_id>/summary")
@login_required
def summary(project_id):
    project = _load(project_id)
    form = SummaryForm()
    if not form.validate():
        return _render(project, 400, summary_form=form)
    return _run(project, lambda: services.submit_summary(project, form.summary.data, by=current_user), "summary_form", form)


@bp.post("/<int:project_id>/confirm")
@login_required
def confirm(project_id):
    project = _load(project_id)
    return _run(project, lambda: services.confirm_results(project, by=current_user))


@bp.post("/<int:project_id>/follow-ups")
@login_required
def follow_up(project_id):
    project = _load(project_id)
    form = FollowUpForm()
    if not form.validate():
        return _render(project, 400, follow_up_form=form)
    return _run(project, lambda: services.add_follow_up(project, form.data, by=current_user), "follow_up_form", form)


@bp.post("/<int:project_id>/milestones")
@login_required
def milestone(project_id):
    project = _load(project_id)
    form = MilestoneForm()
    if not form.validate():
        return _render(project, 400, milestone_form=form)
    return _run(project, lambda: services.add_milestone(project, form.title.data, form.due_date.data, by=current_user),
                "milestone_form", form)


@bp.post("/<int:project_id>/milestones/<int:milestone_id>/done")
@login_required
def milestone_done(project_id, milestone_id):
    project = _load(project_id)
    return _run(project, lambda: services.complete_milestone(project, milestone_id, by=current_user))


@bp.post("/<int:project_id>/note")
@login_required
def note(project_id):
    project = _load(project_id)
    form = NoteForm()
    if not form.validate():
        return _render(project, 400, note_form=form)
    return _run(project, lambda: services.set_bureau_note(project, form.note.data, by=current_user), "note_form", form)
