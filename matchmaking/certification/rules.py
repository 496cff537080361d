"""Who may do what to a certification (registered in core.permissions)."""
from flask_babel import lazy_gettext as _l

from ..core.permissions import holds_remit, is_bureau, is_member, organisation_id, rule
from .reviewers import holds_stage, is_reviewer, stage_of


def _applicant(user, certification):
    return is_member(user) and certification.enterprise_id == organisation_id(user)


@rule("certification.apply")
def may_apply(user, _=None):
    """A user of a verified enterprise (the service checks for an open application and the bar)."""
    if not (is_member(user) and user.is_enterprise):
        return _l("只有企业可以申请产教融合型企业认定。")
    return True if user.organisation.is_verified else _l("机构通过人社局审核后才能申请认定。")


@rule("certification.view")
def may_view(user, certification):
    """The applicant, the departments of its review chain, and the bureau."""
    return _applicant(user, certification) or is_reviewer(user, certification) or is_bureau(user)


@rule("certification.read_objections")
def may_read_objections(user, certification):
    """Objectors' names and contacts are for the reviewers and the bureau, not the applicant."""
    return is_reviewer(user, certification) or is_bureau(user)


@rule("certification.resubmit")
def may_resubmit(user, certification):
    return _applicant(user, certification) and certification.is_returned


@rule("certification.report")
def may_report(user, certification):
    """A certified enterprise files its annual report (for a year it has not reported yet)."""
    return _applicant(user, certification) and bool(certification.report_years_open())


@rule("certification.decide")
def may_decide(user, certification):
    """The department whose turn it is, once per stage and round."""
    if stage_of(user, certification) is not None:
        return True
    if not is_reviewer(user, certification):
        return False
    if certification.is_under_review:
        current = [s for s in ("district", "ndrc", "education") if holds_stage(user, s, certification)]
        if any(certification.decisions_of(s, certification.round) for s in current):
            return _l("贵单位已对本轮申请作出决定。")
        return _l("现在不是贵单位审核的环节。")
    return _l("该申请当前不在审核中。")


@rule("certification.answer_objection")
def may_answer(user, objection):
    return objection.answered_at is None and is_reviewer(user, objection.certification)


@rule("certification.record_provincial")
def may_record_provincial(user, _=None):
    """市发展改革委 records the province's certification with its document number."""
    return holds_remit(user, "ndrc")


@rule("certification.confirm_migrated")
def may_confirm_migrated(user, certification):
    return holds_remit(user, "ndrc") and certification.is_in_effect and certification.is_migrated


@rule("certification.revoke")
def may_revoke(user, certification):
    return holds_remit(user, "ndrc") and certification.is_in_effect


@rule("certification.review_queue")
def may_see_queue(user, _=None):
    """Departments that review certifications (and the bureau, which sees every application)."""
    return is_bureau(user) or any(holds_remit(user, role) for role in ("district", "ndrc", "education"))
