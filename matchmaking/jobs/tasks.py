"""The kinds of background job: what each one runs, its title and where its page leads.

Another domain adds a kind with `register_kind` at import time of a module the app imports
(its services or routes module), so the web process and `matchmaking worker` both know it:

    register_kind("events.schedule", Kind(title=N_("自动排会"), target=schedule_event,
                  done_message=N_("已排定 %(count)s 场洽谈。"), back_endpoint="bureau_events.manage_index"))

`target(report, **params)` runs on the queue inside an app context with its own database
session; it returns a small JSON-able dict (its `result`); the runner commits after it. Progress
reports are short transactions of their own: report before the session writes (on SQLite a report
would wait for the work's own write lock), and keep the work safe to run again (an interrupted
run is retried).
A periodic kind is also listed with `register_periodic(name, "30 2 * * *")`."""
from dataclasses import dataclass
from typing import Callable, Optional

from ..core.i18n import N_


@dataclass(frozen=True)
class Kind:
    title: str  # msgid
    #: target(report, **params) → a small dict of counts; `report(done, total, message)` reports progress.
    target: Callable
    #: The msgid shown when it is done; its placeholders come from the result.
    done_message: str
    #: Endpoint of the page the job was started from (or back_endpoint(job) → its URL).
    back_endpoint: object
    #: outcome(job) → (url, flash message or None, flash category): where a finished job's page leads
    #: at once (an import's preview); None keeps the progress page with its result.
    outcome: Optional[Callable] = None
    #: True: one queued or running job of this kind (per scope) at a time.
    exclusive: bool = True


KINDS = {}
#: kind name → default crontab line (Asia/Shanghai), overridable by JOBS_SCHEDULE[name].
PERIODIC = {}


def register_kind(name, kind):
    """Make `name` a job kind (idempotent for the same definition)."""
    KINDS[name] = kind
    return kind


def register_periodic(name, schedule):
    """Run the kind `name` on a crontab schedule ("minute hour day month weekday", local time),
    from the consumer's scheduler, through the same one-at-a-time rule as a job started by hand."""
    PERIODIC[name] = schedule


# --- the platform's own kinds --------------------------------------------------------------------


def refresh_recommendations(report):
    from ..recommendations.services import refresh_all

    return {"count": refresh_all(progress=report)}


def expire_pairings(report):
    from ..pairings.services import expire_overdue

    return {"count": expire_overdue()}


def send_project_reminders(report):
    from flask import current_app

    from ..projects.reminders import send_reminders

    with current_app.test_request_context("/"):  # url_for() for the notifications' links
        return {"count": send_reminders()}


register_kind("recommendations.refresh", Kind(
    title=N_("全量刷新推荐"), target=refresh_recommendations,
    done_message=N_("已完成：共保存 %(count)s 组推荐对接。"), back_endpoint="bureau.recommendations",
))
register_kind("pairings.expire", Kind(
    title=N_("过期对接意向处理"), target=expire_pairings,
    done_message=N_("已完成：%(count)s 条对接意向已过期。"), back_endpoint="main.index",
))
register_kind("projects.reminders", Kind(
    title=N_("项目跟进提醒"), target=send_project_reminders,
    done_message=N_("已完成：发送 %(count)s 条提醒。"), back_endpoint="bureau_projects.desk",
))
register_periodic("recommendations.refresh", "15 2 * * *")
register_periodic("pairings.expire", "30 2 * * *")
register_periodic("projects.reminders", "0 8 * * *")
