"""Public event pages and what registered schools and enterprises do: register, request
meetings, read their agenda, mark meetings and record outcomes."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.errors import DomainError
from ..core.forms import options
from ..extensions import db
from ..pairings.forms import own_published
from . import exports, onsite, queries, services, wishes
from .agenda import ics_bytes, qr_svg
from .blueprint import bp, cluster_namer
from .forms import OutcomeForm, RegistrationForm, RequestForm
from .models import OUTCOME_LABELS, PRIORITY_LABELS, REQUEST_LABELS
from .slots import event_slots
from .views import field_error, or_abort, run, slot_choices


@bp.get("")
def index():
    return render_template("events/index.html", events=queries.public_events())


@bp.get("/export.xlsx")
def export_public():
    """The public list of events (no drafts), as anyone sees it."""
    return exports.events(queries.public_events(), cluster_namer())


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
    can_register = current_user.is_authenticated and not current_user.is_bureau and \
        event.status == "open" and services.registration_open_today(event)
    return render_template("events/detail.html", event=event, slots=event_slots(event), form=form,
                           registration=registration, can_register=can_register), status


@bp.get("/<int:event_id>")
def detail(event_id):
    if current_user.is_authenticated and current_user.is_bureau:
        return redirect(url_for("events.manage", event_id=event_id))
    return _render_detail(or_abort(services.get_public, event_id))


@bp.post("/<int:event_id>/register")
@login_required
def register(event_id):
    event = or_abort(services.get_public, event_id)
    form = RegistrationForm()
    form.unavailable.choices = slot_choices(event, include_removed=True)
    if not form.validate():
        return _render_detail(event, form, 400)
    registration = _viewer_registration(event)
    try:
        if registration is not None and registration.status in ("pending", "approved"):
            services.update_registration(registration, attendees=form.attendees.data, unavailable=form.unavailable.data,
                                         by=current_user)
        else:
            services.register(event, attendees=form.attendees.data, unavailable=form.unavailable.data, by=current_user)
    except DomainError as error:
        db.session.rollback()
        if error.status_code == 403:
            abort(403)
        if not field_error(form, error):
            flash(error.message, "danger")
        return _render_detail(event, form, 400)
    db.session.commit()
    flash(_l("报名信息已保存，等待人社局审核。") if registration is None else _l("报名信息已更新。"), "success")
    return redirect(url_for("events.detail", event_id=event.id))


@bp.post("/<int:event_id>/withdraw")
@login_required
def withdraw(event_id):
    event = or_abort(services.get_public, event_id)
    registration = _viewer_registration(event)
    if registration is None:
        abort(404)
    return run(lambda: services.withdraw(registration, by=current_user), url_for("events.detail", event_id=event.id),
               message=_l("已退出该活动。"))


def _approved(event_id):
    event = or_abort(services.get_public, event_id)
    if current_user.is_bureau:
        abort(403)
    return event, or_abort(services.approved_registration, event, current_user.organisation_id)


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
    if not form.validate() or not form.target_id.data.isdigit():
        flash(_l("请选择优先级。"), "danger")
        return redirect(back)
    return run(lambda: wishes.request_meeting(event, int(form.target_id.data), priority=form.priority.data,
                                              message=form.message.data, by=current_user),
               back, message=_l("洽谈请求已发送。"))


@bp.post("/<int:event_id>/requests/<int:request_id>/<any(accept, decline):action>")
@login_required
def respond(event_id, request_id, action):
    event, _ = _approved(event_id)
    meeting_request = or_abort(wishes.get_request, event, request_id)
    return run(lambda: wishes.respond(meeting_request, action == "accept", by=current_user),
               url_for("events.requests", event_id=event.id))


def _agenda_context(event, registration):
    meetings = [m for m in event.meetings if m.side_of(registration.organisation_id) and m.status != "cancelled"]
    forms = {}
    for meeting in meetings:
        form = OutcomeForm(formdata=None, prefix=f"m{meeting.id}")
        form.own_item_id.choices = options([(0, "—")] + [(i.id, i.title) for i in own_published(current_user)]) \
            if not current_user.is_bureau else []
        other = meeting.counterpart_of(registration.organisation_id)
        form.counterpart_item_id.choices = options([(0, "—")] + [(i.id, i.title) for i in _published_of(other)])
        forms[meeting.id] = form
    return {"event": event, "registration": registration, "meetings": meetings, "forms": forms,
            "qr": qr_svg(registration.checkin_code), "outcome_labels": OUTCOME_LABELS}


def _published_of(organisation):
    from ..needs.models import Need
    from ..programmes.models import Programme

    model = Programme if organisation.kind == "school" else Need
    return db.session.scalars(db.select(model).where(model.organisation_id == organisation.id, model.status == "published")
                              .order_by(model.id)).all()


@bp.get("/<int:event_id>/agenda")
@login_required
def agenda(event_id):
    event, registration = _approved(event_id)
    return render_template("events/agenda.html", **_agenda_context(event, registration))


@bp.get("/<int:event_id>/agenda.ics")
@login_required
def agenda_ics(event_id):
    event, registration = _approved(event_id)
    meetings = [m for m in event.meetings if m.side_of(registration.organisation_id)]
    return Response(ics_bytes(event, meetings, registration.organisation_id), mimetype="text/calendar",
                    headers={"Content-Disposition": f"attachment; filename=\"event-{event.id}.ics\""})


@bp.post("/<int:event_id>/meetings/<int:meeting_id>/<any(held, no_show):status>")
@login_required
def mark(event_id, meeting_id, status):
    event = or_abort(services.get_public, event_id)
    meeting = or_abort(onsite.get_meeting, event, meeting_id, current_user)
    back = request.form.get("back") == "timetable" and current_user.is_bureau
    target = url_for("events.timetable", event_id=event.id) if back else url_for("events.agenda", event_id=event.id)
    return run(lambda: onsite.mark(meeting, status, by=current_user), target)


@bp.post("/<int:event_id>/meetings/<int:meeting_id>/outcome")
@login_required
def outcome(event_id, meeting_id):
    event, registration = _approved(event_id)
    meeting = or_abort(onsite.get_meeting, event, meeting_id, current_user)
    form = OutcomeForm(prefix=f"m{meeting.id}")
    if not form.validate():
        context = _agenda_context(event, registration)
        form.own_item_id.choices = context["forms"][meeting.id].own_item_id.choices
        form.counterpart_item_id.choices = context["forms"][meeting.id].counterpart_item_id.choices
        context["forms"][meeting.id] = form
        return render_template("events/agenda.html", **context), 400
    return run(lambda: onsite.record_outcome(meeting, form.outcome.data, own_item_id=form.own_item_id.data or None,
                                             counterpart_item_id=form.counterpart_item_id.data or None,
                                             message=form.message.data, by=current_user),
               lambda pairing: url_for("pairings.detail", pairing_id=pairing.id) if pairing else
               url_for("events.agenda", event_id=event.id),
               message=_l("洽谈结果已登记。"), error_url=url_for("events.agenda", event_id=event.id))
