"""Cooperation projects over the API: read, move through the lifecycle, follow-ups,
milestones, the closing summary and confirmation, and the agreement file.

Input is checked by its schema (api/schemas/projects) and the pages' SignForm,
TerminateForm, FollowUpForm, MilestoneForm and SummaryForm; rules (and the agreement
file's type and size checks) live in projects.services."""
from flask import request, send_file
from flask_babel import lazy_gettext as _l

from ..core.errors import NotFound
from ..core.i18n import N_
from ..extensions import db
from ..projects import files, services
from ..projects.forms import (
    FollowUpForm,
    MilestoneForm,
    SignForm,
    SummaryForm,
    TerminateForm,
)
from ..projects.models import Milestone
from . import permissions, queries, serializers
from .auth import authenticated
from .blueprint import upload
from .errors import ApiError
from .inputs import parsed, query, read_json, with_form
from .registry import Download, route
from .schemas import projects as schemas

ONE = "/projects/<int:project_id>"
#: Target state → the pages' form that checks the extra input, and the input it takes.
FORMS = {"signed": (SignForm, ("agreement_date",)), "terminated": (TerminateForm, ("reason",))}
UPLOAD_NOTES = {
    413: N_("请求超过网站的上传上限（MAX_UPLOAD_BYTES，默认 10 MiB）。"),
    422: N_("没有文件、类型不是 PDF、PNG 或 JPG、内容与扩展名不符，或文件超过 AGREEMENT_MAX_BYTES（5 MiB），与项目页面一致。"),
}


def _project(project_id):
    user = authenticated()
    return user, services.get_for_viewer(project_id, user)


def _detail(project):
    return serializers.respond(serializers.project(project, detail=True))


@route("GET", "/projects", summary=N_("调用方的合作项目（人社局：全部）"), tag="projects", query=schemas.ProjectQuery,
       ok=(200, schemas.ProjectPage))
def list_projects():
    """The caller's organisation's projects; the bureau sees every project."""
    user = authenticated()
    values = query(schemas.ProjectQuery)
    result = queries.projects_page(user, status=values.status or "", page=values.page, per_page=values.per_page)
    return serializers.respond(serializers.page(schemas.ProjectPage, result, serializers.project))


@route("GET", ONE, summary=N_("一个合作项目，含跟踪记录、里程碑、合计和协议文件"), tag="projects",
       ok=(200, schemas.Project), errors=(404,))
def project_detail(project_id):
    return _detail(_project(project_id)[1])


@route("POST", f"{ONE}/transition", summary=N_("签约、开始实施或终止"), tag="projects", body=schemas.TransitionInput,
       ok=(200, schemas.Project), errors=(403, 404, 409, 422),
       description=N_("完成须经 `POST …/summary`（学校）和 `POST …/confirm`（企业）。"))
def transition_project(project_id):
    user, project = _project(project_id)
    # Who may depends on the step asked for (the bureau may only terminate): decided before the body is checked.
    permissions.transition_project(project, user, read_json().get("to"))
    target = parsed(schemas.TransitionInput).to
    kwargs = {}
    if target in FORMS:
        form_class, names = FORMS[target]
        form = with_form(schemas.TransitionInput, form_class)  # the form reads the fields it has
        kwargs = {name: form[name].data for name in names}
    services.transition(project, schemas.ACTIONS[target], by=user, **kwargs)
    db.session.commit()
    return _detail(project)


@route("POST", f"{ONE}/follow-ups", summary=N_("添加跟踪记录"), tag="projects", body=schemas.FollowUpInput,
       ok=(201, schemas.FollowUp), errors=(403, 404, 409, 422))
def add_follow_up(project_id):
    user, project = _project(project_id)
    form = with_form(schemas.FollowUpInput, FollowUpForm)
    follow_up = services.add_follow_up(project, form.data, by=user)
    db.session.commit()
    return serializers.respond(serializers.follow_up(follow_up), 201)


