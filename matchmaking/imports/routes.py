"""Bulk import pages: template download, upload, row-by-row preview, commit."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..core.errors import DomainError, Forbidden, NotFound
from ..core.excel import download
from ..extensions import db
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
    from .xlsx import MAX_BYTES

    config = current_app.config
    return {"mb": f"{config.get('IMPORT_MAX_BYTES', MAX_BYTES) / (1024 * 1024):g}",
            "rows": config.get("IMPORT_MAX_ROWS", services.DEFAULT_MAX_ROWS)}


def _render_upload(kind, form, errors=(), status=200):
    importer = _importer(kind)
    return render_template("imports/upload.html", kind=kind, importer=importer, form=form, errors=errors,
                           limits=_limits(), back_url=_back_url(kind),
                           recent=services.recent_batches(kind, current_user)), status


@bp.get(f"/{KINDS}")
@login_required
def upload_page(kind):
    return _render_upload(kind, UploadForm())


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
    limit = current_app.config.get("IMPORT_MAX_BYTES")
    data = upload_file.stream.read((limit or 10 * 1024 * 1024) + 1)
    try:
        batch = services.upload(kind, upload_file.filename, data, by=current_user)
    except services.FileRejected as error:
        db.session.rollback()
        return _render_upload(kind, form, error.messages, status=400)
    db.session.commit()
    return redirect(url_for("imports.preview", batch_id=batch.id))


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
    try:
        counts = services.commit(batch, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger" if isinstance(error, services.RowsInvalid) else "warning")
        return redirect(url_for("imports.preview", batch_id=batch_id))
    db.session.commit()
    flash(_l("导入完成：新增 %(created)s 条，更新 %(updated)s 条，无变化 %(unchanged)s 条。",
             created=counts["create"], updated=counts["update"], unchanged=counts["unchanged"]), "success")
    return redirect(url_for("imports.preview", batch_id=batch_id))
