"""Proposing and answering pairings."""
from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.forms import options
from ..core.permissions import authorize, require
from ..core.views import done, load, on_refusal
from ..extensions import db
from ..needs.models import Need
from ..programmes.models import Programme
from . import exports, queries, services
from .forms import DeclineForm, own_published, propose_form_for
from .models import STATUS_LABELS

bp = Blueprint("pairings", __name__, url_prefix="/pairings")


@bp.route("/new/<any(need, programme):kind>/<int:counterpart_id>", methods=["GET", "POST"])
@login_required
def propose(kind, counterpart_id):
    counterpart = load(Need if kind == "need" else Programme, counterpart_id, visible=lambda item: item.is_public)
    authorize(current_user, "pairing.propose")  # an unverified organisation is told why
    form = propose_form_for(counterpart, current_user, own_id=request.args.get("own_id", type=int),
                            source=request.args.get("source", "detail"))
    require(form is not None)
    page = lambda: render_template("pairings/propose.html", form=form, counterpart=counterpart, kind=kind)  # noqa: E731
    if request.method == "POST":
        form.process(request.form)
        form.own_id.choices = options((item.id, item.title) for item in own_published(current_user))
        on_refusal(form=form, render=page)
        if form.validate():
            need_id, programme_id = (counterpart.id, form.own_id.data) if kind == "need" else (form.own_id.data, counterpart.id)
            source = form.source.data if form.source.data in ("suggestion", "search", "detail") else "detail"
            pairing = services.propose(need_id=need_id, programme_id=programme_id, message=form.message.data,
                                       by=current_user, source=source)
            db.session.flush()
            return done(url_for("pairings.detail", pairing_id=pairing.id), _l("对接意向已发送，等待对方回复。"))
    return page()


def _filters(args):
    """(direction, status) as the list and its export read them from the query string."""
    direction = "outgoing" if args.get("direction") == "outgoing" else "incoming"
    status = args.get("status", "") if args.get("status") in STATUS_LABELS else ""
    return direction, status


def _own_list_filters():
    """For the organisation's own list and its export (both read statuses as of now, so an overdue proposal
    shows as expired without this GET writing): the page's filters."""
    authorize(current_user, "pairing.keep_list")
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
    pairing = services.get_for_party(pairing_id, current_user)
    return render_template("pairings/detail.html", pairing=pairing, decline_form=DeclineForm())


@bp.post("/<int:pairing_id>/<any(accept, decline, withdraw):action>")
@login_required
def respond(pairing_id, action):
    pairing = services.get_for_party(pairing_id, current_user)
    on_refusal(url_for("pairings.detail", pairing_id=pairing_id))
    if action == "accept":
        project = services.accept(pairing, by=current_user)
        return done(url_for("projects.detail", project_id=project.id), _l("已接受对接意向，合作项目已建立。"))
    if action == "decline":
        services.decline(pairing, DeclineForm().reason.data, by=current_user)
    else:
        services.withdraw(pairing, by=current_user)
    return done(url_for("pairings.detail", pairing_id=pairing_id), _l("已处理。"))
