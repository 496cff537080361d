"""The bureau's policy form. Every field is checked here for its message; the service checks
the rules again whatever the caller."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional, ValidationError

from ..core.forms import ListField, StrippedStringField, list_length, options
from ..events.forms import DateField
from .models import CATEGORIES

_REQUIRED = _l("此项必填。")
_BAD_DATE = _l("请填写有效日期。")
_CHOOSE_CATEGORY = _l("请选择政策类别。")
BODY_MAX = 20000


def _at_most(n):
    return Length(max=n, message=_l("不能超过 %(n)s 个字符。", n=n))


class PolicyForm(FlaskForm):
    title = StrippedStringField(_l("政策标题"), validators=[DataRequired(_REQUIRED), _at_most(200)])
    category = SelectField(_l("政策类别"), validate_choice=False, validators=[
        DataRequired(_CHOOSE_CATEGORY), AnyOf(list(CATEGORIES), message=_CHOOSE_CATEGORY)])
    effective_from = DateField(_l("生效日期"), validators=[InputRequired(_BAD_DATE)])
    effective_until = DateField(_l("截止日期（长期有效可不填）"), validators=[Optional()])
    lead_unit = StrippedStringField(_l("牵头单位"), validators=[DataRequired(_REQUIRED), _at_most(120)])
    responsible_units = ListField(_l("责任单位（以顿号或换行分隔）"), validators=[list_length(0, 20, 60)])
    source_document = StrippedStringField(_l("政策依据（文件名称）"), validators=[DataRequired(_REQUIRED), _at_most(200)])
    body = TextAreaField(_l("政策内容"), validators=[
        DataRequired(_REQUIRED), _at_most(BODY_MAX)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = options([("", gettext("请选择"))] + [(code, gettext(name)) for code, name in CATEGORIES.items()])

    def validate_effective_until(self, field):
        if field.data and self.effective_from.data and field.data < self.effective_from.data:
            raise ValidationError(_l("截止日期不能早于生效日期。"))

    def to_data(self):
        """The form as the service's plain data."""
        return {name: getattr(self, name).data for name in (
            "title", "body", "category", "effective_from", "effective_until", "lead_unit", "responsible_units",
            "source_document")}
