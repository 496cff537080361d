from flask_babel import lazy_gettext as _l

from ..postings.spec import PostingSpec
from ..reference.models import Mode
from .forms import ProgrammeForm
from .models import Programme

PROGRAMMES = PostingSpec(
    name="programmes",
    model=Programme,
    form_class=ProgrammeForm,
    owner_kind="school",
    facet_param="mode",
    facet_model=Mode,
    facet_clause=lambda code: Programme.modes.any(Mode.code == code),
    extra_fields=("capacity",),
    extra_inputs=("mode_codes",),
    noun=_l("培训项目"),
    wrong_kind_message=_l("只有学校可以发布培训项目。"),
    labels={"list_title": _l("院校培训项目"), "facet": _l("合作方式"), "new": _l("发布培训项目")},
)
