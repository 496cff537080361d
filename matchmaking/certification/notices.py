"""The public notice (公示) page: anyone reads it and may file an objection while it runs."""
from flask import Blueprint, render_template, url_for
from flask_babel import lazy_gettext as _l

from ..core.views import done, on_refusal
from ..extensions import limiter
from . import services
from .forms import ObjectionForm

bp = Blueprint("notices", __name__)


@bp.get("/notices")
def index():
    running, results = services.public_notices()
    return render_template("certification/notices.html", running=running, results=results)


@bp.route("/notices/<int:certification_id>", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def notice(certification_id):
    certification = services.public_notice(certification_id)
    form = ObjectionForm()
    if form.validate_on_submit():
        on_refusal(form=form, render=lambda: render_template(
            "certification/notice.html", certification=services.public_notice(certification_id), form=form))
        services.file_objection(certification, name=form.name.data, contact=form.contact.data, text=form.text.data)
        return done(url_for("notices.notice", certification_id=certification.id),
                    _l("异议已提交，审核部门将核查并答复。感谢您的监督。"))
    status = 400 if form.is_submitted() else 200
    return render_template("certification/notice.html", certification=certification, form=form), status
