"""Cooperation projects over the API: read, move through the lifecycle, follow-ups,
milestones, the closing summary and confirmation, and the agreement file.

Input is checked by the pages' SignForm, TerminateForm, FollowUpForm, MilestoneForm
and SummaryForm; rules (and the agreement file's type and size checks) live in
projects.services."""
from flask import jsonify, request, send_file
from flask_babel import lazy_gettext as _l

from ..core.errors import NotFound
from ..extensions import db
from ..projects import files, lifecycle, services
from ..projects.forms import FollowUpForm, MilestoneForm, SignForm, SummaryForm, TerminateForm
from ..projects.models import STATUSES, Milestone
from . import queries, serializers
from .auth import authenticated
from .blueprint import bp, upload
from .errors import ApiError
from .inputs import INTEGER, STRING, enum_arg, json_body, page_args, validated

#: Target state → lifecycle action ("completed" goes through summary and confirmation, not here).
ACTIONS = {target: action for action, (_, target) in lifecycle.TRANSITIONS.items() if action != "complete"}
#: Target state → the pages' form that checks the extra input, and the input it takes.
FORMS = {"signed": (SignForm, ("agreement_date",)), "terminated": (TerminateForm, ("reason",))}
FOLLOW_UP_TYPES = {"date": STRING, "content": STRING, "students_placed": INTEGER, "apprentices_enrolled": INTEGER,
                   "employees_trained": INTEGER, "rd_results": STRING}
#: The multipart field of the agreement file, named as on the page's form.
AGREEMENT_FIELD = "agreement_file"


def _project(project_id):
    user = authenticated()
    return user, services.get_for_viewer(project_id, user)


def _detail(project):
    return jsonify(serializers.project(project, detail=True))


@bp.get("/projects")
def list_projects():
    """The caller's organisation's projects; the bureau sees every project."""
    user = authenticated()
    status = enum_arg("status", STATUSES)
    page, per_page = page_args()
    result = queries.projects_page(user, status=status, page=page, per_page=per_page)
    return jsonify(serializers.page(result, serializers.project))


@bp.get("/projects/<int:project_id>")
def project_detail(project_id):
    return _detail(_project(project_id)[1])


@bp.post("/projects/<int:project_id>/transition")
def transition_project(project_id):
    user, project = _project(project_id)
    values = json_body({"to": STRING, "agreement_date": STRING, "reason": STRING})
    target = values.get("to", "")
    if target not in ACTIONS:
        raise ApiError(422, fields={"to": _l("取值无效。")})
    kwargs = {}
    if target in FORMS:
        form_class, names = FORMS[target]
        form = validated(form_class, {name: values[name] for name in names if name in values})
        kwargs = {name: form[name].data for name in names}
    services.transition(project, ACTIONS[target], by=user, **kwargs)
    db.session.commit()
    return _detail(project)


@bp.post("/projects/<int:project_id>/follow-ups")
def add_follow_up(project_id):
    user, project = _project(project_id)
    form = validated(FollowUpForm, json_body(FOLLOW_UP_TYPES))
    follow_up = services.add_follow_up(project, form.data, by=user)
    db.session.commit()
    return jsonify(serializers.follow_up(follow_up)), 201


@bp.get("/projects/<int:project_id>/milestones")
def list_milestones(project_id):
    project = _project(project_id)[1]
    return jsonify({"items": [serializers.milestone(m) for m in project.milestones]})


@bp.post("/projects/<int:project_id>/milestones")
def add_milestone(project_id):
    user, project = _project(project_id)
    values = json_body({"title": STRING, "due_date": STRING})
    form = validated(MilestoneForm, values)
    milestone = services.add_milestone(project, form.title.data, form.due_date.data, by=user)
    db.session.commit()
    return jsonify(serializers.milestone(milestone)), 201


@bp.post("/projects/<int:project_id>/milestones/<int:milestone_id>/done")
def complete_milestone(project_id, milestone_id):
    user, project = _project(project_id)
    services.complete_milestone(project, milestone_id, by=user)
    db.session.commit()
    return jsonify(serializers.milestone(db.session.get(Milestone, milestone_id)))


@bp.post("/projects/<int:project_id>/summary")
def submit_summary(project_id):
    """The school's closing summary of an implementing project."""
    user, project = _project(project_id)
    form = validated(SummaryForm, json_body({"summary": STRING}))
    services.submit_summary(project, form.summary.data, by=user)
    db.session.commit()
    return _detail(project)


@bp.post("/projects/<int:project_id>/confirm")
def confirm_results(project_id):
    """The enterprise confirms the results after the school's summary: the project is completed."""
    user, project = _project(project_id)
    services.confirm_results(project, by=user)
    db.session.commit()
    return _detail(project)


@bp.post("/projects/<int:project_id>/agreement")
@upload
def upload_agreement(project_id):
    """Attach the agreement file (multipart field `agreement_file`), replacing any earlier one."""
    user, project = _project(project_id)
    uploaded = request.files.get(AGREEMENT_FIELD)
    if uploaded is None or not uploaded.filename:
        raise ApiError(422, fields={AGREEMENT_FIELD: _l("请选择文件。")})
    services.attach_agreement(project, uploaded.filename, uploaded.read(), by=user)
    db.session.commit()
    return _detail(project)


@bp.get("/projects/<int:project_id>/agreement")
def download_agreement(project_id):
    project = _project(project_id)[1]
    path = files.absolute(project.agreement_path) if project.agreement_path else None
    if path is None or not path.is_file():
        raise NotFound(_l("协议文件不存在。"))
    return send_file(path, mimetype=project.agreement_mime, as_attachment=True, download_name=project.agreement_name)
