"""Project actions: creation from a pairing, transitions, follow-ups, milestones, files, notes.

Every action checks the actor's side, records a timeline event and notifies the
other parties; the caller commits."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from .. import referencedata as rd
from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotFound
from ..core.permissions import authorize
from ..core.timeutil import local_today, utcnow
from ..extensions import db
from ..notifications.services import notify_organisation
from . import files, lifecycle
from .models import FollowUp, Milestone, Project, ProjectEvent
from .queries import party_query


def get_for_viewer(project_id, user):
    """A project of the user's organisation (the bureau sees all), else NotFound."""
    project = db.session.get(Project, project_id)
    if project is None or not (project.party_of(user.organisation_id) or user.is_bureau):
        raise NotFound(_l("合作项目不存在。"))
    return project


def _side(project, user):
    authorize(user, "project.act_as_party", project)
    return project.party_of(user.organisation_id)


def _event(project, kind, user, detail=""):
    project.events.append(ProjectEvent(kind=kind, user_id=user.id if user else None,
                                       organisation_id=user.organisation_id if user else None, detail=str(detail)[:500]))


def _notify_others(project, kind, by, **params):
    link = url_for("projects.detail", project_id=project.id)
    for organisation in (project.school, project.enterprise):
        if organisation.id != by.organisation_id:
            notify_organisation(organisation, kind, link=link, obj=project, **params)


def _project_type(need, programme):
    """The cooperation mode that serves this need and that the programme offers."""
    wanted = rd.KIND_MODES.get(need.kind_code, [])
    offered = programme.mode_codes
    for mode in wanted:
        if mode in offered:
            return mode
    return wanted[0] if wanted else (offered[0] if offered else "internship")


def create_from_pairing(pairing, *, by):
    need, programme = pairing.need, pairing.programme
    type_code = _project_type(need, programme)
    planned = min(need.headcount or 0, programme.capacity or 0) or need.headcount or 0
    project = Project(
        pairing=pairing, need=need, programme=programme,
        school_id=programme.organisation_id, enterprise_id=need.organisation_id,
        title=f"{programme.organisation.name} × {need.organisation.name}：{need.title}"[:200],
        type_code=type_code, cluster_code=need.cluster_code, district_code=need.district_code,
        planned_students=planned if type_code in ("order_class", "internship") else 0,
        planned_apprentices=planned if type_code == "apprenticeship" else 0,
        planned_trainees=planned if type_code == "employee_training" else 0,
    )
    db.session.add(project)
    _event(project, "created", by, pairing.message[:200])
    db.session.flush()
    return project


def update_plan(project, data, *, by):
    _side(project, by)
    if project.is_final:
        raise Conflict(_l("已结束的合作项目不能修改计划。"))
    for key in ("type_code", "planned_students", "planned_apprentices", "planned_trainees", "duration_months"):
        setattr(project, key, data[key])
    _event(project, "plan", by)


def transition(project, action, *, by, agreement_date=None, reason=""):
    """Sign, start or terminate (completion goes through summary and confirmation)."""
    authorize(by, "project.terminate_as" if action == "terminate" else "project.act_as_party", project)
    if action == "complete":
        raise Conflict(_l("完成项目需学校提交总结、企业确认成果。"))
    target = lifecycle.target_of(project, action)
    if action == "sign":
        if agreement_date is None:
            raise DomainError(_l("请填写签约日期。"), field="agreement_date")
        if agreement_date > local_today():
            raise DomainError(_l("签约日期不能晚于今天。"), field="agreement_date")
        project.agreement_date = agreement_date
    if action == "terminate":
        reason = (reason or "").strip()
        if not reason:
            raise DomainError(_l("请填写终止原因。"), field="reason")
        project.termination_reason = reason[:500]
        project.closed_at = utcnow()
    project.status = target
    _event(project, "status", by, target if action != "terminate" else f"{target}: {reason[:200]}")
    _notify_others(project, "project_status", by, title=project.title, status=target)
    if by.is_bureau:
        record("project.terminate", user=by, obj=project, detail=reason)


