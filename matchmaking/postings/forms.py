"""Fields both posting forms share; choices come from the reference tables at request time."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import DataRequired, Length

from ..core.forms import ListField, StrippedStringField, list_length
from ..reference.models import Cluster, District, Level
from ..reference.services import choices

DESCRIPTION_MIN, DESCRIPTION_MAX = 60, 400


class PostingForm(FlaskForm):
    title = StrippedStringField(_l("名称"), validators=[DataRequired(_l("请填写名称。")), Length(2, 120, _l("名称需为 2 到 120 个字符。"))])
    cluster_code = SelectField(_l("产业集群"), validators=[DataRequired(_l("请选择产业集群。"))])
    level_code = SelectField(_l("学历层次"), validators=[DataRequired(_l("请选择学历层次。"))])
    district_code = SelectField(_l("区县"), validators=[DataRequired(_l("请选择区县。"))])
    description = StrippedStringField(
        _l("详细介绍"),
        validators=[
            DataRequired(_l("请填写详细介绍。")),
            Length(DESCRIPTION_MIN, DESCRIPTION_MAX, _l("详细介绍需为 %(min)d 到 %(max)d 个字符。", min=DESCRIPTION_MIN, max=DESCRIPTION_MAX)),
        ],
    )
    skills = ListField(_l("技能、课程或证书"), validators=[list_length(3, 10)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        blank = str(_l("请选择"))
        self.cluster_code.choices = choices(Cluster, blank=blank)
        self.level_code.choices = choices(Level, blank=blank)
        self.district_code.choices = choices(District, blank=blank)

    def to_data(self):
        """The validated values as the service expects them."""
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}
