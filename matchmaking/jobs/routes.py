"""A job's progress page and its JSON status, for the job's creator and the bureau."""
from flask import Blueprint, abort, jsonify, render_template, url_for
from flask_login import current_user, login_required

from ..core.errors import NotFound
from . import services
from .tasks import KINDS
from .views import outcome_of, redirect_to

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


def _load(job_id):
    try:
        return services.get_for_viewer(job_id, current_user)
    except NotFound:
        abort(404)


@bp.get("/<int:job_id>")
@login_required
def detail(job_id):
    job = _load(job_id)
    if outcome_of(job) is not None:
        return redirect_to(job)  # e.g. an import that has been read: its preview
    kind = KINDS.get(job.kind)
    if kind is None:
        back_url = url_for("main.index")
    else:
        back_url = kind.back_endpoint(job) if callable(kind.back_endpoint) else url_for(kind.back_endpoint)
    return render_template("jobs/detail.html", job=job, kind=kind, status=_status(job), back_url=back_url)


@bp.get("/<int:job_id>.json")
@login_required
def status(job_id):
    response = jsonify(_status(_load(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


def _status(job):
    status = services.status_of(job)
    # Where the page goes once the job is done: itself again, which then redirects to the outcome.
    status["next_url"] = url_for("jobs.detail", job_id=job.id) if KINDS.get(job.kind) and \
        KINDS[job.kind].outcome and job.status == "done" else ""
    return status