@route("GET", f"{ONE}/milestones", summary=N_("项目的里程碑，按截止日期排列"), tag="projects",
       ok=(200, schemas.MilestoneList), errors=(404,))
def list_milestones(project_id):
    project = _project(project_id)[1]
    return serializers.respond(schemas.MilestoneList(items=[serializers.milestone(m) for m in project.milestones]))


@route("POST", f"{ONE}/milestones", summary=N_("添加里程碑（任一方）"), tag="projects", body=schemas.MilestoneInput,
       ok=(201, schemas.Milestone), errors=(403, 404, 409, 422))
def add_milestone(project_id):
    user, project = _project(project_id)
    permissions.project_party(project, user)
    form = with_form(schemas.MilestoneInput, MilestoneForm)
    milestone = services.add_milestone(project, form.title.data, form.due_date.data, by=user)
    db.session.commit()
    return serializers.respond(serializers.milestone(milestone), 201)


@route("POST", f"{ONE}/milestones/<int:milestone_id>/done", summary=N_("标记里程碑完成（任一方）"), tag="projects",
       ok=(200, schemas.Milestone), errors=(403, 404, 409))
def complete_milestone(project_id, milestone_id):
    user, project = _project(project_id)
    services.complete_milestone(project, milestone_id, by=user)
    db.session.commit()
    return serializers.respond(serializers.milestone(db.session.get(Milestone, milestone_id)))


@route("POST", f"{ONE}/summary", summary=N_("提交项目总结（学校，实施中）"), tag="projects", body=schemas.SummaryInput,
       ok=(200, schemas.Project), errors=(403, 404, 409, 422),
       description=N_("再次提交会替换总结，并重新等待企业确认。"))
def submit_summary(project_id):
    """The school's closing summary of an implementing project."""
    user, project = _project(project_id)
    permissions.submit_summary(project, user)
    form = with_form(schemas.SummaryInput, SummaryForm)
    services.submit_summary(project, form.summary.data, by=user)
    db.session.commit()
    return _detail(project)


@route("POST", f"{ONE}/confirm", summary=N_("确认成果（企业，在学校提交总结后）：项目完成"), tag="projects",
       ok=(200, schemas.Project), errors=(403, 404, 409))
def confirm_results(project_id):
    """The enterprise confirms the results after the school's summary: the project is completed."""
    user, project = _project(project_id)
    services.confirm_results(project, by=user)
    db.session.commit()
    return _detail(project)


@route("POST", f"{ONE}/agreement", summary=N_("上传合作协议文件（任一方；替换之前的）"), tag="projects",
       body=schemas.AgreementUpload, media="multipart/form-data", ok=(200, schemas.Project), errors=(403, 404, 422),
       notes=UPLOAD_NOTES)
@upload
def upload_agreement(project_id):
    """Attach the agreement file (multipart field `agreement_file`), replacing any earlier one."""
    user, project = _project(project_id)
    permissions.project_party(project, user)
    uploaded = request.files.get(schemas.AGREEMENT_FIELD)
    if uploaded is None or not uploaded.filename:
        raise ApiError(422, fields={schemas.AGREEMENT_FIELD: _l("请选择文件。")})
    services.attach_agreement(project, uploaded.filename, uploaded.read(), by=user)
    db.session.commit()
    return _detail(project)


@route("GET", f"{ONE}/agreement", summary=N_("下载合作协议文件（合作双方和人社局）"), tag="projects",
       ok=(200, Download(schemas.AGREEMENT_TYPES)), errors=(404,), description=N_("项目没有协议文件时为 404。"))
def download_agreement(project_id):
    project = _project(project_id)[1]
    path = files.absolute(project.agreement_path) if project.agreement_path else None
    if path is None or not path.is_file():
        raise NotFound(_l("协议文件不存在。"))
    return send_file(path, mimetype=project.agreement_mime, as_attachment=True, download_name=project.agreement_name)
