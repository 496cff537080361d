"""Bulk import: upload → safety check → read → validate every row with the web forms →
preview → commit, all rows or none.

Identity of a row (so re-importing a file never duplicates):
- 编号 filled: the item with that id *of the importer's own organisation* (someone else's id is
  an error, never an update of their item);
- 编号 blank: the natural key — a posting of the own organisation with the same title, an
  organisation with the same code or name — else a new item.
An unchanged row changes nothing (not even `updated_at`); a changed row updates the item through
the same service as the edit page.
"""
import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from werkzeug.datastructures import MultiDict

from ..audit.services import record
from ..core.errors import Conflict, DomainError, Forbidden, NotFound
from ..core.forms import parse_id
from ..core.timeutil import utcnow
from ..exchange import sheets
from ..extensions import db
from ..needs.spec import NEEDS
from ..organisations import services as organisations
from ..organisations.models import Organisation
from ..organisations.validators import normalise_credit_code
from ..postings import services as postings
from ..programmes.spec import PROGRAMMES
from . import xlsx
from .forms import OrganisationRowForm
from .models import ImportBatch

#: How long an uploaded file's preview may be committed.
BATCH_LIFETIME = timedelta(hours=24)


class FileRejected(DomainError):
    """The file as a whole cannot be read; `messages` lists every reason."""

    def __init__(self, messages):
        super().__init__(messages[0])
        self.messages = messages


@dataclass
class RowError:
    letter: str
    header: str
    message: Any


@dataclass
class RowResult:
    row: int
    label: str
    action: str = "error"  # create, update, unchanged, error
    target: Any = None
    data: dict = None
    errors: list = field(default_factory=list)


@dataclass
class Plan:
    rows: list
    vocabulary: Any = None

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]

    @property
    def ok(self):
        return not self.error_rows

    @property
    def changes(self):
        return self.count("create") + self.count("update")


# --- the two kinds of importer -------------------------------------------------------------------


class PostingImporter:
    """Programmes (schools) or needs (enterprises) of the importer's own organisation."""

    def __init__(self, spec):
        self.spec = spec
        self.layout = sheets.LAYOUTS[spec.name]
        self.title = spec.labels["list_title"]

    def allowed(self, user):
        return user.organisation.kind == self.spec.owner_kind

    def make_form(self):
        return self.spec.form_class(formdata=None, meta={"csrf": False})

    def data(self, form):
        return form.to_data()

    def label(self, cells):
        return cells.get("title", "")

    def context(self, user):
        model = self.spec.model
        own = list(db.session.scalars(select(model).where(model.organisation_id == user.organisation_id)))
        by_title = {}
        for posting in own:
            if posting.status != "archived":
                by_title.setdefault(posting.title, []).append(posting)
        return {"by_id": {posting.id: posting for posting in own}, "by_title": by_title, "organisation": user.organisation}

    def resolve(self, cells, data, context):
        """(target or None, identity keys, {column key: message})."""
        owner = cells.get("owner", "")
        if owner and owner != context["organisation"].name:
            return None, [], {"owner": _l("该行属于其他机构（%(name)s），不能导入。", name=owner[:60])}
        raw_id = cells.get("id", "")
        if raw_id:
            posting = context["by_id"].get(parse_id(raw_id))
            if posting is None:
                return None, [], {"id": _l("编号 %(id)s 不存在，或不属于本机构。新增的行请将编号留空。", id=raw_id[:20])}
            return posting, [("id", posting.id)], {}
        title = data.get("title") or ""
        matches = context["by_title"].get(title, [])
        if len(matches) > 1:
            return None, [], {"title": _l("本机构有多条同名内容，请填写编号以指明要更新哪一条。")}
        if matches:
            return matches[0], [("id", matches[0].id)], {}
        return None, [("title", title)], {}

    def unchanged(self, posting, data):
        for name in postings.COMMON_FIELDS + self.spec.extra_fields:
            if name in data and getattr(posting, name) != data[name]:
                return False
        if "mode_codes" in data and set(posting.mode_codes) != set(data["mode_codes"]):
            return False
        return True

    def apply(self, row, user):
        if row.action == "create":
            postings.create_posting(self.spec, row.data, by=user)
        else:
            postings.update_posting(self.spec, row.target, row.data, by=user)

    def finish(self, batch, counts, user):
        pass


