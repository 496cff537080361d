"""Registration, public profiles and an organisation's own profile."""
from flask import Blueprint, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..accounts.safety import start_session
from ..core.permissions import authorize
from ..core.views import done, on_refusal
from ..extensions import db, limiter
from ..needs.spec import NEEDS
from ..postings import queries as posting_queries
from ..programmes.spec import PROGRAMMES
from . import services
from .forms import ProfileForm, RegistrationForm

bp = Blueprint("organisations", __name__)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def register():
    form = RegistrationForm()
    on_refusal(form=form, render=lambda: render_template("organisations/register.html", form=form))
    if form.validate_on_submit():
        organisation, user = services.register_organisation(
            kind=form.kind.data,
            name=form.name.data,
            code=form.code.data,
            profile=form.profile_data(form.kind.data),
            account={"email": form.account_email.data, "name": form.account_name.data, "password": form.password.data},
            consent=form.consent.data,
        )
        db.session.commit()  # before the session starts: the new account must exist for the login cookie
        start_session(user)
        return done(url_for("main.workspace"), _l("注册成功。人社局审核通过前，您可以先起草内容，审核通过后即可发布。"))
    return render_template("organisations/register.html", form=form)


@bp.get("/orgs/<int:organisation_id>")
def profile(organisation_id):
    organisation = services.get_public_organisation(organisation_id)
    spec = PROGRAMMES if organisation.is_school else NEEDS
    postings = list(db.session.scalars(posting_queries.public_query(spec, organisation_id=organisation.id).limit(50)))
    return render_template("organisations/profile.html", organisation=organisation, spec=spec, postings=postings)


@bp.route("/organisation/profile", methods=["GET", "POST"])
@login_required
def edit_profile():
    organisation = current_user.organisation
    authorize(current_user, "organisation.edit_profile", organisation)
    form = ProfileForm(obj=organisation, kind=organisation.kind)
    if form.validate_on_submit():
        services.update_profile(organisation, form.profile_data(organisation.kind), by=current_user)
        return done(url_for("organisations.edit_profile"), _l("机构资料已保存。"))
    return render_template("organisations/edit_profile.html", form=form, organisation=organisation)


@bp.post("/organisation/resubmit")
@login_required
def resubmit():
    authorize(current_user, "organisation.resubmit", current_user.organisation)
    on_refusal(url_for("main.workspace"))
    services.resubmit(current_user.organisation, by=current_user)
    return done(url_for("main.workspace"), _l("已重新提交审核。"))
