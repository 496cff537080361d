"""Reminders for silent projects and overdue milestones (run daily by `matchmaking send-reminders`)."""

from flask import current_app, url_for

from ..core.timeutil import local_today, utcnow
from ..notifications.services import notify_organisation, recently_notified
from . import queries


def send_reminders():
    """Notify both parties of stale projects and overdue milestones, at most once a week each."""
    sent = 0
    days = current_app.config["FOLLOW_UP_STALE_DAYS"]
    for project in queries.stale_projects():
        silent_days = (utcnow() - project.last_activity_at).days
        link = url_for("projects.detail", project_id=project.id)
        for organisation in (project.school, project.enterprise):
            if not recently_notified(organisation, "follow_up_due", project, days=7):
                notify_organisation(organisation, "follow_up_due", link=link, obj=project, title=project.title, days=max(silent_days, days))
                sent += 1
    today = local_today()
    for project in queries.projects_with_overdue_milestones():
        link = url_for("projects.detail", project_id=project.id)
        for milestone in project.milestones:
            if not milestone.is_overdue(today):
                continue
            for organisation in (project.school, project.enterprise):
                if not recently_notified(organisation, "milestone_overdue", milestone, days=7):
                    notify_organisation(organisation, "milestone_overdue", link=link, obj=milestone,
                                        title=project.title, milestone=milestone.title)
                    sent += 1
    return sent