class OrganisationImporter:
    """Schools and enterprises, imported by the bureau as verified organisations."""

    layout = sheets.ORGANISATIONS
    title = _l("机构")

    def allowed(self, user):
        return user.is_bureau

    def make_form(self):
        return OrganisationRowForm(formdata=None, meta={"csrf": False})

    def data(self, form):
        kind = form.kind.data
        code = normalise_credit_code(form.code.data) if kind == "enterprise" else (form.code.data or "").strip()
        return {"kind": kind, "name": (form.name.data or "").strip(), "code": code, "profile": form.profile_data(kind)}

    def label(self, cells):
        return cells.get("name", "")

    def context(self, user):
        return {}

    def resolve(self, cells, data, context):
        raw_id = cells.get("id", "")
        target = None
        if raw_id:
            row_id = parse_id(raw_id)
            target = db.session.get(Organisation, row_id) if row_id else None
            if target is None or target.kind not in ("school", "enterprise"):
                return None, [], {"id": _l("编号 %(id)s 不存在。新增的行请将编号留空。", id=raw_id[:20])}
        else:
            target = db.session.scalar(select(Organisation).where(Organisation.code == data["code"])) or \
                db.session.scalar(select(Organisation).where(Organisation.name == data["name"]))
            if target is not None and target.kind == "bureau":
                return None, [], {"name": _l("该机构名称已注册。")}
        if target is not None and data["kind"] and target.kind != data["kind"]:
            return None, [], {"kind": _l("机构类型不能通过导入修改。")}
        try:
            organisations._check_unique(data["name"], data["code"], exclude_id=target.id if target else None)
        except Conflict as error:
            return None, [], {error.field: error.message}
        if target is not None:
            return target, [("id", target.id)], {}
        return None, [("name", data["name"]), ("code", data["code"])], {}

    def unchanged(self, organisation, data):
        if (organisation.name, organisation.code) != (data["name"], data["code"]):
            return False
        for key, value in data["profile"].items():
            if getattr(organisation, key) != (value.strip() if isinstance(value, str) else value):
                return False
        return True

    def apply(self, row, user):
        data = row.data
        organisation = row.target
        if row.action == "create":
            organisation = Organisation(kind=data["kind"], name=data["name"], code=data["code"],
                                        status="verified", verified_at=utcnow())
            db.session.add(organisation)
        else:
            organisation.name, organisation.code = data["name"], data["code"]
        organisations._apply_profile(organisation, data["profile"])
        db.session.flush()
        action = "organisation.import_create" if row.action == "create" else "organisation.import_update"
        record(action, user=user, obj=organisation, detail=organisation.name)

    def finish(self, batch, counts, user):
        record("import.organisations", user=user, obj=batch,
               detail=f"{batch.filename}: created {counts['create']}, updated {counts['update']}, unchanged {counts['unchanged']}")


IMPORTERS = {
    "programmes": PostingImporter(PROGRAMMES),
    "needs": PostingImporter(NEEDS),
    "organisations": OrganisationImporter(),
}


def importer_for(kind, user):
    """The importer of `kind` if this user may use it (404 for an unknown kind, 403 for the wrong role)."""
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise NotFound(_l("内容不存在。"))
    if not importer.allowed(user):
        raise Forbidden(_l("您没有权限执行此操作。"))
    return importer


# --- the template -------------------------------------------------------------------


def template_file(importer):
    return f"{importer.layout.template_name}.xlsx", sheets.build_workbook(importer.layout, example=True)


# --- upload, preview, commit -----------------------------------------------------------------


def upload(kind, filename, data, *, by):
    """Check and read an uploaded file at once and keep its rows as a batch to preview (tools, tests;
    the pages read it on the job queue: `receive`, then `read_uploaded` in a job)."""
    batch = receive(kind, filename, data, by=by)
    read_uploaded(batch)
    return batch


def receive(kind, filename, data, *, by):
    """Keep an uploaded file as a batch waiting to be read, after the checks that cost nothing
    (name, size); once read, it replaces the user's earlier unconfirmed upload of the same kind."""
    importer_for(kind, by)
    if not (filename or "").lower().endswith(".xlsx"):
        raise FileRejected([_l("只接受 .xlsx 格式的 Excel 文件，请使用下载的模板。")])
    max_bytes = current_app.config["IMPORT_MAX_BYTES"]
    if len(data) > max_bytes:
        raise FileRejected([_l("文件不能超过 %(mb)s MB。", mb=xlsx._megabytes(max_bytes))])
    batch = ImportBatch(kind=kind, user_id=by.id, organisation_id=by.organisation_id, filename=(filename or "")[-200:],
                        sha256=hashlib.sha256(data).hexdigest(), content=data, rows={}, row_count=0,
                        status="uploaded", counts={})
    db.session.add(batch)
    db.session.flush()
    return batch


def read_uploaded(batch):
    """Check the uploaded workbook (zip and XML bombs, structure, IMPORT_MAX_ROWS) and keep its rows
    for the preview; raises FileRejected with every reason, leaving the batch unread."""
    importer = importer_for(batch.kind, batch.user)
    data = batch.content or b""
    try:
        xlsx.check(data, max_bytes=current_app.config["IMPORT_MAX_BYTES"])
        letters, rows = _read(importer.layout, data, current_app.config["IMPORT_MAX_ROWS"])
    except xlsx.UnsafeFile as error:
        raise FileRejected([error.message]) from None
    if not rows:
        raise FileRejected([_l("文件中没有数据行（示例行不计）。")])
    # Only a file that was read replaces the uploader's earlier unconfirmed preview of this kind.
    db.session.execute(delete(ImportBatch).where(ImportBatch.user_id == batch.user_id, ImportBatch.kind == batch.kind,
                                                 ImportBatch.status == "previewed", ImportBatch.id != batch.id))
    batch.rows, batch.row_count = {"letters": letters, "rows": rows}, len(rows)
    batch.status, batch.content = "previewed", None
    db.session.flush()
    return batch


