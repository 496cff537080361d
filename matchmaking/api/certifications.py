"""产教融合型企业 certification over the API: an enterprise applies, the reviewer whose turn it is
decides, the parties read the certification, and anyone reads the running notices.

Thin, like the pages (certification.routes): every rule, message, audit entry and notification
is certification.services'. Input is checked by its schema (api/schemas/certifications) and the
pages' ApplicationForm; the evidence PDFs arrive as Base64 inside the JSON body."""
import base64
import binascii

from flask import url_for
from flask_babel import lazy_gettext as _l

from ..certification import services
from ..certification.forms import ApplicationForm
from ..core.i18n import N_
from ..core.permissions import authorize, can
from ..extensions import db
from . import serializers
from .auth import authenticated
from .blueprint import upload
from .errors import ApiError
from .inputs import parsed, with_form
from .registry import route
from .schemas import certifications as schemas

ONE = "/certifications/<int:certification_id>"
EVIDENCE = "evidence"
APPLY_NOTES = {
    403: N_("调用方不是已通过审核的企业；权限总是先于输入检查。"),
    409: N_("企业已是市级产教融合型企业、已有办理中的申请、认定被撤销后五年内，或所在区县政府尚未开通审核账号。"),
    413: N_("请求超过网站的上传上限（MAX_UPLOAD_BYTES，默认 10 MiB）；Base64 使内容增大约三分之一。"),
    422: N_("取值被拒绝（规划字数、信用承诺、承诺人、证明材料不是 PDF、为空或过大、Base64 无效），与申请页面一致。"),
}
DECISION_NOTES = {
    403: N_("不是调用方审核的环节，或本轮已作出决定；返回规则的提示。"),
    404: N_("不存在，或调用方不在该申请的审核链中（申请企业、三个审核部门和人社局以外的人）。"),
    409: N_("该环节已退回过一次，不能再次退回。"),
    422: N_("退回时没有补正事项、不予通过时没有理由，或意见过长。"),
}


def _certification(certification):
    """The fields everyone who may see the certification reads."""
    return dict(  # noqa: C408 — keyword form, as the model's constructor reads
        id=certification.id,
        enterprise=schemas.OrganisationName(id=certification.enterprise.id, name=certification.enterprise.name),
        level=certification.level, status=certification.status, status_label=str(certification.status_label),
        round=certification.round, pending_stages=certification.pending_stages,
        submitted_at=certification.submitted_at, notice_starts_on=certification.notice_starts_on,
        notice_ends_on=certification.notice_ends_on, certificate_no=certification.certificate_no,
        effective_on=certification.effective_on,
        decisions=[schemas.CertificationDecision(
            stage=d.stage, decision=d.decision, comment=d.comment, corrections=list(d.corrections or []),
            department=schemas.OrganisationName(id=d.department.id, name=d.department.name), created_at=d.created_at)
            for d in certification.decisions],
        files=[schemas.EvidenceFile(id=f.id, name=f.name, size=f.size) for f in certification.files],
    )


def _detail(certification, user, status=200):
    """The certification as the caller may read it: objections (names, contacts) only under read_objections."""
    data = _certification(certification)
    if can(user, "certification.read_objections", certification):
        data["objections"] = [schemas.CertificationObjection(
            id=o.id, name=o.name, contact=o.contact, text=o.text, created_at=o.created_at, outcome=o.outcome,
            answer=o.answer, answered_at=o.answered_at) for o in certification.objections]
    return serializers.respond(schemas.Certification(**data), status)


def _uploads(evidence):
    """[(name, bytes)] of the evidence sent; 422 on `evidence` for content that is not Base64."""
    uploads = []
    for item in evidence:
        try:
            data = base64.b64decode("".join(item.content_base64.split()), validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(422, fields={EVIDENCE: _l("%(name)s：content_base64 不是有效的 Base64 编码。",
                                                      name=item.name)}) from None
        uploads.append((item.name, data))
    return uploads


@route("POST", "/certifications", summary=N_("申请市级产教融合型企业认定（已通过审核的企业）"), tag="certifications",
       body=schemas.CertificationInput, ok=(201, schemas.Certification), errors=(403, 409, 422), notes=APPLY_NOTES,
       description=N_("与申请页面相同：提交后由企业所在区县政府初审，再由市发展改革委和市教育体育局审核。"))
@upload
def apply_for_certification():
    user = authenticated()
    authorize(user, "certification.apply")  # before the body is read, as the service will ask
    with_form(schemas.CertificationInput, ApplicationForm)  # the page's form and its messages
    values = parsed(schemas.CertificationInput)
    certification = services.apply(user.organisation, by=user, plan=values.plan, pledge_agreed=values.pledge,
                                   pledge_signed_by=values.pledge_signed_by, uploads=_uploads(values.evidence))
    db.session.commit()
    return _detail(certification, user, 201)


@route("GET", ONE, summary=N_("一份认定申请，含审核记录和证明材料清单"), tag="certifications",
       ok=(200, schemas.Certification), errors=(404,),
       description=N_("申请企业、其审核链中的部门和人社局可以查看，其他人得到 404。异议（含联系方式）只对审核部门和人社局列出。"))
def certification_detail(certification_id):
    user = authenticated()
    return _detail(services.get(certification_id, user), user)


@route("POST", f"{ONE}/decisions", summary=N_("作出审核决定：通过、退回补正或不予通过（轮到的审核部门）"),
       tag="certifications", body=schemas.DecisionInput, ok=(200, schemas.Certification),
       errors=(403, 404, 409, 422), notes=DECISION_NOTES,
       description=N_("区县政府初审通过后，市发展改革委和市教育体育局各自审核；两家都通过即进入公示。"))
def decide_certification(certification_id):
    user = authenticated()
    certification = services.get(certification_id, user)
    authorize(user, "certification.decide", certification)  # before the body is read, as the service will ask
    values = parsed(schemas.DecisionInput)
    services.decide(certification, by=user, decision=values.decision, comment=values.comment,
                    corrections=values.corrections)
    db.session.commit()
    return _detail(certification, user)


@route("GET", "/notices", summary=N_("正在公示的产教融合型企业和近期认定结果（公开）"), tag="certifications", auth="none",
       ok=(200, schemas.NoticeList), description=N_("与 /notices 页面相同；不含异议和任何联系方式。"))
def list_notices():
    running, results = services.public_notices()
    return serializers.respond(schemas.NoticeList(
        items=[schemas.Notice(id=c.id, enterprise=c.enterprise.name, district=c.enterprise.district_code,
                              cluster=c.enterprise.cluster_code, notice_starts_on=c.notice_starts_on,
                              notice_ends_on=c.notice_ends_on,
                              url=url_for("notices.notice", certification_id=c.id)) for c in running],
        results=[schemas.NoticeResult(enterprise=c.enterprise.name, certificate_no=c.certificate_no,
                                      effective_on=c.effective_on) for c in results]))
