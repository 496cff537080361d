"""What a page does with a job it started: for the routes of every domain."""
from flask import flash, redirect, url_for

from .tasks import KINDS


def outcome_of(job):
    """(url, flash message, category) of a job done whose kind leads somewhere, else None."""
    kind = KINDS.get(job.kind)
    if job.status != "done" or kind is None or kind.outcome is None:
        return None
    return kind.outcome(job)


def redirect_to(job):
    """The response after starting (or finding) `job`: its outcome page if it is already done
    (always so under JOBS_SYNC), else its progress page, which follows it when it ends."""
    outcome = outcome_of(job)
    if outcome is None:
        return redirect(url_for("jobs.detail", job_id=job.id))
    url, message, category = outcome
    if message:
        flash(message, category)
    return redirect(url)
