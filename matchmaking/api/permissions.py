"""Who may attempt an operation, decided before its input is read: a school POSTing a need
gets 403 whatever the body holds, never 400 or 422.

Each check repeats, with the same message, the first rule the service applies before it
writes; the service still applies it (these only make refusal come first)."""
from flask_babel import lazy_gettext as _l

from ..core.errors import Forbidden

_PARTIES_ONLY = _l("只有合作双方可以执行此操作。")


def create_posting(spec, user):
    """postings.services.create_posting: only the spec's kind of organisation."""
    if user.organisation.kind != spec.owner_kind:
        raise Forbidden(spec.wrong_kind_message)


def propose_pairing(user):
    """pairings.services.propose: a verified school or enterprise."""
    if user.organisation.kind not in ("school", "enterprise"):
        raise Forbidden(_l("只有学校和企业可以发起对接。"))
    if not user.organisation.is_verified:
        raise Forbidden(_l("机构通过人社局审核后才能发起对接。"))


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
    """events.services.register: a verified school or enterprise."""
    if user.organisation.kind not in ("school", "enterprise"):
        raise Forbidden(_l("只有学校和企业可以报名参加活动。"))
    if not user.organisation.is_verified:
        raise Forbidden(_l("机构通过人社局审核后才能报名。"))
