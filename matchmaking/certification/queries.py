"""Reviewer queues: what waits for a department, how long it has waited, and what is overdue."""
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.permissions import is_bureau
from ..core.timeutil import local_today
from ..extensions import db
from ..workdays import services as workdays
from . import reviewers
from .models import Certification


@dataclass(frozen=True)
class Waiting:
    certification: Certification
    #: Working days since the stage started, and the stage's deadline.
    waited: int
    due_on: date
    overdue: bool


def waiting(certification, today=None):
    today = today or local_today()
    started = certification.stage_started_on or today
    due_on = workdays.add_working_days(started, current_app.config["CERTIFICATION_REVIEW_WORKING_DAYS"])
    return Waiting(certification, workdays.working_days_between(started, today), due_on, today > due_on)


def _all(*conditions):
    # Queues read each application's decisions and objections: load them with the page's one query.
    return db.session.scalars(select(Certification).where(*conditions)
                              .options(selectinload(Certification.decisions), selectinload(Certification.objections))
                              .order_by(Certification.stage_started_on, Certification.id)).all()


def my_turn(user, today=None):
    """Applications whose current stage belongs to the user's department, oldest first."""
    under_review = _all(Certification.status.in_(("district_review", "department_review")))
    return [waiting(c, today) for c in under_review if reviewers.stage_of(user, c) is not None]


def under_review(today=None):
    """Every application under review (the bureau's overview)."""
    return [waiting(c, today) for c in _all(Certification.status.in_(("district_review", "department_review")))]


def objections_to_answer(user):
    """Notices with unanswered objections in the user's review chain."""
    notices = _all(Certification.status == "notice")
    return [c for c in notices if c.open_objections and (reviewers.is_reviewer(user, c) or is_bureau(user))]


def in_notice(user):
    return [c for c in _all(Certification.status == "notice") if reviewers.is_reviewer(user, c) or is_bureau(user)]


def in_effect(level=None):
    conditions = [Certification.status == "in_effect"]
    if level:
        conditions.append(Certification.level == level)
    return db.session.scalars(select(Certification).where(*conditions)
                              .order_by(Certification.effective_on.desc(), Certification.id.desc())).all()


def migrated():
    """Certifications declared before reviews existed, waiting for 市发展改革委 to check their documents."""
    return db.session.scalars(select(Certification).where(Certification.status == "in_effect",
                                                         Certification.origin == "migrated")
                              .order_by(Certification.id)).all()


def mine(enterprise):
    """The enterprise's own certifications and applications, newest first."""
    return db.session.scalars(select(Certification).where(Certification.enterprise_id == enterprise.id)
                              .order_by(Certification.id.desc())).all()


def decided_by(user, limit=50):
    """Applications the user's department has decided, newest decision first (the queue's history)."""
    from .models import Decision

    ids = db.session.scalars(select(Decision.certification_id).where(Decision.department_id == user.organisation_id)
                             .order_by(Decision.id.desc()).limit(limit)).all()
    seen = list(dict.fromkeys(ids))
    rows = {c.id: c for c in db.session.scalars(select(Certification).where(Certification.id.in_(seen))).all()} if seen else {}
    return [rows[i] for i in seen if i in rows]
