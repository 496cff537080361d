from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange


class ReferenceLabelForm(FlaskForm):
    name_zh = StringField(_l("中文名称"), validators=[DataRequired(_l("请填写中文名称。")), Length(max=80)])
    name_en = StringField(_l("英文名称"), validators=[Length(max=120)])
    sort = IntegerField(_l("排序"), validators=[NumberRange(0, 9999, _l("排序需在 0 到 9999 之间。"))])


class PlanTargetForm(ReferenceLabelForm):
    figure = IntegerField(_l("目标值"), validators=[NumberRange(0, 1_000_000, _l("目标值需为非负整数。"))])
