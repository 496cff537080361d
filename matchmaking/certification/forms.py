"""Forms of the certification pages; the services validate again (the API uses them directly)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..core.forms import StrippedStringField, options
from . import services
from .models import DECISION_LABELS, OUTCOME_LABELS

#: The 信用承诺 the applicant signs (its wording is part of the application).
PLEDGE_TEXT = _l("本企业承诺：申请材料及平台所载合作信息真实、准确、完整，无弄虚作假；"
                 "近三年无严重失信行为和重大安全、环保、质量事故；如有不实，自愿接受撤销认定、"
                 "五年内不得重新申请并依法依规承担相应责任。")


class ApplicationForm(FlaskForm):
    plan = TextAreaField(_l("三年合作规划"), validators=[
        DataRequired(_l("请填写三年合作规划。")),
        Length(services.PLAN_MIN, services.PLAN_MAX, _l("三年合作规划需为 %(min)d 到 %(max)d 个字。"))])
    evidence = MultipleFileField(_l("证明材料（PDF，可多选）"))
    pledge = BooleanField(_l("我已阅读并代表本企业签署上述信用承诺"))
    pledge_signed_by = StrippedStringField(_l("承诺人（法定代表人或授权人）姓名"), validators=[
        DataRequired(_l("请填写承诺人姓名。")), Length(max=40)])

    def uploads(self):
        """[(filename, bytes)] of the chosen files (empty file inputs are skipped)."""
        return [(upload.filename, upload.read()) for upload in (self.evidence.data or [])
                if upload and getattr(upload, "filename", "")]


class DecisionForm(FlaskForm):
    decision = RadioField(_l("审核意见"), choices=options(list(DECISION_LABELS.items())),
                          validators=[InputRequired(_l("请选择审核意见。"))])
    comment = TextAreaField(_l("意见说明"), validators=[Length(max=services.COMMENT_MAX)])
    corrections = TextAreaField(_l("补正事项（退回时填写，一行一项，一次性告知）"), validators=[Optional(), Length(max=6000)])

    def correction_list(self):
        return [line.strip() for line in (self.corrections.data or "").splitlines() if line.strip()]


class ObjectionForm(FlaskForm):
    name = StrippedStringField(_l("姓名或单位"), validators=[DataRequired(_l("请填写姓名或单位名称。")), Length(max=40)])
    contact = StrippedStringField(_l("联系方式（手机或邮箱）"), validators=[DataRequired(_l("请填写联系方式。")), Length(max=120)])
    text = TextAreaField(_l("异议内容及事实依据"), validators=[
        DataRequired(_l("请填写异议内容。")), Length(10, 2000, _l("异议内容需为 %(min)d 到 %(max)d 个字。"))])


class AnswerForm(FlaskForm):
    outcome = RadioField(_l("核查结论"), choices=options(list(OUTCOME_LABELS.items())),
                         validators=[InputRequired(_l("请选择异议是否成立。"))])
    answer = TextAreaField(_l("答复"), validators=[
        DataRequired(_l("请填写答复。")), Length(5, 2000, _l("答复需为 %(min)d 到 %(max)d 个字。"))])


class RecordForm(FlaskForm):
    """A certification checked against its document: the document number and the date."""

    document_no = StrippedStringField(_l("认定文件文号"), validators=[DataRequired(_l("请填写文号。")), Length(max=60)])
    effective_on = DateField(_l("认定日期"), validators=[InputRequired(_l("请填写认定日期，格式 2026-06-30。"))])


class ProvincialForm(RecordForm):
    enterprise_id = SelectField(_l("企业"), validators=[DataRequired(_l("请选择企业。"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enterprise_id.choices = options([("", _l("请选择"))] + [
            (str(e.id), e.name) for e in services.enterprises_for_provincial()])


class RevokeForm(FlaskForm):
    reason = TextAreaField(_l("撤销原因"), validators=[
        DataRequired(_l("请填写撤销原因。")), Length(5, 1000, _l("撤销原因需为 %(min)d 到 %(max)d 个字。"))])


class AnnualReportForm(FlaskForm):
    year = SelectField(_l("报告年度"), coerce=int, validators=[InputRequired(_l("请选择年度。"))])
    narrative = TextAreaField(_l("年度合作情况"), validators=[
        DataRequired(_l("请填写年度合作情况。")),
        Length(services.NARRATIVE_MIN, services.NARRATIVE_MAX, _l("年度合作情况需为 %(min)d 到 %(max)d 个字。"))])
    investment_yuan = IntegerField(_l("年度投入（元）"), validators=[
        InputRequired(_l("请填写年度投入金额（整数，单位元）。")),
        NumberRange(0, services.INVESTMENT_MAX, _l("请填写 0 到 1000 亿之间的整数（元）。"))])

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.year.choices = [(year, str(year)) for year in years]
