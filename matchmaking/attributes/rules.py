"""Who may ask for, see and review an enterprise attribute (registered in core.permissions)."""
from flask_babel import lazy_gettext as _l

from ..core.permissions import holds_remit, is_bureau, is_member, organisation_id, rule
from .models import REMITS


def reviews(user, attribute):
    """The bureau, or the department whose remit covers `attribute` (经信局: 规上, 国资委: 国企)."""
    return is_bureau(user) or holds_remit(user, REMITS[attribute])


def _applicant(user, request):
    return is_member(user) and request.enterprise_id == organisation_id(user)


@rule("attribute.request")
def may_request(user, _=None):
    """A user of a verified enterprise (the service checks for a pending request and the current value)."""
    if not (is_member(user) and user.is_enterprise):
        return _l("只有企业可以申请确认企业属性。")
    return True if user.organisation.is_verified else _l("机构通过人社局审核后才能申请确认企业属性。")


@rule("attribute.view")
def may_view(user, request):
    """The enterprise itself, the bureau and the department of that attribute (others: 404)."""
    return _applicant(user, request) or reviews(user, request.attribute)


@rule("attribute.review")
def may_review(user, request):
    if not reviews(user, request.attribute):
        return False
    return True if request.is_pending else _l("该申请已审核完毕。")


@rule("attribute.review_queue")
def may_see_queue(user, _=None):
    """市经济和信息化局, 市国资委 and the bureau."""
    return is_bureau(user) or any(holds_remit(user, remit) for remit in REMITS.values())
