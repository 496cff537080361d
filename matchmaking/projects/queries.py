"""Reads for the bureau's follow-up desk and the parties' project lists."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from ..core.timeutil import local_today, utcnow
from ..extensions import db
from ..organisations.models import Organisation
from .models import Milestone, Project

DESK_FILTERS = ("cluster", "district", "type", "status", "school", "enterprise", "flag")


def stale_cutoff():
    return utcnow() - timedelta(days=current_app.config["FOLLOW_UP_STALE_DAYS"])


def _overdue_milestone_exists():
    return exists().where(Milestone.project_id == Project.id, Milestone.done_at.is_(None), Milestone.due_date < local_today())


def desk_query(filters):
    """All projects matching the desk's filters, most urgent (longest silent) first."""
    # Flags and totals read milestones and follow-ups: load them with the page, not per row.
    query = select(Project).options(selectinload(Project.milestones), selectinload(Project.follow_ups))
    if filters.get("cluster"):
        query = query.where(Project.cluster_code == filters["cluster"])
    if filters.get("district"):
        query = query.where(Project.district_code == filters["district"])
    if filters.get("type"):
        query = query.where(Project.type_code == filters["type"])
    if filters.get("status"):
        query = query.where(Project.status == filters["status"])
    for side, column in (("school", Project.school_id), ("enterprise", Project.enterprise_id)):
        if filters.get(side):
            ids = select(Organisation.id).where(Organisation.name.contains(filters[side]))
            query = query.where(column.in_(ids))
    open_project = Project.status.in_(("negotiating", "signed", "implementing"))
    if filters.get("flag") == "stale":
        query = query.where(open_project, Project.last_activity_at < stale_cutoff())
    elif filters.get("flag") == "overdue":
        query = query.where(open_project, _overdue_milestone_exists())
    return query.order_by(Project.last_activity_at, Project.id)


def party_query(organisation_id):
    """A school's or an enterprise's own projects, newest first: its list and the list's export."""
    query = select(Project).options(selectinload(Project.milestones), selectinload(Project.follow_ups))
    query = query.where((Project.school_id == organisation_id) | (Project.enterprise_id == organisation_id))
    return query.order_by(Project.created_at.desc(), Project.id.desc())


def is_stale(project):
    return not project.is_final and project.last_activity_at < stale_cutoff()


def overdue_milestones(project):
    today = local_today()
    return [m for m in project.milestones if m.is_overdue(today)]


def stale_projects():
    return list(db.session.scalars(desk_query({"flag": "stale"})))


def projects_with_overdue_milestones():
    return list(db.session.scalars(desk_query({"flag": "overdue"})))
