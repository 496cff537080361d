"""The forms an import validates each row with: the very forms of the web pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField

from ..organisations.forms import RegistrationForm

_ACCOUNT_FIELDS = ("account_name", "account_email", "password", "password_confirm", "consent")


class OrganisationRowForm(RegistrationForm):
    """The registration form's organisation part (same fields, same checks), without the account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in _ACCOUNT_FIELDS:
            delattr(self, name)


class UploadForm(FlaskForm):
    file = FileField(_l("Excel 文件（.xlsx）"))
