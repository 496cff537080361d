"""产教融合型企业 certification: the enterprise's application (checked by the pages' ApplicationForm),
a reviewer's decision (DecisionForm), the certification as its applicant, reviewers and the bureau
read it, and the public notice list. The rules behind every value live in certification.services."""
from typing import Annotated

from pydantic import Field

from ...certification.forms import ApplicationForm, DecisionForm
from ...certification.models import DECISIONS, LEVELS, OUTCOMES, STAGES, STATUSES
from ...core.i18n import N_
from .fields import (
    Day,
    FormField,
    Input,
    Output,
    Text,
    Timestamp,
    choices_of,
    from_form,
    one_of,
)


class EvidenceInput(Input):
    name: Annotated[Text, Field(min_length=1, description=N_("文件名，须以 .pdf 结尾。"))]
    content_base64: Annotated[Text, Field(description=N_("文件内容的 Base64 编码（RFC 4648，可含换行）。"))]


class CertificationInput(Input):
    plan: from_form(ApplicationForm, "plan", description=N_("三年合作规划。"))
    pledge: Annotated[bool, Field(description=N_("须为 true：代表企业签署信用承诺（承诺文本见申请页面）。"))] = False
    pledge_signed_by: from_form(ApplicationForm, "pledge_signed_by", description=N_("承诺人（法定代表人或授权人）姓名。"))
    evidence: list[EvidenceInput] = Field(
        default_factory=list, description=N_("证明材料：至少一份 PDF，按内容检查；份数和每份大小的上限与申请页面相同。"))


class DecisionInput(Input):
    decision: Annotated[one_of(choices_of(DecisionForm, "decision")), FormField("decision", DecisionForm)]
    comment: from_form(DecisionForm, "comment", description=N_("意见说明；不予通过时必填。")) = ""
    corrections: list[Text] = Field(
        default_factory=list, description=N_("退回补正时必填：一次性逐条列出需要补正的全部事项（每个环节只能退回一次）。"))


class OrganisationName(Output):
    id: int
    name: str


class CertificationDecision(Output):
    stage: one_of(STAGES)
    decision: one_of(DECISIONS)
    comment: str
    corrections: list[str]
    department: OrganisationName
    created_at: Timestamp


class EvidenceFile(Output):
    id: int
    name: str
    size: int = Field(ge=0, description=N_("字节数。"))


class CertificationObjection(Output):
    id: int
    name: str
    contact: str
    text: str
    created_at: Timestamp
    outcome: one_of(OUTCOMES) | None
    answer: str
    answered_at: Timestamp | None


class Certification(Output):
    id: int
    enterprise: OrganisationName
    level: one_of(LEVELS)
    status: one_of(STATUSES)
    status_label: str
    round: int = Field(ge=1, description=N_("审核轮次：每次补正后重新提交加一。"))
    pending_stages: list[one_of(STAGES)] = Field(description=N_("正在等待其决定的环节（不在审核中时为空）。"))
    submitted_at: Timestamp | None
    notice_starts_on: Day | None
    notice_ends_on: Day | None
    certificate_no: str | None
    effective_on: Day | None
    decisions: list[CertificationDecision]
    files: list[EvidenceFile] = Field(description=N_("证明材料（不含内容）。"))
    objections: list[CertificationObjection] = Field(
        None, description=N_("公示期间的异议，含异议人的姓名和联系方式：只有审核部门和人社局看得到，申请企业看不到。"))


class Notice(Output):
    id: int
    enterprise: str
    district: str | None
    cluster: str | None
    notice_starts_on: Day
    notice_ends_on: Day
    url: str = Field(description=N_("公示页面（可在此提出异议）。"))


class NoticeResult(Output):
    enterprise: str
    certificate_no: str
    effective_on: Day


class NoticeList(Output):
    items: list[Notice] = Field(description=N_("正在公示的企业，最新的在前。"))
    results: list[NoticeResult] = Field(description=N_("近期生效的市级认定。"))
