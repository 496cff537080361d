"""The holiday table's form and the working-day calculator (a GET form, no CSRF token)."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    StopValidation,
    ValidationError,
)

from ..core.forms import StrippedStringField, options
from ..events.forms import DateField, IntegerField
from .models import KIND_LABELS, NAME_MAX

#: The table and the calculator cover these years (a typo like 20026 is refused, not looped over).
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: The calculator's largest number of working days (about two years).
MAX_DAYS = 500
_BAD_DATE = _l("请填写有效日期。")
_CHOOSE_KIND = _l("请选择放假或调休上班。")


def _within_years(form, field):
    if field.data and not date(FIRST_YEAR, 1, 1) <= field.data <= date(LAST_YEAR, 12, 31):
        raise ValidationError(_l("日期须在 %(first)s 年至 %(last)s 年之间。", first=FIRST_YEAR, last=LAST_YEAR))


def _days_in_range(form, field):
    if field.data is None:  # not a whole number: its own message says so
        raise StopValidation()
    if not 0 <= field.data <= MAX_DAYS:
        raise ValidationError(_l("工作日数须在 0 到 %(n)s 之间。", n=MAX_DAYS))


class CalendarDayForm(FlaskForm):
    day = DateField(_l("日期"), validators=[InputRequired(_BAD_DATE), _within_years])
    kind = SelectField(_l("类型"), validate_choice=False, validators=[
        DataRequired(_CHOOSE_KIND), AnyOf(list(KIND_LABELS), message=_CHOOSE_KIND)])
    name = StrippedStringField(_l("名称（如：春节、春节调休上班）"), validators=[
        DataRequired(_l("请填写名称。")), Length(max=NAME_MAX, message=_l("名称不能超过 %(n)s 个字符。", n=NAME_MAX))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = options([("", _l("请选择"))] + [(code, _l(text)) for code, text in KIND_LABELS.items()])


class CalculatorForm(FlaskForm):
    """起始日期 + N 个工作日 → 日期. Read from the query string."""

    class Meta:
        csrf = False

    start = DateField(_l("起始日期"), validators=[InputRequired(_BAD_DATE), _within_years])
    days = IntegerField(_l("工作日数"), validators=[InputRequired(_l("请填写整数。")), _days_in_range],
                        render_kw={"min": 0, "max": MAX_DAYS, "inputmode": "numeric"})
