"""Forms for events, registrations, meeting requests, check-in and outcomes."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from ..core.forms import MultiCheckboxField, StrippedStringField, options
from ..core.i18n import label
from ..reference.models import Cluster
from ..reference.services import all_of
from .models import OUTCOME_LABELS, PRIORITY_LABELS
from .slots import event_slots

_REQUIRED = _l("此项必填。")


def _chinese_parse_error(field_class, message):
    """A field whose 'cannot parse' error is our own translated message (WTForms' is English)."""

    class Field(field_class):
        def process_formdata(self, valuelist):
            try:
                super().process_formdata(valuelist)
            except ValueError:
                raise ValueError(str(message)) from None

    Field.__name__ = field_class.__name__
    return Field


IntegerField = _chinese_parse_error(IntegerField, _l("请填写整数。"))
DateField = _chinese_parse_error(DateField, _l("请填写有效日期。"))
TimeField = _chinese_parse_error(TimeField, _l("请填写有效时间。"))


class EventForm(FlaskForm):
    title = StrippedStringField(_l("活动名称"), validators=[DataRequired(_REQUIRED), Length(max=120)])
    description = TextAreaField(_l("活动介绍"), validators=[Length(max=5000)])
    cluster_codes = MultiCheckboxField(_l("聚焦产业集群"), validators=[DataRequired(_l("请至少选择一个产业集群。"))])
    venue = StrippedStringField(_l("地点"), validators=[DataRequired(_REQUIRED), Length(max=200)])
    date = DateField(_l("活动日期"), validators=[InputRequired(_l("请填写有效日期。"))])
    start_time = TimeField(_l("开始时间"), validators=[InputRequired(_l("请填写有效时间。"))])
    end_time = TimeField(_l("结束时间"), validators=[InputRequired(_l("请填写有效时间。"))])
    meeting_minutes = IntegerField(_l("每场洽谈时长（分钟）"), validators=[
        InputRequired(_l("请填写整数。")), NumberRange(5, 240, _l("请填写 5 到 240 之间的整数。"))])
    break_start = TimeField(_l("休息开始（如午休，可不填）"), validators=[Optional()])
    break_end = TimeField(_l("休息结束"), validators=[Optional()])
    tables = IntegerField(_l("洽谈桌数量"), validators=[InputRequired(_l("请填写整数。")), NumberRange(1, 200, _l("请填写 1 到 200 之间的整数。"))])
    registration_opens = DateField(_l("报名开始日期"), validators=[InputRequired(_l("请填写有效日期。"))])
    registration_closes = DateField(_l("报名截止日期"), validators=[InputRequired(_l("请填写有效日期。"))])
    capacity_per_side = IntegerField(_l("每方名额（学校、企业各）"), validators=[
        InputRequired(_l("请填写整数。")), NumberRange(1, 1000, _l("请填写 1 到 1000 之间的整数。"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cluster_codes.choices = options((c.code, label(c)) for c in all_of(Cluster))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if bool(self.break_start.data) != bool(self.break_end.data):
            self.break_end.errors = list(self.break_end.errors) + [_l("请同时填写休息开始和结束时间。")]
            ok = False
        return ok

    def to_data(self):
        """The form as the service's plain data."""
        data = {name: getattr(self, name).data for name in (
            "title", "description", "cluster_codes", "venue", "date", "start_time", "end_time", "meeting_minutes",
            "tables", "registration_opens", "registration_closes", "capacity_per_side")}
        data["description"] = (data["description"] or "").strip()
        data["breaks"] = [[self.break_start.data.strftime("%H:%M"), self.break_end.data.strftime("%H:%M")]] \
            if self.break_start.data and self.break_end.data else []
        return data

    @classmethod
    def for_event(cls, event):
        form = cls(obj=event, formdata=None)
        if event.breaks:
            from .slots import parse_hhmm

            form.break_start.data, form.break_end.data = parse_hhmm(event.breaks[0][0]), parse_hhmm(event.breaks[0][1])
        return form


class RegistrationForm(FlaskForm):
    attendees = TextAreaField(_l("参会人员（姓名、职务，每行一位）"), validators=[
        DataRequired(_l("请填写参会人员。")), Length(max=2000)])
    unavailable = MultiCheckboxField(_l("不能参加的时段"), coerce=int, validate_choice=False)


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("驳回原因"), validators=[DataRequired(_l("请填写驳回原因。")), Length(max=500)])


class RequestForm(FlaskForm):
    target_id = HiddenField(validators=[InputRequired()])
    priority = SelectField(_l("优先级"), choices=options((k, PRIORITY_LABELS[k]) for k in ("must", "want", "nice")), default="want")
    message = StringField(_l("留言"), validators=[Length(max=500)])


class BureauMeetingForm(FlaskForm):
    school_id = SelectField(_l("学校"), coerce=int, validators=[InputRequired(_l("请选择学校。"))])
    enterprise_id = SelectField(_l("企业"), coerce=int, validators=[InputRequired(_l("请选择企业。"))])


class CheckinForm(FlaskForm):
    code = StrippedStringField(_l("签到码"), validators=[DataRequired(_l("请输入或扫描签到码。")), Length(max=40)])


class RemoveSlotForm(FlaskForm):
    slot = SelectField(_l("取消的时段"), coerce=int, validators=[InputRequired()])


class OutcomeForm(FlaskForm):
    outcome = RadioField(_l("洽谈结果"), choices=options(OUTCOME_LABELS.items()),
                         validators=[InputRequired(_l("请选择洽谈结果。"))])
    own_item_id = SelectField(_l("本方的对接内容"), coerce=int, validators=[Optional()], validate_choice=False)
    counterpart_item_id = SelectField(_l("对方的对接内容"), coerce=int, validators=[Optional()], validate_choice=False)
    message = StringField(_l("留言"), validators=[Length(max=500)])


def slot_choices(event, *, include_removed=False):
    """The event's time slots as select/checkbox choices ("09:00–09:20")."""
    return options((s.number, f"{s.start:%H:%M}–{s.end:%H:%M}") for s in event_slots(event, include_removed=include_removed))