def submit_summary(project, summary, *, by):
    """The school's closing summary of an implementing project."""
    authorize(by, "project.summarise_as", project)
    if project.status != "implementing":
        raise Conflict(_l("只有实施中的项目可以提交总结。"))
    summary = (summary or "").strip()
    if len(summary) < 20:
        raise DomainError(_l("总结至少 20 个字。"), field="summary")
    project.school_summary = summary[:5000]
    project.enterprise_confirmed_at = None
    _event(project, "summary", by)
    _notify_others(project, "project_status", by, title=project.title, status="implementing")


def confirm_results(project, *, by):
    """The enterprise accepts the results; the project is then completed."""
    authorize(by, "project.confirm_as", project)
    if project.status != "implementing":
        raise Conflict(_l("只有实施中的项目可以确认完成。"))
    if not project.school_summary:
        raise Conflict(_l("学校尚未提交项目总结。"))
    project.enterprise_confirmed_at = utcnow()
    project.status = lifecycle.target_of(project, "complete")
    project.closed_at = utcnow()
    _event(project, "confirmed", by)
    _event(project, "status", by, "completed")
    _notify_others(project, "project_status", by, title=project.title, status="completed")


def add_follow_up(project, data, *, by):
    """A follow-up record by either party or the bureau."""
    if not by.is_bureau:
        _side(project, by)
    if project.is_final:
        raise Conflict(_l("已结束的合作项目不能再添加跟踪记录。"))
    if data["date"] > local_today():
        raise DomainError(_l("记录日期不能晚于今天。"), field="date")
    follow_up = FollowUp(
        project=project, author_id=by.id, organisation_id=by.organisation_id, date=data["date"],
        content=data["content"].strip(), students_placed=data.get("students_placed") or 0,
        apprentices_enrolled=data.get("apprentices_enrolled") or 0, employees_trained=data.get("employees_trained") or 0,
        rd_results=(data.get("rd_results") or "").strip(),
    )
    db.session.add(follow_up)
    project.last_activity_at = utcnow()
    _event(project, "follow_up", by, follow_up.content[:200])
    if by.is_bureau:
        record("project.follow_up", user=by, obj=project, detail=follow_up.content[:200])
    _notify_others(project, "project_follow_up", by, org=by.organisation.name, title=project.title)
    return follow_up


def add_milestone(project, title, due_date, *, by):
    _side(project, by)
    if project.is_final:
        raise Conflict(_l("已结束的合作项目不能再添加里程碑。"))
    title = (title or "").strip()
    if not title:
        raise DomainError(_l("请填写里程碑名称。"), field="title")
    milestone = Milestone(project=project, title=title[:200], due_date=due_date)
    db.session.add(milestone)
    _event(project, "milestone", by, f"{milestone.title} · {due_date.isoformat()}")
    return milestone


def complete_milestone(project, milestone_id, *, by):
    _side(project, by)
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None or milestone.project_id != project.id:
        raise NotFound(_l("里程碑不存在。"))
    if milestone.done_at is not None:
        raise Conflict(_l("该里程碑已完成。"))
    milestone.done_at = utcnow()
    _event(project, "milestone_done", by, milestone.title)


def attach_agreement(project, filename, data, *, by):
    _side(project, by)
    extension, mime = files.check_upload(filename, data)
    project.agreement_path = files.store(project.id, extension, data)
    project.agreement_name = (filename or f"agreement{extension}")[-200:]
    project.agreement_mime = mime
    _event(project, "file", by, project.agreement_name)


def set_bureau_note(project, note, *, by):
    authorize(by, "project.note_as", project)
    project.bureau_note = (note or "").strip()[:2000]
    _event(project, "note", by, project.bureau_note[:200])
    record("project.note", user=by, obj=project, detail=project.bureau_note[:200])


def actual_totals(project):
    """Figures achieved so far: the sum over follow-up records."""
    totals = {"students_placed": 0, "apprentices_enrolled": 0, "employees_trained": 0}
    for follow_up in project.follow_ups:
        for key in totals:
            totals[key] += getattr(follow_up, key)
    return totals


def projects_of(organisation_id):
    return list(db.session.scalars(party_query(organisation_id)))
