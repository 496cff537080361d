"""What every part of the API shares: the error body, paging, the caller, tokens and the public figures."""
from pydantic import BaseModel, ConfigDict, Field

from ...core.i18n import N_
from ...organisations.models import KINDS as ORGANISATION_KINDS
from ...pairings.models import STATUSES as PAIRING_STATUSES
from ...projects.models import STATUSES as PROJECT_STATUSES
from .fields import Count, Input, Number, Output, Text, Timestamp, one_of

#: Largest page a list answers, and the highest page number accepted.
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
#: Per-page default when the query does not say (the PER_PAGE setting; the document shows the setting's value).
DEFAULT_PER_PAGE = 20
OUTCOMES = ("students_placed", "apprentices_enrolled", "employees_trained")


class Query(BaseModel):
    """Query parameters: text from the URL; unknown parameters are ignored (documented)."""

    model_config = ConfigDict(extra="ignore")


class Paging(Query):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE)


class ErrorDetail(Output):
    code: int = Field(description=N_("HTTP 状态码，重复一遍。"))
    message: str = Field(description=N_("使用请求的语言。"))
    fields: dict[str, str] = Field(description=N_("字段名 → 提示。"))


class Error(Output):
    error: ErrorDetail


class Page(Output):
    items: list
    page: int = Field(ge=1)
    per_page: int = Field(ge=1)
    total: Count


class Items(Output):
    """A short list that is never paged."""

    items: list


class TokenInput(Input):
    email: Text
    password: Text


class OrganisationRef(Output):
    id: int
    name: str
    kind: one_of(ORGANISATION_KINDS)
    status: str


class User(Output):
    id: int
    email: str
    name: str
    organisation: OrganisationRef


class Token(Output):
    token: str
    expires_at: Timestamp
    user: User


class SideCounts(Output):
    schools: Count
    enterprises: Count


class Outcomes(Output):
    students_placed: Count
    apprentices_enrolled: Count
    employees_trained: Count


class PlanTarget(Output):
    code: str
    label: str
    target: Number
    unit: str
    value: Number | None = Field(description=N_("比例类指标暂无可计算的数据时为 null。"))
    progress: Number


def _by_status(name, statuses):
    return type(name, (Output,), {"__annotations__": {s: Count for s in statuses}, "__module__": __name__})


PairingCounts = _by_status("PairingCounts", PAIRING_STATUSES)
ProjectCounts = _by_status("ProjectCounts", PROJECT_STATUSES)


class Stats(Output):
    organisations: SideCounts
    programmes: Count
    needs: Count
    pairings: PairingCounts
    projects: ProjectCounts
    outcomes: Outcomes
    plan_targets: list[PlanTarget] = Field(description=N_("对照实施方案 2025 年目标的进展。"))
