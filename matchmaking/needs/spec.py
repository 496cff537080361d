from flask_babel import lazy_gettext as _l

from ..postings.spec import PostingSpec
from ..reference.models import NeedKind
from .forms import NeedForm
from .models import Need

NEEDS = PostingSpec(
    name="needs",
    model=Need,
    form_class=NeedForm,
    owner_kind="enterprise",
    facet_param="kind",
    facet_model=NeedKind,
    facet_clause=lambda code: Need.kind_code == code,
    extra_fields=("kind_code", "headcount"),
    noun=_l("企业需求"),
    wrong_kind_message=_l("只有企业可以发布需求。"),
    labels={"list_title": _l("企业需求"), "facet": _l("需求类型"), "new": _l("发布企业需求")},
)
