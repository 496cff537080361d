from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from ..accounts.forms import NewAccountFields
from ..core.forms import StrippedStringField, options
from ..reference.models import Cluster, District
from ..reference.services import choices
from .validators import is_valid_credit_code, is_valid_mobile, is_valid_school_code

SCHOOL_TYPE_CHOICES = options([
    ("university", _l("本科院校")),
    ("higher_vocational", _l("高职院校")),
    ("secondary_vocational", _l("中职学校")),
    ("training_provider", _l("培训机构")),
])


class ProfileFields:
    """Descriptive fields every school and enterprise keeps up to date."""

    district_code = SelectField(_l("所在区县"), validators=[DataRequired(_l("请选择区县。"))])
    address = StrippedStringField(_l("地址"), validators=[Length(max=200)])
    contact_name = StrippedStringField(_l("联系人"), validators=[DataRequired(_l("请填写联系人。")), Length(max=40)])
    contact_phone = StrippedStringField(_l("联系人手机"), validators=[DataRequired(_l("请填写手机号。"))])
    email = StrippedStringField(_l("联系邮箱"), validators=[Optional(), Email(_l("邮箱格式不正确。"), check_deliverability=False), Length(max=120)])
    website = StrippedStringField(_l("网站"), validators=[Optional(), Length(max=200)])
    intro = TextAreaField(_l("机构简介"), validators=[Length(max=2000)])
    school_type = SelectField(_l("学校类型（学校填写）"), default="")
    cluster_code = SelectField(_l("主营产业集群（企业填写）"), default="")

    def init_choices(self):
        self.district_code.choices = choices(District, blank=str(_l("请选择")))
        self.cluster_code.choices = choices(Cluster, blank=str(_l("请选择")))
        self.school_type.choices = options([("", _l("请选择"))]) + SCHOOL_TYPE_CHOICES

    def validate_contact_phone(self, field):
        if not is_valid_mobile(field.data):
            raise ValidationError(_l("请填写 11 位中国大陆手机号码。"))

    def validate_website(self, field):
        if field.data and not field.data.startswith(("http://", "https://")):
            raise ValidationError(_l("网址需以 http:// 或 https:// 开头。"))

    def profile_data(self, kind):
        keys = ["district_code", "address", "contact_name", "contact_phone", "email", "website", "intro"]
        if kind == "school":
            keys.append("school_type")
            # Fields that belong to the other kind are not stored.
        elif kind == "enterprise":
            # 规上 / 国企 and the certification are reviewed facts: never set from a profile form.
            keys.append("cluster_code")
        return {key: self[key].data for key in keys}


class RegistrationForm(ProfileFields, NewAccountFields, FlaskForm):
    kind = RadioField(_l("机构类型"), choices=options([("school", _l("学校")), ("enterprise", _l("企业"))]), validators=[DataRequired(_l("请选择机构类型。"))])
    name = StrippedStringField(_l("机构全称"), validators=[DataRequired(_l("请填写机构全称。")), Length(4, 120, _l("机构全称需为 4 到 120 个字符。"))])
    code = StrippedStringField(_l("统一社会信用代码 / 学校标识码"), validators=[DataRequired(_l("请填写代码。"))])
    consent = BooleanField(_l("我已阅读并同意《隐私声明》"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_choices()

    def validate_code(self, field):
        if self.kind.data == "enterprise" and not is_valid_credit_code(field.data):
            raise ValidationError(_l("统一社会信用代码应为 18 位，且校验位正确。"))
        if self.kind.data == "school" and not is_valid_school_code(field.data):
            raise ValidationError(_l("学校标识码应为 10 位数字，以 4 开头，第 3–4 位为省份代码。"))

    def validate_school_type(self, field):
        if self.kind.data == "school" and not field.data:
            raise ValidationError(_l("请选择学校类型。"))

    def validate_cluster_code(self, field):
        if self.kind.data == "enterprise" and not field.data:
            raise ValidationError(_l("请选择主营产业集群。"))

    def validate_consent(self, field):
        if not field.data:
            raise ValidationError(_l("请阅读并同意隐私声明。"))


class ProfileForm(ProfileFields, FlaskForm):
    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.init_choices()
        # Only the fields of this organisation's kind are shown, validated and stored.
        if kind != "school":
            del self.school_type
        if kind != "enterprise":
            del self.cluster_code

    def validate_cluster_code(self, field):
        if self.kind == "enterprise" and not field.data:
            raise ValidationError(_l("请选择主营产业集群。"))


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("驳回原因"), validators=[DataRequired(_l("请填写驳回原因。")), Length(max=500)])
