"""The dashboard pages (public summary, the bureau's dashboard, drill-down lists, Excel report) and the
plan-record pages (list, forms, review queue). Routes parse, authorise, call a service and render."""
from flask import Blueprint, abort, current_app, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.excel import download
from ..core.guards import bureau_required, government_required
from ..core.permissions import authorize, can, require
from ..core.views import done, on_refusal
from ..core.i18n import label
from ..core.pagination import paginate, parse_page
from ..extensions import db, limiter
from ..projects.files import absolute
from ..reference.models import Cluster, District
from ..reference.services import all_of
from . import charts, queries, report, services
from .forms import PlanRecordForm, ReviewRejectForm
from .models import KIND_LABELS, STATUS_LABELS

bp = Blueprint("dashboard", __name__)


# --- dashboard ----------------------------------------------------------------------------------


def _chart_data(data):
    months = [month.strftime("%Y-%m") for month, _ in data["trend"]]
    trend = charts.line_chart(months, [(metric.key, metric.title, [values[metric.key] for _, values in data["trend"]])
                                       for metric in queries.TREND_METRICS])
    cluster_series = [(key, queries.METRICS[key].title) for key in ("needs", "programmes", "projects_implementing")]
    by_cluster = charts.bar_chart([(label(row), [values[key]["value"] for key, _ in cluster_series]) for row, values in data["by_cluster"]],
                                  cluster_series)
    return {"trend": trend, "by_cluster": by_cluster, "progress": charts.progress}


def _public_limit():
    return current_app.config["PUBLIC_DASHBOARD_RATE_LIMIT"]


@bp.get("/dashboard")
@limiter.limit(_public_limit)
def public():
    """Open to anyone and about a hundred aggregate queries: rate-limited per client."""
    data = queries.dashboard(queries.ALL_CITY)
    return render_template("dashboard/public.html", data=data, charts=_chart_data(data), metrics=queries, drill=False, filter_args={})


@bp.get("/bureau/dashboard")
@government_required
def bureau():
    filters = queries.clean_filters(request.args)
    data = queries.dashboard(filters)
    return render_template("dashboard/bureau.html", data=data, charts=_chart_data(data), metrics=queries, filters=filters, drill=True,
                           filter_args={key: value for key, value in filters.items() if value},
                           clusters=all_of(Cluster), districts=all_of(District))


@bp.get("/bureau/dashboard/figures/<key>")
@government_required
def figure(key):
    metric = queries.METRICS.get(key)
    if metric is None:
        abort(404)
    filters = queries.clean_filters(request.args)
    month = queries.parse_month(request.args.get("month"))
    if metric.monthly and month is None:
        abort(404)
    result = queries.figure(metric, filters, month if metric.monthly else None)
    rows = queries.drill_rows(metric, filters, month if metric.monthly else None)
    return render_template("dashboard/figure.html", metric=metric, result=result, rows=rows, filters=filters,
                           month=month if metric.monthly else None, clusters=all_of(Cluster), districts=all_of(District))


@bp.get("/bureau/dashboard/export.xlsx")
@government_required
def export():
    filters = queries.clean_filters(request.args)
    return download(f"{report.EXPORT_FILENAME}.xlsx", report.workbook_bytes(queries.dashboard(filters)))


# --- plan records -------------------------------------------------------------------------------


def _entrant():
    authorize(current_user, "plan_record.enter")


def _load(record_id):
    """The record (404 unless this user may see it); refusals are flashed on its page."""
    _entrant()
    record = services.load(record_id, current_user)
    on_refusal(url_for("dashboard.record", record_id=record.id))
    return record


def _list(template_status, endpoint):
    status = request.args.get("status", template_status)
    status = status if status in STATUS_LABELS else ""
    kind = request.args.get("kind", "")
    kind = kind if kind in KIND_LABELS else ""
    query = services.records_query(current_user, status=status, kind=kind)
    page = paginate(query, parse_page(request.args.get("page")), 30, session=db.session)
    return render_template("dashboard/records.html", page=page, status=status, kind=kind, endpoint=endpoint,
                           kinds=KIND_LABELS, statuses=STATUS_LABELS)


