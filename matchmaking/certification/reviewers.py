"""Which department reviews which stage of an enterprise's application, and whose turn it is."""
from sqlalchemy import select

from ..core.permissions import holds_remit
from ..extensions import db
from ..organisations.models import Organisation


def department_for(stage, district_code):
    """The department that decides `stage` (for "district": the government of `district_code`), or None
    when the platform has no such department yet."""
    query = select(Organisation).where(Organisation.kind == "department", Organisation.is_verified)
    if stage == "district":
        if not district_code:
            return None
        query = query.where(Organisation.department == "district", Organisation.district_code == district_code)
    else:
        query = query.where(Organisation.department == stage)
    return db.session.scalars(query.order_by(Organisation.id)).first()


def holds_stage(user, stage, certification):
    """The user works for the department that decides `stage` of this application."""
    if stage == "district":
        # The district recorded on the application; no district means no district government reviews it.
        return bool(certification.district_code) and holds_remit(user, "district", certification.district_code)
    return holds_remit(user, stage)


def stage_of(user, certification):
    """The stage the user's department may decide now, or None."""
    return next((stage for stage in certification.pending_stages if holds_stage(user, stage, certification)), None)


def is_reviewer(user, certification):
    """One of the three departments in this application's chain (whether or not it is their turn)."""
    return any(holds_stage(user, stage, certification) for stage in ("district", "ndrc", "education"))


def reviewers_of(certification, stages):
    return [department for department in (department_for(stage, certification.district_code) for stage in stages)
            if department is not None]
