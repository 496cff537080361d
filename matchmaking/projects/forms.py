from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from ..reference.models import Mode
from ..reference.services import choices

_count = [Optional(), NumberRange(0, 100000, _l("请填写 0 到 100000 之间的整数。"))]


class PlanForm(FlaskForm):
    type_code = SelectField(_l("项目类型"), validators=[DataRequired()])
    planned_students = IntegerField(_l("计划培养/安置学生数"), validators=[InputRequired(_l("请填写整数。")), NumberRange(0, 100000)])
    planned_apprentices = IntegerField(_l("计划学徒数"), validators=[InputRequired(_l("请填写整数。")), NumberRange(0, 100000)])
    planned_trainees = IntegerField(_l("计划培训职工数"), validators=[InputRequired(_l("请填写整数。")), NumberRange(0, 100000)])
    duration_months = IntegerField(_l("计划周期（月）"), validators=[InputRequired(_l("请填写整数。")), NumberRange(0, 120)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type_code.choices = choices(Mode)


class SignForm(FlaskForm):
    agreement_date = DateField(_l("签约日期"), validators=[InputRequired(_l("请填写签约日期。"))])
    agreement_file = FileField(_l("合作协议（PDF 或图片，可选）"))


class AgreementForm(FlaskForm):
    agreement_file = FileField(_l("合作协议（PDF 或图片）"))


class TerminateForm(FlaskForm):
    reason = TextAreaField(_l("终止原因"), validators=[DataRequired(_l("请填写终止原因。")), Length(max=500)])


class SummaryForm(FlaskForm):
    summary = TextAreaField(_l("项目总结"), validators=[DataRequired(_l("请填写项目总结。")), Length(20, 5000, _l("总结需为 20 到 5000 字。"))])


class FollowUpForm(FlaskForm):
    date = DateField(_l("日期"), validators=[InputRequired(_l("请填写日期。"))])
    content = TextAreaField(_l("跟踪内容"), validators=[DataRequired(_l("请填写跟踪内容。")), Length(5, 2000, _l("内容需为 5 到 2000 字。"))])
    students_placed = IntegerField(_l("已安置学生数"), validators=_count, default=0)
    apprentices_enrolled = IntegerField(_l("已招收学徒数"), validators=_count, default=0)
    employees_trained = IntegerField(_l("已培训职工数"), validators=_count, default=0)
    rd_results = StringField(_l("研发成果（专利、论文等）"), validators=[Length(max=500)])


class MilestoneForm(FlaskForm):
    title = StringField(_l("里程碑"), validators=[DataRequired(_l("请填写里程碑名称。")), Length(max=200)])
    due_date = DateField(_l("截止日期"), validators=[InputRequired(_l("请填写截止日期。"))])


class NoteForm(FlaskForm):
    note = TextAreaField(_l("人社局备注"), validators=[Length(max=2000)])