def _read(layout, data, max_rows):
    import warnings

    workbook = xlsx.open_workbook(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sheet = sheets.data_sheet(workbook, layout)
            found, errors = sheets.read_rows(sheet, layout, max_rows=max_rows)
    except xlsx.UnsafeFile:
        raise
    except Exception:  # defusedxml's refusals, malformed XML, bad cell types …
        raise xlsx.UnsafeFile(_l("文件已损坏，无法读取。")) from None
    finally:
        workbook.close()
    file_errors = [error.message for error in errors if error.row <= 1]
    if file_errors:
        raise FileRejected(file_errors)
    formulas = {}
    for error in errors:
        formulas.setdefault(error.row, []).append(error.key)
    rows = [{"row": row.row, "cells": row.cells, "formulas": formulas.get(row.row, [])} for row in found.rows]
    return found.letters, rows


def is_expired(batch):
    return batch.created_at < utcnow() - BATCH_LIFETIME


def get_batch(batch_id, user):
    """The user's own batch, else NotFound (another user's upload is never shown)."""
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None or batch.user_id != user.id:
        raise NotFound(_l("内容不存在。"))
    return batch


def plan(batch, user):
    """Validate every stored row against the forms and the current database: the preview, and
    the check commit repeats inside its transaction."""
    importer = importer_for(batch.kind, user)
    layout = importer.layout
    letters = batch.rows.get("letters", {})
    vocabulary = sheets.Vocabulary(layout)
    form = importer.make_form()
    context = importer.context(user)
    seen, results = {}, []
    headers = {column.key: column.header for column in layout.columns}
    for stored in batch.rows.get("rows", []):
        cells = stored["cells"]
        inputs, errors = sheets.to_inputs(layout, vocabulary, cells)
        form.process(_formdata(inputs))
        form.validate()
        messages = {name: field_errors[0] for name, field_errors in form.errors.items() if name != "csrf_token"}
        messages.update(errors)
        for key in stored.get("formulas", []):
            messages[key] = _l("单元格含有公式，请改为直接填写内容。")
        result = RowResult(stored["row"], importer.label(cells))
        data = importer.data(form)
        target, identities, identity_errors = importer.resolve(cells, data, context)
        messages.update(identity_errors)
        for identity in identities:
            if identity in seen:
                key = "id" if identity[0] == "id" else ("title" if "title" in headers else identity[0])
                messages.setdefault(key, _l("与第 %(row)s 行是同一条，请合并为一行。", row=seen[identity]))
            else:
                seen[identity] = stored["row"]
        if not messages:
            result.target, result.data = target, data
            if target is None:
                result.action = "create"
            elif importer.unchanged(target, data):
                result.action = "unchanged"
            elif getattr(target, "status", "") == "archived":
                messages["id"] = _l("该条已归档，不能通过导入修改。")
            else:
                result.action = "update"
        result.errors = [RowError(letters.get(key, ""), headers.get(key, ""), message) for key, message in messages.items()]
        if result.errors:
            result.action = "error"
        results.append(result)
    return Plan(results, vocabulary)


def _formdata(inputs):
    pairs = []
    for key, value in inputs.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item))
    return MultiDict(pairs)


class RowsInvalid(DomainError):
    """Commit found errors (the data changed since the preview); nothing was written."""


def commit(batch, *, by):
    """Write every row of a previewed batch in the caller's transaction, or raise and write nothing.

    The batch is claimed first with a conditional UPDATE, so a second (or concurrent) commit of the
    same batch finds it already committed and imports nothing."""
    importer = importer_for(batch.kind, by)
    if batch.status != "previewed":
        raise Conflict(_l("该文件已经导入，不会重复导入。"))
    if is_expired(batch):
        raise Conflict(_l("预览已过期，请重新上传文件。"))
    now = utcnow()
    claimed = db.session.execute(
        update(ImportBatch).where(ImportBatch.id == batch.id, ImportBatch.status == "previewed")
        .values(status="committed", committed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise Conflict(_l("该文件已经导入，不会重复导入。"))
    result = plan(batch, by)
    if not result.ok:
        raise RowsInvalid(_l("有 %(n)s 行未通过校验，未导入任何数据。", n=len(result.error_rows)))
    for row in result.rows:
        if row.action in ("create", "update"):
            importer.apply(row, by)
    counts = {action: result.count(action) for action in ("create", "update", "unchanged")}
    batch.status, batch.committed_at = "committed", now
    batch.counts = counts
    batch.rows = {}  # the values now live in their tables; keep only the counts
    importer.finish(batch, counts, by)
    db.session.flush()
    return counts


def recent_batches(kind, user, limit=5):
    return list(db.session.scalars(
        select(ImportBatch).where(ImportBatch.user_id == user.id, ImportBatch.kind == kind, ImportBatch.status == "committed")
        .order_by(ImportBatch.committed_at.desc(), ImportBatch.id.desc()).limit(limit)
    ))
