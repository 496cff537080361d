"""What the platform already knows of an enterprise's cooperation, drawn for its application.

Stored with the application when it is (re)submitted, so reviewers see what the enterprise
had at that moment (the projects' own pages show what happened since)."""
from sqlalchemy import or_, select

from ..events.models import DockingEvent, Registration
from ..extensions import db
from ..pairings.models import Pairing
from ..projects.models import Project

#: Project statuses that count as cooperation under way or done.
COOPERATING = ("signed", "implementing", "completed")


def snapshot(enterprise):
    """A small JSON-able summary: projects with their schools, pairings by status, events attended."""
    projects = db.session.scalars(select(Project).where(Project.enterprise_id == enterprise.id).order_by(Project.id)).all()
    pairings = db.session.scalars(select(Pairing).where(
        or_(Pairing.proposer_id == enterprise.id, Pairing.responder_id == enterprise.id))).all()
    attended = db.session.execute(
        select(DockingEvent.id, DockingEvent.title, DockingEvent.date, Registration.checked_in_at)
        .join(Registration, Registration.event_id == DockingEvent.id)
        .where(Registration.organisation_id == enterprise.id, Registration.status == "approved")
        .order_by(DockingEvent.date)
    ).all()
    by_status = {}
    for pairing in pairings:
        status = pairing.current_status
        by_status[status] = by_status.get(status, 0) + 1
    return {
        "projects": [{"id": p.id, "title": p.title, "school": p.school.name, "status": p.status} for p in projects],
        "cooperating_projects": sum(1 for p in projects if p.status in COOPERATING),
        "schools": len({p.school_id for p in projects if p.status in COOPERATING}),
        "pairings": by_status,
        "events": [{"id": e.id, "title": e.title, "date": e.date.isoformat(), "checked_in": e.checked_in_at is not None}
                   for e in attended],
    }


def year_figures(enterprise, year):
    """The platform's record of one calendar year of the enterprise's cooperation (the annual report's
    pre-filled part): follow-up totals, projects that started, pairings and docking events."""
    from datetime import date

    from sqlalchemy import func

    from ..core.timeutil import local_midnight_utc
    from ..projects.models import FollowUp

    first, last = date(year, 1, 1), date(year, 12, 31)
    start, end = local_midnight_utc(first), local_midnight_utc(date(year + 1, 1, 1))
    totals = db.session.execute(
        select(func.coalesce(func.sum(FollowUp.students_placed), 0), func.coalesce(func.sum(FollowUp.apprentices_enrolled), 0),
               func.coalesce(func.sum(FollowUp.employees_trained), 0), func.count(FollowUp.id))
        .join(Project, FollowUp.project_id == Project.id)
        .where(Project.enterprise_id == enterprise.id, FollowUp.date >= first, FollowUp.date <= last)).one()
    projects = db.session.scalars(select(Project).where(Project.enterprise_id == enterprise.id).order_by(Project.id)).all()
    events = db.session.scalar(
        select(func.count(Registration.id)).join(DockingEvent, Registration.event_id == DockingEvent.id)
        .where(Registration.organisation_id == enterprise.id, Registration.status == "approved",
               DockingEvent.date >= first, DockingEvent.date <= last))
    pairings = db.session.scalar(select(func.count(Pairing.id)).where(
        or_(Pairing.proposer_id == enterprise.id, Pairing.responder_id == enterprise.id),
        Pairing.created_at >= start, Pairing.created_at < end))
    return {
        "year": year,
        "students_placed": int(totals[0]), "apprentices_enrolled": int(totals[1]), "employees_trained": int(totals[2]),
        "follow_ups": int(totals[3]),
        "projects_started": sum(1 for p in projects if start <= p.created_at < end),
        "cooperating_projects": sum(1 for p in projects if p.status in COOPERATING),
        "schools": len({p.school_id for p in projects if p.status in COOPERATING}),
        "pairings": int(pairings or 0), "events": int(events or 0),
    }
