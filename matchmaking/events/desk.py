"""The bureau's event pages under /events/manage: create and edit, registrations and invitations,
meetings it wants, scheduling, the timetable, printable agendas, check-in and the report."""
from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..core.excel import download
from ..core.forms import options
from ..core.guards import bureau_required
from ..core.views import done, on_refusal
from ..jobs.views import start_from_page
from . import exports, lifecycle, onsite, queries, report, scheduling, services, wishes
from . import jobs as event_jobs
from .agenda import qr_svg
from .forms import (
    BureauMeetingForm,
    CheckinForm,
    EventForm,
    RejectForm,
    RemoveSlotForm,
    slot_choices,
)
from .models import OUTCOME_LABELS, PRIORITY_LABELS, REQUEST_LABELS, REQUESTER_LABELS
from .slots import event_slots

bp = Blueprint("bureau_events", __name__, url_prefix="/events/manage")


@bp.context_processor
def _helpers():
    return {"cluster_names": queries.cluster_namer()}


def _event(event_id):
    """The event, and its management page as where a refused action sends the bureau back."""
    event = services.get_for_bureau(event_id, current_user)
    on_refusal(_back(event))
    return event


@bp.get("")
@bureau_required
def manage_index():
    return render_template("events/manage_index.html", events=queries.all_events())


@bp.get("/export.xlsx")
@bureau_required
def export_events():
    return exports.events(queries.all_events(), queries.cluster_namer(), with_registrations=True)


def _save(form, event=None):
    """Validate and save the event form; on errors show it again with the message at its field."""
    event_id = event.id if event is not None else None
    on_refusal(form=form, render=lambda: render_template(
        "events/form.html", form=form, event=services.get_for_bureau(event_id, current_user) if event_id else None))
    if not form.validate():
        return render_template("events/form.html", form=form, event=event), 400
    if event is None:
        event = services.create_event(form.to_data(), by=current_user)
    else:
        services.update_event(event, form.to_data(), by=current_user)
    return done(url_for("bureau_events.manage", event_id=event.id), _l("活动已保存。"))


