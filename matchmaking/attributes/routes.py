"""Attribute pages: the enterprise's attributes and requests, the reviewers' queue and decisions.

Thin: each view loads with `services.get` (404 for anyone who may not see the request), says how a
refusal is shown, calls one service and answers with `done`."""
from flask import Blueprint, abort, render_template, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.permissions import authorize, is_member, require
from ..core.views import done, on_refusal
from ..projects.files import absolute
from . import services
from .forms import ConfirmForm, RejectForm, RequestForm

bp = Blueprint("attributes", __name__)


def _mine_page(form):
    enterprise = current_user.organisation
    return render_template("attributes/mine.html", enterprise=enterprise, current=services.current(enterprise),
                           requests=services.history(enterprise), form=form)


def _detail_page(item, *, confirm_form=None, reject_form=None):
    return render_template("attributes/detail.html", item=item,
                           confirm_form=confirm_form or ConfirmForm(prefix="confirm"),
                           reject_form=reject_form or RejectForm(prefix="reject"))


@bp.route("/organisation/attributes", methods=["GET", "POST"])
@login_required
def mine():
    """The enterprise's confirmed attributes, its requests, and the form to ask for a change."""
    require(is_member(current_user) and current_user.is_enterprise, _l("只有企业可以申请确认企业属性。"))
    form = RequestForm()
    if form.validate_on_submit():
        on_refusal(form=form, render=lambda: _mine_page(form))
        services.request_change(current_user.organisation, by=current_user, attribute=form.attribute.data,
                                value=form.wanted_value(), reason=form.reason.data, upload=form.upload())
        return done(url_for("attributes.mine"), _l("申请已提交，等待审核。"))
    return _mine_page(form), 400 if form.is_submitted() else 200


@bp.get("/attributes/<int:request_id>")
@login_required
def detail(request_id):
    return _detail_page(services.get(request_id, current_user))


#: decision → (its form, the service, the message after it)
DECISIONS = {
    "confirm": (ConfirmForm, services.confirm, _l("已确认，企业属性已更新。")),
    "reject": (RejectForm, services.reject, _l("已作出不予确认的决定。")),
}


@bp.post("/attributes/<int:request_id>/<any(confirm, reject):decision>")
@login_required
def decide(request_id, decision):
    item = services.get(request_id, current_user)
    form_class, service, message = DECISIONS[decision]
    form = form_class(prefix=decision)

    def page(target):
        return _detail_page(target, **{f"{decision}_form": form})

    if not form.validate_on_submit():
        return page(item), 400
    on_refusal(url_for("attributes.detail", request_id=request_id), form=form,
               render=lambda: page(services.get(request_id, current_user)))
    service(item, by=current_user, comment=form.comment.data)
    return done(url_for("attributes.reviews"), message)


@bp.get("/attributes/<int:request_id>/evidence")
@login_required
def evidence(request_id):
    item = services.get(request_id, current_user)
    path = absolute(item.evidence_path) if item.has_evidence else None
    if path is None or not path.is_file():
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True, download_name=item.evidence_name)


@bp.get("/reviews/attributes")
@login_required
def reviews():
    """市经济和信息化局 (规上), 市国资委 (国企) and the bureau (both): what waits, and what they decided."""
    authorize(current_user, "attribute.review_queue", message=_l("只有市经济和信息化局、市国资委和人社局可以确认企业属性。"))
    return render_template("attributes/reviews.html", waiting=services.queue(current_user),
                           decided=services.reviewed_by(current_user))
