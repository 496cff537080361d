"""Public event pages and what registered schools and enterprises do: register, request
meetings, read their agenda, mark meetings and record outcomes. The bureau's pages are in desk.py."""
from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.errors import NotFound
from ..core.forms import options
from ..core.permissions import authorize
from ..core.views import done, on_refusal
from ..pairings.forms import own_published
from ..postings.queries import published_of
from . import exports, lifecycle, onsite, queries, services, wishes
from .agenda import ics_bytes, qr_svg
from .forms import OutcomeForm, RegistrationForm, RequestForm, slot_choices
from .models import OUTCOME_LABELS, PRIORITY_LABELS, REQUEST_LABELS
from .slots import event_slots

bp = Blueprint("events", __name__, url_prefix="/events")


@bp.context_processor
def _helpers():
    """Labels every event page needs: the event's cluster names in the reader's language."""
    return {"cluster_names": queries.cluster_namer()}


@bp.get("")
def index():
    return render_template("events/index.html", events=queries.public_events())


@bp.get("/export.xlsx")
def export_public():
    """The public list of events (no drafts), as anyone sees it."""
    return exports.events(queries.public_events(), queries.cluster_namer())


def _viewer_registration(event):
    if current_user.is_authenticated and not current_user.is_bureau:
        return services.registration_of(event, current_user.organisation_id)
    return None


def _render_detail(event, form=None, status=200):
    registration = _viewer_registration(event)
    if form is None:
        form = RegistrationForm(formdata=None, obj=registration) if registration else RegistrationForm(formdata=None)
        form.unavailable.data = list(registration.unavailable_slots or []) if registration else []
    form.unavailable.choices = slot_choices(event, include_removed=True)
    return render_template("events/detail.html", event=event, slots=event_slots(event), form=form,
                           registration=registration), status


@bp.get("/<int:event_id>")
def detail(event_id):
    if current_user.is_authenticated and current_user.is_bureau:
        return redirect(url_for("bureau_events.manage", event_id=event_id))
    return _render_detail(services.get_public(event_id))


@bp.post("/<int:event_id>/register")
@login_required
def register(event_id):
    event = services.get_public(event_id)
    form = RegistrationForm()
    form.unavailable.choices = slot_choices(event, include_removed=True)
    on_refusal(form=form, render=lambda: _render_detail(services.get_public(event_id), form)[0])
    if not form.validate():
        return _render_detail(event, form, 400)
    registration = _viewer_registration(event)
    if registration is not None and registration.status in lifecycle.HOLDING_PLACE:
        services.update_registration(registration, attendees=form.attendees.data, unavailable=form.unavailable.data,
                                     by=current_user)
    else:
        services.register(event, attendees=form.attendees.data, unavailable=form.unavailable.data, by=current_user)
    return done(url_for("events.detail", event_id=event.id),
                _l("报名信息已保存，等待人社局审核。") if registration is None else _l("报名信息已更新。"))


@bp.post("/<int:event_id>/withdraw")
@login_required
def withdraw(event_id):
    event = services.get_public(event_id)
    back = url_for("events.detail", event_id=event.id)
    on_refusal(back)
    registration = _viewer_registration(event)
    if registration is None:
        raise NotFound(_l("报名不存在。"))
    services.withdraw(registration, by=current_user)
    return done(back, _l("已退出该活动。"))


def _approved(event_id):
    """The event and the user's approved registration for it; the bureau takes no part."""
    event = services.get_public(event_id)
    authorize(current_user, "event.take_part", event)
    return event, services.approved_registration(event, current_user.organisation_id)


@bp.get("/<int:event_id>/requests")
@login_required
def requests(event_id):
    event, registration = _approved(event_id)
    incoming, outgoing = wishes.for_organisation(event, current_user.organisation_id)
    return render_template("events/requests.html", event=event, registration=registration,
                           counterparts=queries.ranked_counterparts(event, current_user.organisation),
                           incoming=incoming, outgoing=outgoing, form=RequestForm(formdata=None),
                           priority_labels=PRIORITY_LABELS, request_labels=REQUEST_LABELS)


