"""Who may do what to a cooperation project (registered in core.permissions)."""
from ..core.permissions import is_bureau, organisation_id, rule
from . import lifecycle


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
