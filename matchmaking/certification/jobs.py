"""Notices end by themselves: a daily job lets every notice that is over take effect."""
from flask import current_app

from ..core.i18n import N_
from ..jobs.tasks import Kind, register_kind, register_periodic

CONCLUDE = "certification.conclude_notices"


def conclude_notices(report):
    from .services import conclude_notices as conclude

    with current_app.test_request_context("/"):  # url_for() for the notifications' links
        return {"count": conclude()}


register_kind(CONCLUDE, Kind(
    title=N_("公示期满处理"), target=conclude_notices,
    done_message=N_("已完成：%(count)s 项认定公示期满生效。"), back_endpoint="certification.reviews",
))
register_periodic(CONCLUDE, "10 0 * * *")
