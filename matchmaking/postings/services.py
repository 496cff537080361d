"""Write actions on postings, shared by programmes and needs (pages and API alike)."""
from blinker import Namespace
from flask_babel import lazy_gettext as _l

from ..core.errors import Conflict, NotFound
from ..core.permissions import authorize
from ..extensions import db
from ..reference.models import Mode
from . import lifecycle

_signals = Namespace()
#: Sent after a posting's content or state changed (receivers: recommendation refresh).
posting_changed = _signals.signal("posting-changed")

COMMON_FIELDS = ("title", "cluster_code", "level_code", "district_code", "description", "skills")


def create_posting(spec, data, *, by):
    """Create a draft owned by the user's organisation."""
    authorize(by, "posting.create", spec)
    posting = spec.model(organisation=by.organisation, status="draft")
    _assign(spec, posting, data)
    db.session.add(posting)
    db.session.flush()
    return posting


def update_posting(spec, posting, data, *, by):
    """Edit the content; owner and state are never taken from `data`. Archived items are frozen."""
    if posting.status == "archived":
        raise Conflict(_l("当前状态下不能执行此操作。"))
    _assign(spec, posting, data)
    db.session.flush()
    posting_changed.send(posting)
    return posting


def _assign(spec, posting, data):
    for field in COMMON_FIELDS + spec.extra_fields:
        if field in data:
            setattr(posting, field, data[field])
    if "mode_codes" in spec.extra_inputs and "mode_codes" in data:
        codes = list(dict.fromkeys(data["mode_codes"]))
        posting.modes = [db.session.get(Mode, code) for code in codes if db.session.get(Mode, code)]
    posting.refresh_search_text()


def transition_posting(posting, action, *, by):
    """Publish, close, reopen or archive, guarded by the lifecycle."""
    lifecycle.apply(posting, action)
    db.session.flush()
    posting_changed.send(posting)
    return posting


def get_owned(spec, posting_id, user):
    """A posting of the user's own organisation, else NotFound (never reveal others' drafts)."""
    posting = db.session.get(spec.model, posting_id)
    if posting is None or posting.organisation_id != user.organisation_id:
        raise NotFound(_l("内容不存在。"))
    return posting


def get_visible(spec, posting_id, user):
    """A posting the viewer may see: published ones for everyone, others for the owner and the bureau."""
    posting = db.session.get(spec.model, posting_id)
    if posting is None:
        raise NotFound(_l("内容不存在。"))
    if posting.is_listed:
        return posting
    if user is not None and getattr(user, "is_authenticated", False):
        if user.organisation_id == posting.organisation_id or user.is_bureau:
            return posting
    raise NotFound(_l("内容不存在。"))
