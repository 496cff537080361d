"""What a page does with a job it started: for the routes of every domain."""
from flask import flash, redirect, url_for

from ..extensions import db
from . import runner, services
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


def start_from_page(kind, *, by, back_url, params=None, scope=None, on_created=None):
    """Queue a job of `kind` from a page and answer with its progress page (or its outcome, once done).

    When one is already queued or running, say so and show that one (or `back_url`). `on_created(job)`
    runs in the job's transaction (e.g. the audit record). The job's row is committed before its id
    is queued, so the worker always finds it."""
    try:
        job = services.create(kind, by=by, params=params, scope=scope)
    except services.AlreadyRunning as running:
        db.session.rollback()
        flash(running.message, "warning")
        return redirect(url_for("jobs.detail", job_id=running.job_id) if running.job_id else back_url)
    if on_created is not None:
        on_created(job)
    db.session.commit()
    runner.enqueue(job)
    db.session.refresh(job)
    return redirect_to(job)
