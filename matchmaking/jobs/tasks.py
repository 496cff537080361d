"""The kinds of background job: what each one runs, its title and where its page leads back to."""
from dataclasses import dataclass
from typing import Callable

from ..core.i18n import N_


@dataclass(frozen=True)
class Kind:
    title: str  # msgid
    #: target(report) → a small dict of counts; `report(done, total, message)` reports progress.
    target: Callable
    #: The msgid shown when it is done; its placeholders come from the result.
    done_message: str
    #: Endpoint of the page the job was started from.
    back_endpoint: str


def refresh_recommendations(report):
    from ..recommendations.services import refresh_all

    return {"count": refresh_all(progress=report)}


KINDS = {
    "recommendations.refresh": Kind(
        title=N_("全量刷新推荐"), target=refresh_recommendations,
        done_message=N_("已完成：共保存 %(count)s 组推荐对接。"), back_endpoint="bureau.recommendations",
    ),
}
