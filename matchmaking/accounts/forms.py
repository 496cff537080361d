from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from ..core.forms import StrippedStringField
from .passwords import password_problem


class LoginForm(FlaskForm):
    email = StrippedStringField(_l("邮箱"), validators=[DataRequired(_l("请填写邮箱。")), Length(max=120)])
    password = PasswordField(_l("密码"), validators=[DataRequired(_l("请填写密码。")), Length(max=128)])
    next = HiddenField()


class PasswordPolicy:
    """WTForms validator wrapping the password policy."""

    def __init__(self, email_field=None):
        self.email_field = email_field

    def __call__(self, form, field):
        email = form[self.email_field].data if self.email_field else ""
        problem = password_problem(field.data or "", email=email or "")
        if problem:
            raise ValidationError(_l(problem))


class NewAccountFields:
    """Mixin: the fields that create an account."""

    #: The account services' field names that are called differently in these forms.
    field_aliases = {"email": "account_email"}

    account_name = StrippedStringField(_l("姓名"), validators=[DataRequired(_l("请填写姓名。")), Length(max=40)])
    account_email = StrippedStringField(
        _l("登录邮箱"), validators=[DataRequired(_l("请填写邮箱。")), Email(_l("邮箱格式不正确。"), check_deliverability=False), Length(max=120)]
    )
    password = PasswordField(_l("密码"), validators=[DataRequired(_l("请设置密码。")), PasswordPolicy("account_email")])
    password_confirm = PasswordField(_l("确认密码"), validators=[EqualTo("password", _l("两次输入的密码不一致。"))])


class AddAccountForm(NewAccountFields, FlaskForm):
    is_org_admin = BooleanField(_l("机构管理员（可管理机构资料和账号）"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("当前密码"), validators=[DataRequired(_l("请填写当前密码。"))])
    new_password = PasswordField(_l("新密码"), validators=[DataRequired(_l("请设置新密码。"))])
    new_password_confirm = PasswordField(_l("确认新密码"), validators=[EqualTo("new_password", _l("两次输入的密码不一致。"))])
