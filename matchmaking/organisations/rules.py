"""Who may do what to an organisation (registered in core.permissions)."""
from ..core.permissions import is_bureau, rule


def _admin_of(user, organisation):
    return (getattr(user, "is_authenticated", False) and organisation is not None
            and user.organisation_id == organisation.id and user.is_org_admin)


@rule("organisation.edit_profile")
def may_edit_profile(user, organisation):
    """The organisation's own administrator. Not a government: the bureau keeps the departments (a
    district government moving its district would take over another district's reviews)."""
    return _admin_of(user, organisation) and not organisation.is_government


@rule("organisation.resubmit")
def may_resubmit(user, organisation):
    """The organisation's administrator asks again (the service checks it was rejected)."""
    return _admin_of(user, organisation)


@rule("organisation.verify")
def may_verify(user, organisation):
    return is_bureau(user) and not organisation.is_verified


@rule("organisation.reject")
def may_reject(user, organisation):
    return is_bureau(user) and not organisation.is_rejected


@rule("organisation.bulk_verify")
def may_bulk_verify(user, organisation):
    return is_bureau(user) and organisation.is_pending


@rule("organisation.manage_accounts")
def may_manage_accounts(user, organisation):
    """The organisation's administrator adds and disables its accounts."""
    return _admin_of(user, organisation)
