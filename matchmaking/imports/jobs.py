"""Reading an uploaded workbook and committing its rows run as jobs on the queue.

Both are safe to run again (a run interrupted midway is retried): reading a batch that has been
read does nothing, and committing a committed batch reports it as done (the batch is claimed in
the commit's own transaction)."""
from flask import url_for
from flask_babel import gettext

from ..core.errors import Conflict
from ..core.i18n import N_, portable, translated
from ..extensions import db
from ..jobs.tasks import Kind, register_kind
from . import services
from .models import ImportBatch

READ = "imports.read"
COMMIT = "imports.commit"


def rejection_of(job):
    """The reasons a read job refused its file (translated), or [] if it did not."""
    if job.kind != READ or not job.result:
        return []
    return [translated(message) for message in job.result.get("rejected", [])]


def read_batch(report, batch_id, kind):
    """The job: read an uploaded batch; a refused file deletes the batch and lists the reasons."""
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None or batch.status != "uploaded":
        return {"batch_id": batch_id, "kind": kind}  # read by an earlier run
    report(0, 1, N_("正在校验文件…"))  # before writing: on SQLite a report waits for the work's write lock
    try:
        services.read_uploaded(batch)
    except services.FileRejected as error:
        db.session.delete(batch)
        return {"kind": kind, "rejected": [portable(message) for message in error.messages]}
    return {"batch_id": batch_id, "kind": kind, "rows": batch.row_count}


def commit_batch(report, batch_id, kind):
    """The job: commit a previewed batch as its uploader, all rows or none."""
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        return {"batch_id": batch_id, "kind": kind, "outcome": "missing"}
    if batch.status == "committed":
        return {"batch_id": batch_id, "kind": kind, "outcome": "already"}
    report(0, 1, N_("正在导入…"))
    try:
        counts = services.commit(batch, by=batch.user)
    except services.RowsInvalid as error:
        db.session.rollback()
        return {"batch_id": batch_id, "kind": kind, "outcome": "invalid", "message": portable(error.message)}
    except Conflict as error:
        db.session.rollback()
        return {"batch_id": batch_id, "kind": kind, "outcome": "refused", "message": portable(error.message)}
    return {"batch_id": batch_id, "kind": kind, "outcome": "committed", **counts}


def _upload_page(job):
    return url_for("imports.upload_page", kind=(job.params or {}).get("kind", "programmes"))


def _read_outcome(job):
    result = job.result or {}
    if result.get("rejected"):
        return url_for("imports.upload_page", kind=result["kind"], job=job.id), None, None
    return url_for("imports.preview", batch_id=result["batch_id"]), None, None


def _commit_outcome(job):
    result = job.result or {}
    outcome = result.get("outcome")
    if outcome == "missing":
        return _upload_page(job), gettext("内容不存在。"), "warning"
    preview = url_for("imports.preview", batch_id=result["batch_id"])
    if outcome == "committed":
        return preview, gettext("导入完成：新增 %(created)s 条，更新 %(updated)s 条，无变化 %(unchanged)s 条。",
                           created=result["create"], updated=result["update"], unchanged=result["unchanged"]), "success"
    if outcome == "already":
        return preview, gettext("该文件已经导入，不会重复导入。"), "warning"
    return preview, translated(result["message"]), "danger" if outcome == "invalid" else "warning"


register_kind(READ, Kind(title=N_("读取导入文件"), target=read_batch, done_message=N_("文件已读取。"),
                         back_endpoint=_upload_page, outcome=_read_outcome, exclusive=False))
register_kind(COMMIT, Kind(title=N_("导入数据"), target=commit_batch, done_message=N_("导入已处理。"),
                           back_endpoint=_upload_page, outcome=_commit_outcome))
