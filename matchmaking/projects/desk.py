"""The bureau's follow-up desk: every project, filtered, flagged, exportable."""
from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..audit.services import record
from ..core.guards import bureau_required
from ..core.pagination import paginate, parse_page
from ..core.views import done
from ..extensions import db
from ..reference.models import Cluster, District, Mode
from ..reference.services import all_of
from . import exports, queries
from .models import STATUS_LABELS
from .reminders import send_reminders

bp = Blueprint("bureau_projects", __name__, url_prefix="/bureau/projects")


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
    return exports.projects(db.session.scalars(queries.desk_query(read_filters(request.args))))


@bp.post("/reminders")
@bureau_required
def reminders():
    sent = send_reminders()
    record("project.reminders", user=current_user, detail=f"sent={sent}")
    return done(url_for("bureau_projects.desk"), _l("已发送 %(n)s 条提醒。", n=sent))
