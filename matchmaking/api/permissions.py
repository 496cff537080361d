"""Who may attempt an operation, decided before its input is read: a school POSTing a need
gets 403 whatever the body holds, never 400 or 422.

Role rules are asked of core.permissions (the same rules the services authorize with); the
checks on one object repeat, with the same message, the first rule the service applies before
it writes. The service still applies them: these only make refusal come first."""
from flask_babel import lazy_gettext as _l

from ..core.errors import Forbidden
from ..core.permissions import authorize

_PARTIES_ONLY = _l("只有合作双方可以执行此操作。")


def create_posting(spec, user):
    """Only the spec's kind of organisation (rule posting.create)."""
    authorize(user, "posting.create", spec)


def propose_pairing(user):
    """A verified school or enterprise (rule pairing.propose)."""
    authorize(user, "pairing.propose")


def decline_pairing(pairing, user):
    """pairings.services.decline: the invited side."""
    if pairing.responder_id != user.organisation_id:
        raise Forbidden(_l("只有被邀请的一方可以婉拒对接意向。"))


def project_party(project, user):
    """projects.services (_side): milestones, the agreement file and lifecycle steps are the parties'."""
    if project.party_of(user.organisation_id) is None:
        raise Forbidden(_PARTIES_ONLY)


def transition_project(project, user, target):
    """projects.services.transition: the parties; the bureau may also terminate."""
    if not (user.is_bureau and target == "terminated"):
        project_party(project, user)


def submit_summary(project, user):
    """projects.services.submit_summary: the school party."""
    project_party(project, user)
    if project.party_of(user.organisation_id) != "school":
        raise Forbidden(_l("项目总结由学校提交。"))


def register_for_event(user):
    """A verified school or enterprise (rule event.register_as)."""
    authorize(user, "event.register_as")
