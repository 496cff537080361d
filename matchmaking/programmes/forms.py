from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from ..core.forms import MultiCheckboxField
from ..postings.forms import PostingForm
from ..reference.models import Mode
from ..reference.services import choices


class ProgrammeForm(PostingForm):
    capacity = IntegerField(
        _l("每年可提供名额"),
        validators=[InputRequired(_l("请填写名额（整数）。")), NumberRange(1, 100000, _l("名额需在 1 到 100000 之间。"))],
    )
    mode_codes = MultiCheckboxField(_l("合作方式"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode_codes.choices = choices(Mode)

    def validate_mode_codes(self, field):
        from wtforms.validators import ValidationError

        if not field.data:
            raise ValidationError(_l("请至少选择一种合作方式。"))