@bp.route("/new", methods=["GET", "POST"])
@bureau_required
def create():
    if request.method == "POST":
        return _save(EventForm())
    form = EventForm(formdata=None, meeting_minutes=20, tables=10, capacity_per_side=30)
    return render_template("events/form.html", form=form, event=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@bureau_required
def edit(event_id):
    event = services.get_for_bureau(event_id, current_user)
    if request.method == "POST":
        return _save(EventForm(), event)
    return render_template("events/form.html", form=EventForm.for_event(event), event=event)


@bp.get("/<int:event_id>")
@bureau_required
def manage(event_id):
    event = _event(event_id)
    approved = queries.registrations(event, status="approved")
    add_form = BureauMeetingForm(formdata=None)
    add_form.school_id.choices = options((r.organisation_id, r.organisation.name) for r in approved if r.side == "school")
    add_form.enterprise_id.choices = options((r.organisation_id, r.organisation.name) for r in approved if r.side == "enterprise")
    slot_form = RemoveSlotForm(formdata=None)
    slot_form.slot.choices = slot_choices(event)
    names = {r.organisation_id: r.organisation.name for r in event.registrations}
    return render_template(
        "events/manage.html", event=event, registrations=queries.registrations(event),
        relevant=queries.relevant_organisations(event) if event.status == "open" else [],
        requests=wishes.all_of(event), actions=lifecycle.allowed(event), action_labels=lifecycle.ACTION_LABELS,
        requester_labels=REQUESTER_LABELS,
        reject_form=RejectForm(formdata=None), add_form=add_form, slot_form=slot_form, names=names,
        reason_labels=scheduling.REASON_LABELS, priority_labels=PRIORITY_LABELS, request_labels=REQUEST_LABELS,
        slots=event_slots(event), meetings=queries.meetings_of(event),
        stale=services.needs_rescheduling(event),
    )


def _back(event):
    return url_for("bureau_events.manage", event_id=event.id)


@bp.post("/<int:event_id>/<any(open, close, hold, report):action>")
@bureau_required
def transition(event_id, action):
    event = _event(event_id)
    services.transition(event, action, by=current_user)
    return done(_back(event))


@bp.post("/<int:event_id>/registrations/<int:registration_id>/<any(approve, reject):action>")
@bureau_required
def decide(event_id, registration_id, action):
    event = _event(event_id)
    registration = queries.registration_in(event, registration_id)
    if action == "approve":
        services.approve(registration, by=current_user)
    else:
        services.reject(registration, RejectForm().reason.data, by=current_user)
    return done(_back(event))


@bp.post("/<int:event_id>/invite")
@bureau_required
def invite(event_id):
    event = _event(event_id)
    ids = [int(v) for v in request.form.getlist("organisation_id") if v.isdigit()]
    if not ids:
        return done(_back(event), _l("请选择要邀请的机构。"), "danger")
    services.invite(event, ids, by=current_user)
    return done(_back(event), _l("邀请已发送。"))


@bp.post("/<int:event_id>/meetings")
@bureau_required
def add_meeting(event_id):
    event = _event(event_id)
    form = BureauMeetingForm()
    if form.school_id.data is None or form.enterprise_id.data is None:
        return done(_back(event), _l("请选择学校和企业。"), "danger")
    wishes.bureau_add(event, form.school_id.data, form.enterprise_id.data, by=current_user)
    return done(_back(event), _l("已安排该洽谈，排程时优先安排。"))


@bp.post("/<int:event_id>/schedule")
@bureau_required
def schedule(event_id):
    """Queue the solve and show its progress; the page then leads to the timetable with the counts."""
    event = _event(event_id)
    lifecycle.target_of(event, "schedule")  # refused at once when the event is not ready
    return start_from_page(event_jobs.SCHEDULE, by=current_user, back_url=_back(event), scope=event.id,
                           params={"event_id": event.id, "user_id": current_user.id})


@bp.post("/<int:event_id>/slots/remove")
@bureau_required
def remove_slot(event_id):
    event = _event(event_id)
    form = RemoveSlotForm()
    form.slot.choices = slot_choices(event)
    if not form.validate():
        return done(_back(event), _l("请选择时段。"), "danger")
    services.remove_slot(event, form.slot.data, by=current_user)
    return done(_back(event), _l("时段已取消，请重新排程。"))


@bp.get("/<int:event_id>/timetable")
@bureau_required
def timetable(event_id):
    event = _event(event_id)
    grid = {(m.slot, m.table): m for m in queries.meetings_of(event)}
    return render_template("events/timetable.html", event=event, slots=event_slots(event), grid=grid,
                           tables=range(1, event.tables + 1), names={})


@bp.get("/<int:event_id>/timetable.xlsx")
@bureau_required
def export_timetable(event_id):
    return exports.timetable(_event(event_id))


@bp.get("/<int:event_id>/registrations.xlsx")
@bureau_required
def export_registrations(event_id):
    """The registrations the event's page lists, every status."""
    event = _event(event_id)
    return exports.registrations(event, queries.registrations(event))


@bp.get("/<int:event_id>/tables/<int:table>")
@bureau_required
def table_agenda(event_id, table):
    event = _event(event_id)
    if not 1 <= table <= event.tables:
        abort(404)
    meetings = queries.meetings_of(event, table=table)
    return render_template("events/table_agenda.html", event=event, table=table, meetings=meetings)


@bp.get("/<int:event_id>/agenda/<int:registration_id>")
@bureau_required
def participant_agenda(event_id, registration_id):
    event = _event(event_id)
    registration = queries.registration_in(event, registration_id, approved=True)
    meetings = queries.meetings_of(event, registration.organisation_id)
    return render_template("events/agenda.html", event=event, registration=registration, meetings=meetings, forms={},
                           qr=qr_svg(registration.checkin_code), outcome_labels=OUTCOME_LABELS)


@bp.get("/<int:event_id>/agendas")
@bureau_required
def all_agendas(event_id):
    """Every approved participant's agenda with its QR code, one per printed page, for the desk."""
    event = _event(event_id)
    pages = []
    for registration in queries.registrations(event, status="approved"):
        meetings = queries.meetings_of(event, registration.organisation_id)
        pages.append((registration, meetings, qr_svg(registration.checkin_code)))
    return render_template("events/all_agendas.html", event=event, pages=pages)


def _checkin_page(event_id, form):
    event = services.get_for_bureau(event_id, current_user)
    query = request.args.get("q", "")[:60]
    approved = queries.registrations(event, status="approved")
    return render_template("events/checkin.html", event=event, form=form, query=query, found=onsite.search(event, query),
                           checked=sum(1 for r in approved if r.checked_in_at), total=len(approved))


@bp.route("/<int:event_id>/checkin", methods=["GET", "POST"])
@bureau_required
def checkin(event_id):
    event = _event(event_id)
    form = CheckinForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        return _checkin_page(event_id, form)
    on_refusal(form=form, render=lambda: _checkin_page(event_id, form))
    if not form.validate():
        return _checkin_page(event_id, form), 400
    registration = onsite.check_in_by_code(event, form.code.data, by=current_user)
    return done(url_for("bureau_events.checkin", event_id=event.id),
                _l("%(org)s 签到成功。", org=registration.organisation.name))


@bp.post("/<int:event_id>/checkin/<int:registration_id>")
@bureau_required
def checkin_manual(event_id, registration_id):
    event = _event(event_id)
    back = url_for("bureau_events.checkin", event_id=event.id)
    on_refusal(back)
    onsite.check_in(queries.registration_in(event, registration_id), by=current_user)
    return done(back, _l("签到成功。"))


@bp.get("/<int:event_id>/report")
@bureau_required
def event_report(event_id):
    event = _event(event_id)
    return render_template("events/report.html", event=event, report=report.build(event),
                           summary=report.SUMMARY_LABELS, outcome_labels=OUTCOME_LABELS)


@bp.get("/<int:event_id>/report.xlsx")
@bureau_required
def export_report(event_id):
    event = _event(event_id)
    return download(f"{event.title}-{_l('活动报告')}.xlsx", report.workbook(event, report.build(event)))
