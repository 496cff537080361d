"""Project pages for the two parties and the bureau."""
from flask import Blueprint, abort, redirect, render_template, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.views import done, on_refusal
from ..extensions import db
from . import exports, files, lifecycle, queries, services
from .forms import (
    AgreementForm,
    FollowUpForm,
    MilestoneForm,
    NoteForm,
    PlanForm,
    SignForm,
    SummaryForm,
    TerminateForm,
)
from .models import Project

bp = Blueprint("projects", __name__, url_prefix="/projects")


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


def _page(project, **overrides):
    context = _forms(project)
    context.update(overrides)
    return render_template(
        "projects/detail.html", project=project, action_labels=lifecycle.ACTION_LABELS,
        totals=services.actual_totals(project), stale=queries.is_stale(project),
        overdue=queries.overdue_milestones(project), **context,
    )


def _load(project_id, form_name=None, form=None):
    """The project (404 unless a party or the bureau); a refusal later in the view goes on `form`
    (the page shown again) or is flashed on the project's page."""
    project = services.get_for_viewer(project_id, current_user)
    render = (lambda: _page(db.session.get(Project, project_id), **{form_name: form})) if form is not None else None
    on_refusal(url_for("projects.detail", project_id=project_id), form=form, render=render)
    return project


def _saved(project):
    return done(url_for("projects.detail", project_id=project.id))


def _rejected(project, form_name, form):
    return _page(project, **{form_name: form}), 400


@bp.get("/<int:project_id>")
@login_required
def detail(project_id):
    return _page(services.get_for_viewer(project_id, current_user))


@bp.post("/<int:project_id>/plan")
@login_required
def plan(project_id):
    form = PlanForm()
    project = _load(project_id, "plan_form", form)
    if not form.validate():
        return _rejected(project, "plan_form", form)
    services.update_plan(project, form.data, by=current_user)
    return _saved(project)


@bp.post("/<int:project_id>/sign")
@login_required
def sign(project_id):
    form = SignForm()
    project = _load(project_id, "sign_form", form)
    if not form.validate():
        return _rejected(project, "sign_form", form)
    services.transition(project, "sign", by=current_user, agreement_date=form.agreement_date.data)
    upload = form.agreement_file.data
    if upload and upload.filename:
        services.attach_agreement(project, upload.filename, upload.read(), by=current_user)
    return _saved(project)


@bp.post("/<int:project_id>/agreement")
@login_required
def agreement(project_id):
    form = AgreementForm()
    project = _load(project_id, "agreement_form", form)
    upload = form.agreement_file.data
    if not form.validate() or not upload or not upload.filename:
        form.agreement_file.errors = [_l("请选择文件。")]
        return _rejected(project, "agreement_form", form)
    services.attach_agreement(project, upload.filename, upload.read(), by=current_user)
    return _saved(project)


@bp.get("/<int:project_id>/agreement")
@login_required
def download_agreement(project_id):
    project = services.get_for_viewer(project_id, current_user)
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
    services.transition(project, action, by=current_user)
    return _saved(project)


@bp.post("/<int:project_id>/terminate")
@login_required
def terminate(project_id):
    form = TerminateForm()
    project = _load(project_id, "terminate_form", form)
    if not form.validate():
        return _rejected(project, "terminate_form", form)
    services.transition(project, "terminate", by=current_user, reason=form.reason.data)
    return _saved(project)


@bp.post("/<int:project_id>/summary")
@login_required
def summary(project_id):
    form = SummaryForm()
    project = _load(project_id, "summary_form", form)
    if not form.validate():
        return _rejected(project, "summary_form", form)
    services.submit_summary(project, form.summary.data, by=current_user)
    return _saved(project)


@bp.post("/<int:project_id>/confirm")
@login_required
def confirm(project_id):
    project = _load(project_id)
    services.confirm_results(project, by=current_user)
    return _saved(project)


@bp.post("/<int:project_id>/follow-ups")
@login_required
def follow_up(project_id):
    form = FollowUpForm()
    project = _load(project_id, "follow_up_form", form)
    if not form.validate():
        return _rejected(project, "follow_up_form", form)
    services.add_follow_up(project, form.data, by=current_user)
    return _saved(project)


@bp.post("/<int:project_id>/milestones")
@login_required
def milestone(project_id):
    form = MilestoneForm()
    project = _load(project_id, "milestone_form", form)
    if not form.validate():
        return _rejected(project, "milestone_form", form)
    services.add_milestone(project, form.title.data, form.due_date.data, by=current_user)
    return _saved(project)


@bp.post("/<int:project_id>/milestones/<int:milestone_id>/done")
@login_required
def milestone_done(project_id, milestone_id):
    project = _load(project_id)
    services.complete_milestone(project, milestone_id, by=current_user)
    return _saved(project)


@bp.post("/<int:project_id>/note")
@login_required
def note(project_id):
    form = NoteForm()
    project = _load(project_id, "note_form", form)
    if not form.validate():
        return _rejected(project, "note_form", form)
    services.set_bureau_note(project, form.note.data, by=current_user)
    return _saved(project)
