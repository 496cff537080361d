"""One blueprint shape for both posting kinds: public list and detail, owner's create,
edit and lifecycle actions. Routes only parse, authorise, call a service and render."""
from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.errors import NotFound
from ..core.pagination import parse_page
from ..core.permissions import authorize, can
from ..core.views import done, on_refusal
from ..extensions import db
from ..reference.models import Cluster, District, Level
from ..reference.services import all_of
from . import lifecycle, queries, services

#: An export holds at most this many rows (the list's filters narrow it down).
EXPORT_MAX_ROWS = 10000


def read_filters(spec, args):
    """The list filters from a query string; unknown values are ignored, not errors."""
    from ..reference.services import codes_of

    filters = {
        "cluster": args.get("cluster", ""),
        "level": args.get("level", ""),
        "district": args.get("district", ""),
        "facet": args.get(spec.facet_param, ""),
        "q": args.get("q", "").strip()[:100],
        "sort": args.get("sort", "newest"),
    }
    for key, model in (("cluster", Cluster), ("level", Level), ("district", District), ("facet", spec.facet_model)):
        if filters[key] and filters[key] not in codes_of(model):
            filters[key] = ""
    if filters["sort"] not in queries.SORTS:
        filters["sort"] = "newest"
    return filters


def make_blueprint(spec, *, detail_extras=None):
    """Build the blueprint for `spec`. `detail_extras(posting)` may add context to the detail page."""
    bp = Blueprint(spec.name, __name__, url_prefix=f"/{spec.name}")

    def reference_context():
        return {
            "clusters": all_of(Cluster),
            "levels": all_of(Level),
            "districts": all_of(District),
            "facets": all_of(spec.facet_model),
        }

    @bp.get("")
    def index():
        filters = read_filters(spec, request.args)
        page = queries.search(spec, filters, page=parse_page(request.args.get("page")), per_page=current_app.config["PER_PAGE"])
        return render_template("postings/list.html", spec=spec, page=page, filters=filters, **reference_context())

    @bp.get("/export.xlsx")
    def export():
        """The public list as the visitor filtered it, every page, in the import template's columns."""
        filters = read_filters(spec, request.args)
        items = db.session.scalars(queries.public_query(spec, **filters).limit(EXPORT_MAX_ROWS))
        return _excel(spec, items, spec.labels["list_title"])

    @bp.get("/mine/export.xlsx")
    @login_required
    def export_mine():
        """The organisation's own items as the workspace lists them (drafts included): the file to edit and re-import."""
        authorize(current_user, "posting.create", spec)
        items = queries.owned(spec, current_user.organisation_id, include_archived=request.args.get("archived") == "1")
        return _excel(spec, items, _l("我的%(noun)s", noun=spec.noun))

    @bp.get("/<int:posting_id>")
    def detail(posting_id):
        posting = services.get_visible(spec, posting_id, current_user)
        is_owner = current_user.is_authenticated and current_user.organisation_id == posting.organisation_id
        extras = detail_extras(posting) if detail_extras else {}
        return render_template(
            "postings/detail.html",
            spec=spec,
            posting=posting,
            is_owner=is_owner,
            actions=lifecycle.allowed_actions(posting) if is_owner else [],
            action_labels=lifecycle.ACTION_LABELS,
            **extras,
        )

    @bp.route("/new", methods=["GET", "POST"])
    @login_required
    def create():
        authorize(current_user, "posting.create", spec)
        form = spec.form_class()
        if form.validate_on_submit():
            posting = services.create_posting(spec, form.to_data(), by=current_user)
            db.session.flush()
            return done(url_for(f"{spec.name}.detail", posting_id=posting.id), _l("已保存为草稿。"))
        return render_template("postings/form.html", spec=spec, form=form, posting=None)

    @bp.route("/<int:posting_id>/edit", methods=["GET", "POST"])
    @login_required
    def edit(posting_id):
        posting = services.get_owned(spec, posting_id, current_user)
        if not can(current_user, "posting.edit", posting):
            raise NotFound(_l("内容不存在。"))
        form = spec.form_class(obj=posting)
        if request.method == "GET" and "mode_codes" in spec.extra_inputs:
            form.mode_codes.data = posting.mode_codes
        if form.validate_on_submit():
            services.update_posting(spec, posting, form.to_data(), by=current_user)
            return done(url_for(f"{spec.name}.detail", posting_id=posting.id), _l("修改已保存。"))
        return render_template("postings/form.html", spec=spec, form=form, posting=posting)

    @bp.post("/<int:posting_id>/<any(publish, close, reopen, archive):action>")
    @login_required
    def transition(posting_id, action):
        posting = services.get_owned(spec, posting_id, current_user)
        on_refusal(url_for(f"{spec.name}.detail", posting_id=posting.id))
        services.transition_posting(posting, action, by=current_user)
        target = url_for("main.workspace") if posting.is_archived else url_for(f"{spec.name}.detail", posting_id=posting.id)
        return done(target, _l("已%(action)s。", action=lifecycle.ACTION_LABELS[action]))

    return bp


def _excel(spec, items, title):
    from ..core.excel import download
    from ..exchange.sheets import export_file

    return download(*export_file(spec.name, items, str(title)))
