"""Policy pages: the public list and detail at /policies, the bureau's pages under /policies/manage.
Routes parse, authorise, call a service and render; every write is one transaction."""
from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..core.guards import bureau_required
from ..core.views import done, on_refusal
from ..core.pagination import paginate, parse_page
from ..extensions import db
from . import queries, services
from .forms import PolicyForm
from .models import CATEGORIES, STATUSES
from .rendering import plain_text, render

bp = Blueprint("policies", __name__, url_prefix="/policies")

DONE = {"publish": _l("政策已发布。"), "archive": _l("政策已归档，不再公开显示。")}
ALREADY = {"publish": _l("该政策已处于发布状态。"), "archive": _l("该政策已处于归档状态。")}


@bp.app_template_global("latest_policies")
def latest_policies(limit=5):
    """Published policies in force today, newest first (for the home page)."""
    return queries.latest_in_force(services.local_today(), limit)


@bp.context_processor
def _helpers():
    return {"categories": CATEGORIES, "statuses": STATUSES, "excerpt": plain_text, "today": services.local_today()}


@bp.get("")
def index():
    filters = queries.read_filters(request.args)
    page = queries.search(filters, today=services.local_today(), page=parse_page(request.args.get("page")),
                          per_page=current_app.config["PER_PAGE"])
    return render_template("policies/index.html", page=page, filters=filters)


@bp.get("/<int:policy_id>")
def detail(policy_id):
    policy = services.get(policy_id, current_user)
    return render_template("policies/detail.html", policy=policy, body=render(policy.body),
                           manage=services.is_bureau(current_user))


@bp.get("/manage")
@bureau_required
def manage():
    status = request.args.get("status", "")
    page = paginate(queries.bureau_query(status), parse_page(request.args.get("page")),
                    current_app.config["PER_PAGE"], session=db.session)
    return render_template("policies/manage.html", page=page, status=status)


def _form_page(form, policy=None):
    """Show the form; on POST preview the body, or validate and save it (a rejected form keeps
    what was typed and answers 400)."""
    if request.method != "POST":
        return render_template("policies/form.html", form=form, policy=policy, preview=None)
    if request.form.get("action") == "preview":
        return render_template("policies/form.html", form=form, policy=policy, preview=render(form.body.data))
    policy_id = policy.id if policy is not None else None
    on_refusal(form=form, render=lambda: render_template(
        "policies/form.html", form=form, preview=None,
        policy=services.get(policy_id, current_user, manage=True) if policy_id else None))
    if not form.validate():
        return render_template("policies/form.html", form=form, policy=policy, preview=None), 400
    if policy is None:
        policy = services.create(form.to_data(), by=current_user)
    else:
        services.update(policy, form.to_data(), by=current_user)
    db.session.flush()
    return done(url_for("policies.detail", policy_id=policy.id),
                _l("政策已保存为草稿，发布后公众可见。") if policy.is_draft else _l("政策已保存。"))


@bp.route("/manage/new", methods=["GET", "POST"])
@bureau_required
def create():
    return _form_page(PolicyForm())


@bp.route("/manage/<int:policy_id>/edit", methods=["GET", "POST"])
@bureau_required
def edit(policy_id):
    policy = services.get(policy_id, current_user, manage=True)
    return _form_page(PolicyForm() if request.method == "POST" else PolicyForm(obj=policy), policy)


@bp.post("/manage/<int:policy_id>/<any(publish, archive):action>")
@bureau_required
def transition(policy_id, action):
    policy = services.get(policy_id, current_user, manage=True)
    back = url_for("policies.detail", policy_id=policy_id)
    on_refusal(back)
    changed = services.transition(policy, action, by=current_user)
    return done(back, DONE[action] if changed else ALREADY[action], "success" if changed else "info")
