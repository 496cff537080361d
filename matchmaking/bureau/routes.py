"""The bureau's pages. Every action here is written to the audit log by its service."""
from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..accounts import services as accounts
from ..accounts.models import User
from ..audit.services import browse_query, record
from ..core.guards import bureau_required
from ..core.pagination import paginate, parse_page
from ..core.views import done, load, on_refusal
from ..extensions import db
from ..jobs import services as jobs
from ..jobs.views import start_from_page
from ..organisations import services as organisations
from ..organisations.forms import RejectForm
from ..organisations.models import Organisation
from ..reference.models import REFERENCE_MODELS
from ..reference.services import all_of
from . import exports, queries
from .forms import PlanTargetForm, ReferenceLabelForm
from .services import update_reference_row

bp = Blueprint("bureau", __name__, url_prefix="/bureau")

REFRESH_JOB = "recommendations.refresh"


def _organisation(organisation_id):
    """A school or enterprise (404 for the bureau's own row); refusals are shown on its page."""
    organisation = load(Organisation, organisation_id, visible=lambda o: not o.is_bureau)
    on_refusal(url_for("bureau.organisation_detail", organisation_id=organisation.id))
    return organisation


def _organisation_filters(args):
    """status, kind and q as the queue and its export read them."""
    status = args.get("status", "pending")
    if status not in ("pending", "verified", "rejected", ""):
        status = "pending"
    kind = args.get("kind", "") if args.get("kind") in ("school", "enterprise") else ""
    return {"status": status, "kind": kind, "q": args.get("q", "").strip()[:50]}


@bp.get("/organisations")
@bureau_required
def organisations_queue():
    filters = _organisation_filters(request.args)
    page = paginate(queries.organisations_query(**filters), parse_page(request.args.get("page")), 50, session=db.session)
    return render_template("bureau/organisations.html", page=page, bulk_selectable=filters["status"] == "pending", **filters)


@bp.get("/organisations/export.xlsx")
@bureau_required
def export_organisations():
    return exports.organisations(db.session.scalars(queries.organisations_query(**_organisation_filters(request.args))))


@bp.get("/organisations/<int:organisation_id>")
@bureau_required
def organisation_detail(organisation_id):
    organisation = load(Organisation, organisation_id, visible=lambda o: not o.is_bureau)
    return render_template("bureau/organisation_detail.html", organisation=organisation, reject_form=RejectForm())


@bp.post("/organisations/<int:organisation_id>/verify")
@bureau_required
def verify(organisation_id):
    organisation = _organisation(organisation_id)
    organisations.verify(organisation, by=current_user)
    return done(url_for("bureau.organisation_detail", organisation_id=organisation_id),
                _l("已审核通过：%(name)s", name=organisation.name))


@bp.post("/organisations/<int:organisation_id>/reject")
@bureau_required
def reject(organisation_id):
    organisation = _organisation(organisation_id)
    form = RejectForm()
    if not form.validate_on_submit():
        return render_template("bureau/organisation_detail.html", organisation=organisation, reject_form=form), 400
    organisations.reject(organisation, form.reason.data, by=current_user)
    return done(url_for("bureau.organisation_detail", organisation_id=organisation_id),
                _l("已驳回：%(name)s", name=organisation.name))


@bp.post("/organisations/bulk-verify")
@bureau_required
def bulk_verify():
    ids = [int(value) for value in request.form.getlist("ids") if value.isdigit()]
    count = organisations.bulk_verify(ids, by=current_user)
    return done(url_for("bureau.organisations_queue"), _l("已批量审核通过 %(count)s 家机构。", count=count))


@bp.post("/users/<int:user_id>/<any(disable, enable):action>")
@bureau_required
def toggle_user(user_id, action):
    user = load(User, user_id)
    back = (url_for("bureau.organisations_queue") if user.organisation.is_bureau
            else url_for("bureau.organisation_detail", organisation_id=user.organisation_id))
    on_refusal(back)
    accounts.set_account_active(user, action == "enable", by=current_user)
    return done(back, _l("账号状态已更新。"))


def _audit_filters(args):
    return {"action": args.get("action", "").strip()[:60], "user_query": args.get("user", "").strip()[:120]}


@bp.get("/audit")
@bureau_required
def audit_log():
    filters = _audit_filters(request.args)
    page = paginate(browse_query(**filters), parse_page(request.args.get("page")), 50, session=db.session)
    return render_template("bureau/audit.html", page=page, **filters)


@bp.get("/audit/export.xlsx")
@bureau_required
def export_audit():
    return exports.audit(db.session.scalars(browse_query(**_audit_filters(request.args))))


@bp.get("/reference")
@bureau_required
def reference():
    tables = {name: all_of(model) for name, model in REFERENCE_MODELS.items()}
    return render_template("bureau/reference.html", tables=tables)


@bp.route("/reference/<any(clusters, levels, modes, need_kinds, districts, plan_targets):table>/<code>", methods=["GET", "POST"])
@bureau_required
def edit_reference(table, code):
    row = load(REFERENCE_MODELS[table], code)
    form_class = PlanTargetForm if table == "plan_targets" else ReferenceLabelForm
    form = form_class(obj=row)
    if form.validate_on_submit():
        data = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
        update_reference_row(row, data, by=current_user)
        return done(url_for("bureau.reference"))
    return render_template("bureau/edit_reference.html", form=form, row=row, table=table)


@bp.get("/recommendations")
@bureau_required
def recommendations():
    from ..recommendations import queries as recommendation_queries
    from ..recommendations.views import rows
    from ..reference.models import Cluster, District

    cluster = request.args.get("cluster", "").strip()[:40]
    district = request.args.get("district", "").strip()[:40]
    query = recommendation_queries.unmatched_citywide(cluster=cluster, district=district)
    page = paginate(query, parse_page(request.args.get("page")), 30, session=db.session)
    return render_template("bureau/recommendations.html", page=page, rows=rows(page.items, perspective="need"),
                           cluster=cluster, district=district, clusters=all_of(Cluster), districts=all_of(District),
                           refresh_job=jobs.active(REFRESH_JOB), last_refresh=jobs.latest_finished(REFRESH_JOB))


@bp.post("/recommendations/refresh")
@bureau_required
def refresh_recommendations():
    """Start the full recommendation refresh in the background and show its progress."""
    return start_from_page(REFRESH_JOB, by=current_user, back_url=url_for("bureau.recommendations"),
                           on_created=lambda job: record("recommendations.refresh", user=current_user, obj=job))
