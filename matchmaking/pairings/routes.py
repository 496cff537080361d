"""Proposing and answering pairings."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.errors import DomainError, NotFound
from ..extensions import db
from ..needs.models import Need
from ..programmes.models import Programme
from . import exports, queries, services
from ..core.forms import options
from .forms import DeclineForm, own_published, propose_form_for
from .models import STATUS_LABELS

bp = Blueprint("pairings", __name__, url_prefix="/pairings")


@bp.route("/new/<any(need, programme):kind>/<int:counterpart_id>", methods=["GET", "POST"])
@login_required
def propose(kind, counterpart_id):
    model = Need if kind == "need" else Programme
    counterpart = db.session.get(model, counterpart_id)
    if counterpart is None or not counterpart.is_public:
        abort(404)
    form = propose_form_for(counterpart, current_user, own_id=request.args.get("own_id", type=int),
                            source=request.args.get("source", "detail"))
    if form is None:
        abort(403)
    if request.method == "POST":
        form.process(request.form)
        form.own_id.choices = options((item.id, item.title) for item in own_published(current_user))
        if form.validate():
            need_id, programme_id = (counterpart.id, form.own_id.data) if kind == "need" else (form.own_id.data, counterpart.id)
            source = form.source.data if form.source.data in ("suggestion", "search", "detail") else "detail"
            try:
                pairing = services.propose(need_id=need_id, programme_id=programme_id, message=form.message.data,
                                           by=current_user, source=source)
            except NotFound:
                abort(404)
            except DomainError as error:
                db.session.rollback()
                flash(error.message, "danger")
            else:
                db.session.commit()
                flash(_l("对接意向已发送，等待对方回复。"), "success")
                return redirect(url_for("pairings.detail", pairing_id=pairing.id))
    return render_template("pairings/propose.html", form=form, counterpart=counterpart, kind=kind)


def _filters(args):
    """(direction, status) as the list and its export read them from the query string."""
    direction = "outgoing" if args.get("direction") == "outgoing" else "incoming"
    status = args.get("status", "") if args.get("status") in STATUS_LABELS else ""
    return direction, status


def _own_list_filters():
    """For the organisation's own list and its export: overdue proposals expired first (so both show the same
    statuses), then the page's filters. The bureau has no pairings list of its own."""
    if current_user.is_bureau:
        abort(403)
    services.expire_overdue()
    db.session.commit()
    return _filters(request.args)


@bp.get("")
@login_required
def index():
    direction, status = _own_list_filters()
    items = queries.for_organisation(current_user.organisation_id, direction=direction, status=status)
    incoming, outgoing = queries.open_counts(current_user.organisation_id)
    return render_template("pairings/index.html", items=items, direction=direction, status=status,
                           incoming=incoming, outgoing=outgoing, status_labels=STATUS_LABELS)


@bp.get("/export.xlsx")
@login_required
def export():
    """The list as the page filters it (incoming or outgoing, status), every row, not only the newest 200."""
    direction, status = _own_list_filters()
    query = queries.organisation_query(current_user.organisation_id, direction=direction, status=status)
    return exports.pairings(db.session.scalars(query), direction)


@bp.get("/<int:pairing_id>")
@login_required
def detail(pairing_id):
    try:
        pairing = services.get_for_party(pairing_id, current_user)
    except NotFound:
        abort(404)
    return render_template("pairings/detail.html", pairing=pairing, decline_form=DeclineForm())


@bp.post("/<int:pairing_id>/<any(accept, decline, withdraw):action>")
@login_required
def respond(pairing_id, action):
    try:
        pairing = services.get_for_party(pairing_id, current_user)
    except NotFound:
        abort(404)
    form = DeclineForm()
    project = None
    try:
        if action == "accept":
            project = services.accept(pairing, by=current_user)
        elif action == "decline":
            services.decline(pairing, form.reason.data, by=current_user)
        else:
            services.withdraw(pairing, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("pairings.detail", pairing_id=pairing_id))
    db.session.commit()
    if project is not None:
        flash(_l("已接受对接意向，合作项目已建立。"), "success")
        return redirect(url_for("projects.detail", project_id=project.id))
    flash(_l("已处理。"), "success")
    return redirect(url_for("pairings.detail", pairing_id=pairing_id))
