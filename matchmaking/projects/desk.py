"""The bureau's follow-up desk: every project, filtered, flagged, exportable."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from ..audit.services import record
from ..core.excel import download, workbook_bytes
from ..core.guards import bureau_required
from ..core.i18n import label
from ..core.pagination import paginate, parse_page
from ..extensions import db
from ..reference.models import Cluster, District, Mode
from ..reference.services import all_of
from . import queries, services
from .models import STATUS_LABELS
from .reminders import send_reminders

bp = Blueprint("bureau_projects", __name__, url_prefix="/bureau/projects")

EXPORT_FILENAME = _l("合作项目跟踪表")
EXPORT_HEADERS = [_l("编号"), _l("项目名称"), _l("学校"), _l("企业"), _l("产业集群"), _l("区县"), _l("类型"), _l("状态"),
                  _l("签约日期"), _l("计划学生"), _l("计划学徒"), _l("计划培训职工"), _l("已安置学生"), _l("已招收学徒"),
                  _l("已培训职工"), _l("最近跟踪"), _l("超期未跟踪"), _l("逾期里程碑"), _l("人社局备注")]


def read_filters(args):
    return {key: args.get(key, "").strip()[:60] for key in queries.DESK_FILTERS}


@bp.get("")
@bureau_required
def desk():
    filters = read_filters(request.args)
    page = paginate(queries.desk_query(filters), parse_page(request.args.get("page")), 50, session=db.session)
    return render_template(
        "projects/desk.html", page=page, filters=filters, status_labels=STATUS_LABELS,
        clusters=all_of(Cluster), districts=all_of(District), modes=all_of(Mode),
        is_stale=queries.is_stale, overdue=queries.overdue_milestones,
    )


@bp.get("/export.xlsx")
@bureau_required
def export():
    filters = read_filters(request.args)
    rows = []
    for project in db.session.scalars(queries.desk_query(filters)):
        totals = services.actual_totals(project)
        rows.append([
            project.id, project.title, project.school.name, project.enterprise.name, label(project.cluster),
            label(project.district), label(project.type), str(project.status_label),
            format_date(project.agreement_date, "yyyy-MM-dd") if project.agreement_date else "",
            project.planned_students, project.planned_apprentices, project.planned_trainees,
            totals["students_placed"], totals["apprentices_enrolled"], totals["employees_trained"],
            format_date(project.last_activity_at, "yyyy-MM-dd"),
            str(_l("是")) if queries.is_stale(project) else "", len(queries.overdue_milestones(project)), project.bureau_note,
        ])
    data = workbook_bytes(str(_l("合作项目")), EXPORT_HEADERS, rows)
    return download(f"{EXPORT_FILENAME}.xlsx", data)


@bp.post("/reminders")
@bureau_required
def reminders():
    sent = send_reminders()
    record("project.reminders", user=current_user, detail=f"sent={sent}")
    db.session.commit()
    flash(_l("已发送 %(n)s 条提醒。", n=sent), "success")
    return redirect(url_for("bureau_projects.desk"))
