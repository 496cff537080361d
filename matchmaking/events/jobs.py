"""The bureau's scheduling of an event runs on the job queue, not inside the request: the
solve takes seconds for a large event, and a worker restart must not lose it.

The run is safe to repeat (an interrupted run is retried): scheduling is rescheduling once
meetings exist, which keeps every feasible meeting where it is."""
from flask import current_app, url_for
from flask_babel import gettext

from ..accounts.models import User
from ..core.errors import DomainError
from ..core.i18n import N_, portable, translated
from ..extensions import db
from ..jobs.tasks import Kind, register_kind
from . import scheduling
from .models import DockingEvent

SCHEDULE = "events.schedule"


def schedule_event(report, event_id, user_id):
    """The job: schedule the event as the officer who asked; a refusal is its result, not a failure."""
    event, officer = db.session.get(DockingEvent, event_id), db.session.get(User, user_id)
    if event is None or officer is None:
        return {"event_id": event_id, "refused": {"text": gettext("活动不存在。")}}
    report(0, 1, N_("正在排程…"))
    try:
        with current_app.test_request_context("/"):  # url_for() for the notifications' links
            counts = scheduling.run(event, by=officer)
    except DomainError as error:
        db.session.rollback()
        return {"event_id": event_id, "refused": portable(error.message)}
    return {"event_id": event_id, **counts}


def _manage_page(job):
    return url_for("bureau_events.manage", event_id=(job.params or {}).get("event_id"))


def _outcome(job):
    result = job.result or {}
    if "refused" in result:
        return _manage_page(job), translated(result["refused"]), "danger"
    return (url_for("bureau_events.timetable", event_id=result["event_id"]),
            gettext("排程完成：安排 %(placed)s 场，调整 %(moved)s 场，取消 %(dropped)s 场，未能安排的请求 %(unplaced)s 个。",
                    **{key: result.get(key, 0) for key in ("placed", "moved", "dropped", "unplaced")}), "info")


register_kind(SCHEDULE, Kind(title=N_("自动排程"), target=schedule_event, done_message=N_("排程已完成。"),
                             back_endpoint=_manage_page, outcome=_outcome))