@bp.post("/<int:event_id>/requests")
@login_required
def request_meeting(event_id):
    event, _ = _approved(event_id)
    form = RequestForm()
    back = url_for("events.requests", event_id=event.id)
    on_refusal(back)
    if not form.validate() or not form.target_id.data.isdigit():
        return done(back, _l("请选择优先级。"), "danger")
    wishes.request_meeting(event, int(form.target_id.data), priority=form.priority.data, message=form.message.data,
                           by=current_user)
    return done(back, _l("洽谈请求已发送。"))


@bp.post("/<int:event_id>/requests/<int:request_id>/<any(accept, decline):action>")
@login_required
def respond(event_id, request_id, action):
    event, _ = _approved(event_id)
    back = url_for("events.requests", event_id=event.id)
    on_refusal(back)
    wishes.respond(wishes.get_request(event, request_id), action == "accept", by=current_user)
    return done(back)


def _agenda_context(event, registration):
    meetings = queries.meetings_of(event, registration.organisation_id)
    forms = {}
    for meeting in meetings:
        form = OutcomeForm(formdata=None, prefix=f"m{meeting.id}")
        form.own_item_id.choices = options([(0, "—")] + [(i.id, i.title) for i in own_published(current_user)]) \
            if not current_user.is_bureau else []
        other = meeting.counterpart_of(registration.organisation_id)
        form.counterpart_item_id.choices = options([(0, "—")] + [(i.id, i.title) for i in published_of(other)])
        forms[meeting.id] = form
    return {"event": event, "registration": registration, "meetings": meetings, "forms": forms,
            "qr": qr_svg(registration.checkin_code), "outcome_labels": OUTCOME_LABELS}


@bp.get("/<int:event_id>/agenda")
@login_required
def agenda(event_id):
    event, registration = _approved(event_id)
    return render_template("events/agenda.html", **_agenda_context(event, registration))


@bp.get("/<int:event_id>/agenda.ics")
@login_required
def agenda_ics(event_id):
    event, registration = _approved(event_id)
    meetings = queries.meetings_of(event, registration.organisation_id, with_cancelled=True)
    return Response(ics_bytes(event, meetings, registration.organisation_id), mimetype="text/calendar",
                    headers={"Content-Disposition": f"attachment; filename=\"event-{event.id}.ics\""})


@bp.post("/<int:event_id>/meetings/<int:meeting_id>/<any(held, no_show):status>")
@login_required
def mark(event_id, meeting_id, status):
    event = services.get_public(event_id)
    meeting = onsite.get_meeting(event, meeting_id, current_user)
    back = request.form.get("back") == "timetable" and current_user.is_bureau
    target = url_for("bureau_events.timetable", event_id=event.id) if back else url_for("events.agenda", event_id=event.id)
    on_refusal(target)
    onsite.mark(meeting, status, by=current_user)
    return done(target)


@bp.post("/<int:event_id>/meetings/<int:meeting_id>/outcome")
@login_required
def outcome(event_id, meeting_id):
    event, registration = _approved(event_id)
    meeting = onsite.get_meeting(event, meeting_id, current_user)
    form = OutcomeForm(prefix=f"m{meeting.id}")
    on_refusal(url_for("events.agenda", event_id=event.id))
    if not form.validate():
        context = _agenda_context(event, registration)
        form.own_item_id.choices = context["forms"][meeting.id].own_item_id.choices
        form.counterpart_item_id.choices = context["forms"][meeting.id].counterpart_item_id.choices
        context["forms"][meeting.id] = form
        return render_template("events/agenda.html", **context), 400
    pairing = onsite.record_outcome(meeting, form.outcome.data, own_item_id=form.own_item_id.data or None,
                                    counterpart_item_id=form.counterpart_item_id.data or None,
                                    message=form.message.data, by=current_user)
    target = url_for("pairings.detail", pairing_id=pairing.id) if pairing else url_for("events.agenda", event_id=event.id)
    return done(target, _l("洽谈结果已登记。"))
