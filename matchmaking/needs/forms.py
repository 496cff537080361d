from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField
from wtforms.validators import DataRequired, InputRequired, NumberRange, ValidationError

from ..postings.forms import PostingForm
from ..reference.models import NeedKind
from ..reference.services import choices


class NeedForm(PostingForm):
    kind_code = SelectField(_l("需求类型"), validators=[DataRequired(_l("请选择需求类型。"))])
    headcount = IntegerField(
        _l("需求人数"),
        validators=[InputRequired(_l("请填写人数（整数）。")), NumberRange(0, 100000, _l("人数需在 0 到 100000 之间。"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind_code.choices = choices(NeedKind, blank=str(_l("请选择")))
        self.level_code.label.text = _l("最低学历要求")

    def validate_headcount(self, field):
        if field.data == 0 and self.kind_code.data != "joint_rd":
            raise ValidationError(_l("除联合研发外，需求人数至少为 1。"))
