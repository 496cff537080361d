"""Forms of the attribute pages; the services validate again."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from ..core.forms import options
from .models import ATTRIBUTE_LABELS, COMMENT_MAX, REASON_MAX

VALUE_CHOICES = (("yes", _l("是")), ("no", _l("否（已不再属于）")))


class RequestForm(FlaskForm):
    attribute = RadioField(_l("申请确认的企业属性"), choices=options(list(ATTRIBUTE_LABELS.items())),
                           validators=[InputRequired(_l("请选择要确认的企业属性。"))])
    value = RadioField(_l("申请确认为"), choices=options(VALUE_CHOICES), default="yes",
                       validators=[InputRequired(_l("请选择申请确认的结果。"))])
    reason = TextAreaField(_l("申请理由及依据"), validators=[
        DataRequired(_l("请填写申请理由及依据。")),
        Length(max=REASON_MAX, message=_l("申请理由不能超过 %(max)d 个字。"))])
    evidence = FileField(_l("证明材料（PDF，可选）"))

    def wanted_value(self):
        return self.value.data == "yes"

    def upload(self):
        """(filename, bytes) of the chosen file, or None."""
        upload = self.evidence.data
        if not upload or not getattr(upload, "filename", ""):
            return None
        return upload.filename, upload.read()


class ConfirmForm(FlaskForm):
    comment = TextAreaField(_l("审核意见（可选）"), validators=[Length(max=COMMENT_MAX)])


class RejectForm(FlaskForm):
    comment = TextAreaField(_l("不予确认的理由"), validators=[
        DataRequired(_l("不予确认时请填写理由。")),
        Length(max=COMMENT_MAX, message=_l("审核意见不能超过 %(max)d 个字。"))])
