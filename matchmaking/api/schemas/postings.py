"""Programmes and needs: the input the pages' ProgrammeForm and NeedForm check, the items
as FORMAT.md names their fields (exchange.services) plus their state, lists and suggestions."""
from typing import Annotated, ClassVar

from pydantic import Field

from ...core.i18n import N_
from ...needs.forms import NeedForm
from ...postings.forms import PostingForm
from ...postings.models import STATUSES
from ...postings.queries import SORTS
from ...programmes.forms import ProgrammeForm
from ...reference.models import Cluster, District, Level, Mode, NeedKind
from .common import Page, Paging, Query
from .fields import (
    Codes,
    FormField,
    Input,
    Integer,
    Output,
    Text,
    Timestamp,
    from_form,
    one_of,
)

#: Fields a client may send back unchanged from a GET; they are never written.
READ_ONLY = ("id", "external_ref", "organisation_id", "status", "published_at", "updated_at", "school", "enterprise")
SKILLS_NOTE = N_("各项会再按 、，,;； 和换行拆分并去重，与页面一致。")


class _PostingInput(Input):
    ignored: ClassVar[tuple] = READ_ONLY

    title: from_form(PostingForm, "title")
    cluster: from_form(PostingForm, "cluster_code", codes=Cluster)
    level: from_form(PostingForm, "level_code", codes=Level)
    district: from_form(PostingForm, "district_code", codes=District)
    description: from_form(PostingForm, "description")
    skills: from_form(PostingForm, "skills", list, description=SKILLS_NOTE)


class ProgrammeInput(_PostingInput):
    capacity: from_form(ProgrammeForm, "capacity", Integer)
    # ProgrammeForm.validate_mode_codes asks for at least one mode.
    modes: Annotated[list[Annotated[Text, Codes(Mode)]], Field(min_length=1), FormField("mode_codes")]


class NeedInput(_PostingInput):
    kind: from_form(NeedForm, "kind_code", codes=NeedKind)
    headcount: from_form(NeedForm, "headcount", Integer, description=N_("除联合研发（joint_rd）外至少为 1。"))


class _Posting(Output):
    id: int
    external_ref: str | None
    organisation_id: int
    status: one_of(STATUSES)
    published_at: Timestamp | None
    updated_at: Timestamp
    title: str
    cluster: str = Field(description=N_("代码；人社局停用的代码可能仍留在旧内容上。"))
    level: str
    district: str
    description: str
    skills: list[str]


class Programme(_Posting):
    school: str
    capacity: int
    modes: list[str]


class Need(_Posting):
    enterprise: str
    kind: str
    headcount: int


class ProgrammePage(Page):
    items: list[Programme]


class NeedPage(Page):
    items: list[Need]


class _Suggestion(Output):
    score: float
    reasons: list[str]


class ProgrammeSuggestion(_Suggestion):
    programme: Programme


class NeedSuggestion(_Suggestion):
    need: Need


class ProgrammeSuggestions(Output):
    items: list[ProgrammeSuggestion]


class NeedSuggestions(Output):
    items: list[NeedSuggestion]


class _Search(Paging):
    cluster: str = Field("", description=N_("产业集群代码；未知代码会被忽略，与页面一致。"))
    level: str = Field("", description=N_("学历层次代码；未知代码会被忽略。"))
    district: str = Field("", description=N_("区县；未知值会被忽略。"))
    q: str = Field("", description=N_("在名称、技能、介绍和机构名称中查找的关键词；只取前 100 个字符。"))
    sort: one_of(SORTS) = "newest"


class ProgrammeSearch(_Search):
    mode: str = Field("", description=N_("合作方式代码；未知代码会被忽略。"))


class NeedSearch(_Search):
    kind: str = Field("", description=N_("需求类型代码；未知代码会被忽略。"))


#: Largest number of suggestions a request may ask for.
MAX_TOP = 50


class SuggestionQuery(Query):
    top: int = Field(10, ge=1, le=MAX_TOP)