@bp.get("/plan-records")
@login_required
def records():
    _entrant()
    return _list("", "dashboard.records")


@bp.get("/bureau/plan-records")
@bureau_required
def review_queue():
    return _list("submitted", "dashboard.review_queue")


def _save(form, record=None):
    """Validate the upload, write the record and its file in one transaction. A refusal goes on
    its field (or the name field) and the form is shown again."""
    record_id = record.id if record is not None else None
    on_refusal(form=form, render=lambda: render_template(
        "dashboard/record_form.html", form=form, record=services.load(record_id, current_user) if record_id else None))
    upload = form.evidence_file.data
    data = upload.read() if upload and upload.filename else None
    if data is not None:
        services.check_evidence(upload.filename, data)
    if record is None:
        record = services.create(form.values(), by=current_user)
    else:
        services.update(record, form.values(), by=current_user)
    if data is not None:
        services.attach_evidence(record, upload.filename, data, by=current_user)
    db.session.flush()
    return record


@bp.route("/plan-records/new", methods=["GET", "POST"])
@login_required
def new():
    _entrant()
    form = PlanRecordForm(bureau=current_user.is_bureau)
    if form.validate_on_submit():
        record = _save(form)
        return done(url_for("dashboard.record", record_id=record.id),
                    _l("已保存。") if current_user.is_bureau else _l("已保存为草稿，确认无误后请提交审核。"))
    status = 400 if form.is_submitted() else 200
    return render_template("dashboard/record_form.html", form=form, record=None), status


@bp.route("/plan-records/<int:record_id>/edit", methods=["GET", "POST"])
@login_required
def edit(record_id):
    record = _load(record_id)
    if not can(current_user, "plan_record.edit", record):
        return done(url_for("dashboard.record", record_id=record.id), _l("已提交或已通过的记录不能修改。"), "warning")
    form = PlanRecordForm(obj=record, bureau=current_user.is_bureau)
    if request.method == "GET" and current_user.is_bureau:
        form.organisation_id.data = str(record.organisation_id)
    if form.validate_on_submit():
        _save(form, record)
        return done(url_for("dashboard.record", record_id=record.id))
    status = 400 if form.is_submitted() else 200
    return render_template("dashboard/record_form.html", form=form, record=record), status


@bp.get("/plan-records/<int:record_id>")
@login_required
def record(record_id):
    return render_template("dashboard/record.html", record=_load(record_id), reject_form=ReviewRejectForm())


@bp.post("/plan-records/<int:record_id>/submit")
@login_required
def submit(record_id):
    record = _load(record_id)
    services.submit(record, by=current_user)
    return done(url_for("dashboard.record", record_id=record.id), _l("已提交人社局审核。"))


@bp.post("/plan-records/<int:record_id>/approve")
@login_required
def approve(record_id):
    record = _load(record_id)
    services.approve(record, by=current_user)
    return done(url_for("dashboard.record", record_id=record.id), _l("已审核通过，该记录计入看板。"))


@bp.post("/plan-records/<int:record_id>/reject")
@login_required
def reject(record_id):
    record = _load(record_id)
    require(current_user.is_bureau)
    form = ReviewRejectForm()
    if not form.validate_on_submit():
        return render_template("dashboard/record.html", record=record, reject_form=form), 400
    services.reject(record, form.reason.data, by=current_user)
    return done(url_for("dashboard.record", record_id=record.id), _l("已驳回。"))


@bp.get("/plan-records/<int:record_id>/evidence")
@login_required
def evidence(record_id):
    record = _load(record_id)
    if not record.evidence_path or not absolute(record.evidence_path).is_file():
        abort(404)
    return send_file(absolute(record.evidence_path), mimetype="application/pdf", as_attachment=True,
                     download_name=record.evidence_name)
