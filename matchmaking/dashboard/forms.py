"""Forms for plan records; the choices are built per request (reference data is editable)."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import DateField, IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..core.forms import StrippedStringField, options
from ..extensions import db
from ..organisations.models import Organisation
from ..reference.models import Cluster
from ..reference.services import choices
from .models import KIND_LABELS, LEVEL_LABELS
from ..core.timeutil import local_today

_teachers = [Optional(), NumberRange(0, 100000, _l("请填写 0 到 100000 之间的整数。"))]


class PlanRecordForm(FlaskForm):
    kind = SelectField(_l("类别"), validators=[DataRequired(_l("请选择类别。"))])
    name = StrippedStringField(_l("名称"), validators=[DataRequired(_l("请填写名称。")), Length(max=200)])
    level = SelectField(_l("级别"), validators=[DataRequired(_l("请选择级别。"))])
    recognised_on = DateField(_l("认定（统计）日期"), validators=[InputRequired(_l("请填写日期，格式如 2025-06-30。"))])
    organisation_id = SelectField(_l("所属学校/机构"), validate_choice=False)
    cluster_code = SelectField(_l("相关产业集群（可选）"), default="")
    teachers_total = IntegerField(_l("专业课教师总数（双师型统计填写）"), validators=_teachers)
    dual_qualified = IntegerField(_l("其中“双师型”教师数（双师型统计填写）"), validators=_teachers)
    evidence = TextAreaField(_l("佐证说明（文件名称、文号等）"), validators=[Length(max=2000)])
    evidence_url = StrippedStringField(_l("佐证链接（可选）"), validators=[Optional(), Length(max=300)])
    evidence_file = FileField(_l("佐证材料 PDF（可选，不超过 5 MB）"))

    def __init__(self, *args, bureau=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = options([("", _l("请选择"))] + list(KIND_LABELS.items()))
        self.level.choices = options([("", _l("请选择"))] + list(LEVEL_LABELS.items()))
        self.cluster_code.choices = choices(Cluster, blank=str(_l("不限")))
        if bureau:
            rows = db.session.execute(
                select(Organisation.id, Organisation.name)
                .where(Organisation.kind.in_(("school", "enterprise")), Organisation.status == "verified")
                .order_by(Organisation.kind.desc(), Organisation.name)
            ).all()
            self.organisation_id.choices = options([("", _l("请选择"))] + [(str(row.id), row.name) for row in rows])
        else:
            del self.organisation_id

    def validate_organisation_id(self, field):
        if field.data not in {choice.value for choice in field.choices if choice.value}:
            raise ValidationError(_l("请选择所属学校/机构。"))

    def validate_recognised_on(self, field):
        if field.data and not date(2000, 1, 1) <= field.data <= local_today():
            raise ValidationError(_l("日期须在 2000 年之后且不晚于今天。"))

    def validate_evidence_url(self, field):
        if field.data and not field.data.startswith(("https://", "http://")):
            raise ValidationError(_l("链接须以 http:// 或 https:// 开头。"))

    def validate_evidence(self, field):
        if not (field.data or "").strip() and not self.evidence_url.data and not (self.evidence_file.data and self.evidence_file.data.filename):
            raise ValidationError(_l("请填写佐证说明、链接或上传 PDF，至少一项。"))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.kind.data != "dual_qualified":
            return valid
        # Checked here: Optional() on the number fields stops their own validator chain when left blank.
        total, dual = self.teachers_total, self.dual_qualified
        if not total.errors and not total.data:
            total.errors = list(total.errors) + [_l("请填写专业课教师总数（大于 0）。")]
        if not dual.errors and dual.data is None:
            dual.errors = list(dual.errors) + [_l("请填写“双师型”教师数。")]
        elif not dual.errors and total.data and dual.data > total.data:
            dual.errors = list(dual.errors) + [_l("“双师型”教师数不能超过专业课教师总数。")]
        return valid and not total.errors and not dual.errors

    def values(self):
        """The typed values as a plain dict for the service."""
        data = {name: self[name].data for name in ("kind", "name", "level", "recognised_on", "cluster_code",
                                                    "teachers_total", "dual_qualified", "evidence", "evidence_url")}
        data["evidence"] = (data["evidence"] or "").strip()
        if "organisation_id" in self:
            data["organisation_id"] = int(self.organisation_id.data)
        return data


class ReviewRejectForm(FlaskForm):
    reason = TextAreaField(_l("驳回原因"), validators=[DataRequired(_l("请填写驳回原因。")), Length(max=500)])
