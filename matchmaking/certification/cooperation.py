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
