from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from ..core.forms import options
from ..core.permissions import can
from ..needs.models import Need
from ..needs.spec import NEEDS
from ..postings import queries as posting_queries
from ..programmes.spec import PROGRAMMES


class ProposeForm(FlaskForm):
    """Propose a pairing: the counterpart is fixed, the user picks one of their own items."""

    counterpart_id = HiddenField(validators=[InputRequired()])
    own_id = SelectField(_l("选择本机构的内容"), coerce=int, validators=[InputRequired(_l("请选择本机构已发布的内容。"))])
    message = TextAreaField(_l("留言"), validators=[Length(max=1000, message=_l("留言不能超过 1000 个字符。"))])
    source = HiddenField(default="detail")


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("婉拒原因"), validators=[DataRequired(_l("请填写婉拒原因。")), Length(max=500)])


def own_published(user):
    """The user's organisation's published items that can be offered in a pairing."""
    spec = PROGRAMMES if user.is_school else NEEDS
    return [p for p in posting_queries.owned(spec, user.organisation_id) if p.is_published]


def propose_form_for(counterpart, user, *, own_id=None, source="detail"):
    """A ProposeForm for proposing to `counterpart`, or None when the user cannot propose."""
    if not can(user, "pairing.propose"):
        return None
    counterpart_kind = "enterprise" if isinstance(counterpart, Need) else "school"
    if user.organisation.kind == counterpart_kind or counterpart.organisation_id == user.organisation_id:
        return None
    form = ProposeForm(formdata=None, counterpart_id=counterpart.id, own_id=own_id, source=source)
    form.own_id.choices = options((item.id, item.title) for item in own_published(user))
    return form
