"""Bulk import pages: template download, upload, row-by-row preview, commit."""
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..core.errors import Forbidden, NotFound
from ..core.excel import download
from ..extensions import db
from ..jobs import runner
from ..jobs import services as jobs
from ..jobs.models import Job
from ..jobs.views import redirect_to
from . import jobs as import_jobs
from . import services
from .forms import UploadForm

bp = Blueprint("imports", __name__, url_prefix="/imports")
KINDS = "<any(programmes, needs, organisations):kind>"


def _load(load):
    """The object `load` returns, or the HTTP error its NotFound / Forbidden stands for."""
    try:
        return load()
    except (NotFound, Forbidden) as error:
        abort(error.status_code)


def _importer(kind):
    return _load(lambda: services.importer_for(kind, current_user))


def _back_url(kind):
    if kind == "organisations":
        return url_for("bureau.organisations_queue")
    return url_for("main.workspace")


def _limits():
    config = current_app.config
    return {"mb": f"{config['IMPORT_MAX_BYTES'] / (1024 * 1024):g}", "rows": config["IMPORT_MAX_ROWS"]}


def _render_upload(kind, form, errors=(), status=200):
    importer = _importer(kind)
    return render_template("imports/upload.html", kind=kind, importer=importer, form=form, errors=errors,
                           limits=_limits(), back_url=_back_url(kind),
                           recent=services.recent_batches(kind, current_user)), status


@bp.get(f"/{KINDS}")
@login_required
def upload_page(kind):
    errors = []
    job_id = request.args.get("job", type=int)
    if job_id:  # back from reading a file that was refused: say why
        try:
            errors = import_jobs.rejection_of(jobs.get_for_viewer(job_id, current_user))
        except NotFound:
            pass
    return _render_upload(kind, UploadForm(), errors)


def _finished(job):
    """The job as it is now (under JOBS_SYNC it has run already)."""
    db.session.expire_all()
    return db.session.get(Job, job.id)


@bp.get(f"/{KINDS}/template.xlsx")
@login_required
def template(kind):
    filename, data = services.template_file(_importer(kind))
    return download(filename, data)


@bp.post(f"/{KINDS}")
@login_required
def upload(kind):
    _importer(kind)
    form = UploadForm()
    if not form.validate_on_submit():
        return _render_upload(kind, form, status=400)
    upload_file = request.files.get("file")
    if upload_file is None or not upload_file.filename:
        return _render_upload(kind, form, [_l("请选择要上传的文件。")], status=400)
    limit = current_app.config["IMPORT_MAX_BYTES"]
    data = upload_file.stream.read(limit + 1)
    try:
        batch = services.receive(kind, upload_file.filename, data, by=current_user)
    except services.FileRejected as error:
        db.session.rollback()
        return _render_upload(kind, form, error.messages, status=400)
    job = jobs.create(import_jobs.READ, by=current_user, params={"batch_id": batch.id, "kind": kind})
    db.session.commit()
    runner.enqueue(job)  # the workbook is checked and read on the job queue
    job = _finished(job)
    rejected = import_jobs.rejection_of(job)
    if rejected:
        return _render_upload(kind, form, rejected, status=400)
    return redirect_to(job)


@bp.get("/batches/<int:batch_id>")
@login_required
def preview(batch_id):
    batch = _load(lambda: services.get_batch(batch_id, current_user))
    importer = _importer(batch.kind)
    plan = services.plan(batch, current_user) if batch.status == "previewed" else None
    return render_template("imports/preview.html", batch=batch, importer=importer, plan=plan,
                           back_url=_back_url(batch.kind), expired=batch.status == "previewed" and services.is_expired(batch))


@bp.post("/batches/<int:batch_id>/commit")
@login_required
def commit(batch_id):
    batch = _load(lambda: services.get_batch(batch_id, current_user))
    _importer(batch.kind)
    if not FlaskForm().validate_on_submit():  # the CSRF check
        abort(400)
    if batch.status == "committed":
        flash(_l("该文件已经导入，不会重复导入。"), "warning")
        return redirect(url_for("imports.preview", batch_id=batch_id))
    try:
        job = jobs.create(import_jobs.COMMIT, by=current_user, params={"batch_id": batch.id, "kind": batch.kind},
                          scope=batch.id)
    except jobs.AlreadyRunning as running:  # a second submit while the first is still at work
        db.session.rollback()
        return redirect(url_for("jobs.detail", job_id=running.job_id) if running.job_id else
                        url_for("imports.preview", batch_id=batch_id))
    db.session.commit()
    runner.enqueue(job)
    return redirect_to(_finished(job))
