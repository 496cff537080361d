"""A job's progress page and its JSON status, for the job's creator and the bureau."""
from flask import Blueprint, abort, jsonify, render_template, url_for
from flask_login import current_user, login_required

from ..core.errors import NotFound
from . import services
from .tasks import KINDS

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
    kind = KINDS.get(job.kind)
    back_url = url_for(kind.back_endpoint) if kind else url_for("main.index")
    return render_template("jobs/detail.html", job=job, kind=kind, status=services.status_of(job), back_url=back_url)


@bp.get("/<int:job_id>.json")
@login_required
def status(job_id):
    response = jsonify(services.status_of(_load(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response
