"""Who may do what to a cooperation project (registered in core.permissions)."""
from flask_babel import lazy_gettext as _l

from ..core.permissions import is_bureau, organisation_id, rule
from . import lifecycle

PARTIES_ONLY = _l("只有合作双方可以执行此操作。")


def side(user, project):
    """"school", "enterprise" or None: the user's part in the project."""
    return project.party_of(organisation_id(user)) if project is not None else None


@rule("project.view")
def may_view(user, project):
    return side(user, project) is not None or is_bureau(user)


@rule("project.edit_plan")
def may_edit_plan(user, project):
    return side(user, project) is not None and not project.is_final


@rule("project.sign")
def may_sign(user, project):
    return side(user, project) is not None and lifecycle.may_apply(project, "sign")


@rule("project.start")
def may_start(user, project):
    return side(user, project) is not None and lifecycle.may_apply(project, "start")


@rule("project.terminate")
def may_terminate(user, project):
    """Either party, or the bureau when a project has stalled, while it is not over."""
    return (side(user, project) is not None or is_bureau(user)) and lifecycle.may_apply(project, "terminate")


@rule("project.upload_agreement")
def may_upload_agreement(user, project):
    return side(user, project) is not None and project.status in lifecycle.AGREEMENT_STATES


@rule("project.submit_summary")
def may_submit_summary(user, project):
    return side(user, project) == "school" and lifecycle.may_apply(project, "complete")


@rule("project.confirm_results")
def may_confirm_results(user, project):
    """The enterprise, once the school has summarised an implementing project."""
    return side(user, project) == "enterprise" and lifecycle.may_apply(project, "complete") and bool(project.school_summary)


@rule("project.await_summary")
def awaits_summary(user, project):
    """The enterprise of an implementing project whose school has not summarised yet (the page says so)."""
    return side(user, project) == "enterprise" and lifecycle.may_apply(project, "complete") and not project.school_summary


@rule("project.add_follow_up")
def may_add_follow_up(user, project):
    return may_view(user, project) and not project.is_final


@rule("project.add_milestone")
def may_add_milestone(user, project):
    return side(user, project) is not None and not project.is_final


@rule("project.complete_milestone")
def may_complete_milestone(user, project):
    return side(user, project) is not None


@rule("project.note")
def may_note(user, project):
    return is_bureau(user)


# --- role rules: who may attempt an action at all, whatever the project's state (the services
# authorize with these first; the state checks that follow answer 409) -----------------------------

@rule("project.act_as_party")
def acts_as_party(user, project):
    return side(user, project) is not None or PARTIES_ONLY


@rule("project.terminate_as")
def terminates_as(user, project):
    """The parties, and the bureau for a project that has stalled."""
    return is_bureau(user) or acts_as_party(user, project)


@rule("project.summarise_as")
def summarises_as(user, project):
    if side(user, project) is None:
        return PARTIES_ONLY
    return side(user, project) == "school" or _l("项目总结由学校提交。")


@rule("project.confirm_as")
def confirms_as(user, project):
    if side(user, project) is None:
        return PARTIES_ONLY
    return side(user, project) == "enterprise" or _l("项目成果由企业确认。")


@rule("project.note_as")
def notes_as(user, project):
    return is_bureau(user) or _l("只有人社局可以填写备注。")
