"""Plan records: entry, submission, review. Schools enter their own records and submit them; the bureau
enters records directly (approved at once) and approves or rejects what schools submit. Every bureau
action is written to the audit log; the caller commits."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..audit.services import record as audit
from ..core.errors import Conflict, DomainError, Forbidden, NotFound
from ..core.timeutil import utcnow
from ..extensions import db
from ..organisations.models import Organisation
from ..projects.files import check_pdf, store
from .models import PlanRecord

EDITABLE_FIELDS = ("kind", "name", "level", "recognised_on", "cluster_code", "teachers_total", "dual_qualified",
                   "evidence", "evidence_url")


def can_enter(user):
    return user.is_bureau or user.is_school


def records_query(user, *, status="", kind=""):
    """The records this user may see: the bureau everything but schools' drafts, a school its own."""
    query = select(PlanRecord)
    if user.is_bureau:
        query = query.where(PlanRecord.status != "draft")
    else:
        query = query.where(PlanRecord.organisation_id == user.organisation_id)
    if status:
        query = query.where(PlanRecord.status == status)
    if kind:
        query = query.where(PlanRecord.kind == kind)
    return query.order_by(PlanRecord.updated_at.desc(), PlanRecord.id.desc())


def load(record_id, user):
    """The record if this user may see it; otherwise NotFound (we never say which)."""
    record = db.session.get(PlanRecord, record_id)
    if record is None or not can_enter(user):
        raise NotFound(_l("记录不存在，或您无权查看。"))
    if user.is_bureau and record.status == "draft":
        raise NotFound(_l("记录不存在，或您无权查看。"))
    if not user.is_bureau and record.organisation_id != user.organisation_id:
        raise NotFound(_l("记录不存在，或您无权查看。"))
    return record


def _apply(record, data):
    for key in EDITABLE_FIELDS:
        if key in data:
            setattr(record, key, data[key])
    record.cluster_code = record.cluster_code or None
    record.evidence_url = record.evidence_url or ""
    if record.kind != "dual_qualified":
        record.teachers_total = record.dual_qualified = None


def _holder(organisation_id):
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind not in ("school", "enterprise") or not organisation.is_verified:
        raise DomainError(_l("请选择已认证的学校或企业。"), field="organisation_id")
    return organisation


def create(data, *, by):
    """A school's record starts as a draft; the bureau's record counts at once (approved)."""
    if not can_enter(by):
        raise Forbidden(_l("只有学校和人社局可以填报认定记录。"))
    record = PlanRecord(created_by_id=by.id)
    _apply(record, data)
    if by.is_bureau:
        record.organisation = _holder(data.get("organisation_id"))
        record.status, record.reviewed_by_id, record.reviewed_at = "approved", by.id, utcnow()
    else:
        record.organisation_id, record.status = by.organisation_id, "draft"
    db.session.add(record)
    db.session.flush()
    if by.is_bureau:
        audit("plan_record.create", user=by, obj=record, detail=f"{record.kind} {record.name}")
    return record


def update(record, data, *, by):
    if by.is_bureau:
        if "organisation_id" in data:
            record.organisation = _holder(data["organisation_id"])
        _apply(record, data)
        audit("plan_record.update", user=by, obj=record, detail=f"{record.kind} {record.name}")
        return record
    if record.organisation_id != by.organisation_id:
        raise NotFound(_l("记录不存在，或您无权查看。"))
    if not record.is_editable:
        raise Conflict(_l("已提交或已通过的记录不能修改。"))
    _apply(record, data)
    return record


def submit(record, *, by):
    if by.is_bureau or record.organisation_id != by.organisation_id:
        raise Forbidden(_l("只有填报学校可以提交审核。"))
    if not record.is_editable:
        raise Conflict(_l("该记录已提交，请勿重复提交。"))
    record.status, record.submitted_at, record.rejection_reason = "submitted", utcnow(), ""
    return record


def _review(record, by):
    if not by.is_bureau:
        raise Forbidden(_l("只有人社局可以审核认定记录。"))
    if record.status != "submitted":
        raise Conflict(_l("该记录不在待审核状态。"))
    record.reviewed_by_id, record.reviewed_at = by.id, utcnow()


def approve(record, *, by):
    _review(record, by)
    record.status, record.rejection_reason = "approved", ""
    audit("plan_record.approve", user=by, obj=record, detail=f"{record.kind} {record.name}")
    return record


def reject(record, reason, *, by):
    _review(record, by)
    reason = (reason or "").strip()[:500]
    if not reason:
        raise DomainError(_l("请填写驳回原因。"), field="reason")
    record.status, record.rejection_reason = "rejected", reason
    audit("plan_record.reject", user=by, obj=record, detail=reason[:200])
    return record


# --- the optional evidence PDF (same checks as project agreements: extension, size, content) ----------


def check_evidence(filename, data):
    check_pdf(filename, data, field="evidence_file", what=_l("佐证材料"))


def attach_evidence(record, filename, data, *, by):
    check_evidence(filename, data)
    if not by.is_bureau and not record.is_editable:
        raise Conflict(_l("已提交或已通过的记录不能修改。"))
    # Stored with the project agreements (outside the web root), named after the record.
    relative = store(f"plan-record-{record.id}", ".pdf", data)
    record.evidence_path, record.evidence_name = relative, (filename or "evidence.pdf")[-200:]
    if by.is_bureau:
        audit("plan_record.evidence", user=by, obj=record, detail=record.evidence_name)
