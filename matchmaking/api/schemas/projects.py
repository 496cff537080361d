"""Cooperation projects: the lifecycle step, follow-ups, milestones, the closing summary and
the agreement file (checked by the pages' SignForm, TerminateForm, FollowUpForm, MilestoneForm
and SummaryForm), and the project as a party or the bureau reads it."""
from pydantic import BaseModel, ConfigDict, Field

from ...core.i18n import N_
from ...projects import lifecycle
from ...projects.forms import (
    FollowUpForm,
    MilestoneForm,
    SignForm,
    SummaryForm,
    TerminateForm,
)
from ...projects.models import STATUSES
from .common import Outcomes, Page, Paging
from .fields import (
    DateText,
    Day,
    Input,
    Integer,
    Output,
    Timestamp,
    from_form,
    one_of,
)

#: Target state → lifecycle action ("completed" goes through summary and confirmation, not here).
ACTIONS = {target: action for action, (_, target) in lifecycle.TRANSITIONS.items() if action != "complete"}
#: The multipart field of the agreement file, named as on the page's form.
AGREEMENT_FIELD = "agreement_file"
#: The agreement file as downloaded: the type it was checked to be on upload.
AGREEMENT_TYPES = ("application/pdf", "image/png", "image/jpeg")


class TransitionInput(Input):
    to: one_of(ACTIONS)
    agreement_date: from_form(SignForm, "agreement_date", DateText, description=N_("签约时必填。")) = None
    reason: from_form(TerminateForm, "reason", optional=True, description=N_("终止时必填。")) = None


class FollowUpInput(Input):
    date: from_form(FollowUpForm, "date", DateText, description=N_("YYYY-MM-DD，不晚于今天"))
    content: from_form(FollowUpForm, "content")
    students_placed: from_form(FollowUpForm, "students_placed", Integer) = 0
    apprentices_enrolled: from_form(FollowUpForm, "apprentices_enrolled", Integer) = 0
    employees_trained: from_form(FollowUpForm, "employees_trained", Integer) = 0
    rd_results: from_form(FollowUpForm, "rd_results") = ""


class MilestoneInput(Input):
    title: from_form(MilestoneForm, "title")
    due_date: from_form(MilestoneForm, "due_date", DateText, description="YYYY-MM-DD")


class SummaryInput(Input):
    summary: from_form(SummaryForm, "summary")


class AgreementUpload(BaseModel):
    """multipart/form-data; other parts are ignored."""

    model_config = ConfigDict(extra="allow")
    agreement_file: bytes = Field(description=N_("PDF、PNG 或 JPG，按内容检查；不超过 5 MiB。"))


class FollowUp(Output):
    id: int
    project_id: int
    organisation_id: int
    date: Day
    content: str
    students_placed: int
    apprentices_enrolled: int
    employees_trained: int
    rd_results: str
    created_at: Timestamp


class Milestone(Output):
    id: int
    project_id: int
    title: str
    due_date: Day
    done_at: Timestamp | None
    created_at: Timestamp


class MilestoneList(Output):
    items: list[Milestone]


class AgreementFile(Output):
    name: str
    mime: str


class Project(Output):
    id: int
    title: str
    status: one_of(STATUSES)
    type: str
    cluster: str
    district: str
    pairing_id: int
    need_id: int
    programme_id: int
    school_id: int
    school: str
    enterprise_id: int
    enterprise: str
    planned_students: int
    planned_apprentices: int
    planned_trainees: int
    duration_months: int
    agreement_date: Day | None
    termination_reason: str
    created_at: Timestamp
    last_activity_at: Timestamp
    closed_at: Timestamp | None
    transitions: list[one_of(ACTIONS)] = Field(
        description=N_("从当前状态可以到达的状态（已完成须经页面上的总结和确认）。"))
    # Detail only:
    totals: Outcomes = None
    follow_ups: list[FollowUp] = None
    milestones: list[Milestone] = None
    school_summary: str = Field(None, description=N_("学校的项目总结；提交前为空。"))
    enterprise_confirmed_at: Timestamp | None = None
    agreement: AgreementFile | None = Field(None, description=N_("协议文件，可在 /projects/{project_id}/agreement 下载。"))


class ProjectPage(Page):
    items: list[Project]


class ProjectQuery(Paging):
    status: one_of(STATUSES) | None = None
