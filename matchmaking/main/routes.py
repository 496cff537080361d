"""Home, language switch, privacy notice and the signed-in user's workspace."""
from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from ..accounts.safety import is_safe_next
from ..extensions import db
from ..needs.spec import NEEDS
from ..organisations.models import Organisation
from ..postings import queries as posting_queries
from ..programmes.spec import PROGRAMMES
from ..recommendations import views as recommendation_views
from ..reference.models import Cluster
from ..reference.services import all_of

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    latest_programmes = list(db.session.scalars(posting_queries.public_query(PROGRAMMES).limit(6)))
    latest_needs = list(db.session.scalars(posting_queries.public_query(NEEDS).limit(6)))
    counts = {
        "programmes": db.session.scalar(select(func.count()).select_from(posting_queries.public_query(PROGRAMMES).subquery())),
        "needs": db.session.scalar(select(func.count()).select_from(posting_queries.public_query(NEEDS).subquery())),
        "schools": db.session.scalar(select(func.count(Organisation.id)).where(Organisation.kind == "school", Organisation.status == "verified")),
        "enterprises": db.session.scalar(select(func.count(Organisation.id)).where(Organisation.kind == "enterprise", Organisation.status == "verified")),
    }
    return render_template(
        "main/index.html", latest_programmes=latest_programmes, latest_needs=latest_needs, counts=counts, clusters=all_of(Cluster),
        programmes_spec=PROGRAMMES, needs_spec=NEEDS,
    )


@bp.post("/lang")
def set_language():
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    target = request.form.get("next", "")
    return redirect(target if is_safe_next(target) else url_for("main.index"))


@bp.get("/privacy")
def privacy():
    return render_template("main/privacy.html", version=current_app.config["PRIVACY_NOTICE_VERSION"])


@bp.get("/workspace")
@login_required
def workspace():
    organisation = current_user.organisation
    if organisation.is_bureau:
        return redirect(url_for("bureau.organisations_queue"))
    if organisation.is_department:
        return redirect(url_for("certification.reviews") if organisation.department in ("district", "ndrc", "education")
                        else url_for("attributes.reviews") if organisation.department in ("economy", "sasac")
                        else url_for("dashboard.bureau"))
    spec = PROGRAMMES if organisation.is_school else NEEDS
    show_archived = request.args.get("archived") == "1"
    postings = posting_queries.owned(spec, organisation.id, include_archived=show_archived)
    suggestions = recommendation_views.for_organisation(organisation, current_user)
    return render_template("main/workspace.html", organisation=organisation, spec=spec, postings=postings,
                           show_archived=show_archived, suggestions=suggestions,
                           other_kind="needs" if organisation.is_school else "programmes")
