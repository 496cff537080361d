"""Registration, public profiles and an organisation's own profile."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..accounts.safety import start_session
from ..core.errors import DomainError, NotFound
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
    if form.validate_on_submit():
        try:
            organisation, user = services.register_organisation(
                kind=form.kind.data,
                name=form.name.data,
                code=form.code.data,
                profile=form.profile_data(form.kind.data),
                account={"email": form.account_email.data, "name": form.account_name.data, "password": form.password.data},
                consent=form.consent.data,
            )
        except DomainError as error:
            db.session.rollback()
            field = getattr(form, error.field or "name", None) or form.name
            if error.field == "email":
                field = form.account_email
            field.errors = list(field.errors) + [error.message]
        else:
            db.session.commit()
            start_session(user)
            flash(_l("注册成功。人社局审核通过前，您可以先起草内容，审核通过后即可发布。"), "success")
            return redirect(url_for("main.workspace"))
    return render_template("organisations/register.html", form=form)


@bp.get("/orgs/<int:organisation_id>")
def profile(organisation_id):
    try:
        organisation = services.get_public_organisation(organisation_id)
    except NotFound:
        abort(404)
    spec = PROGRAMMES if organisation.is_school else NEEDS
    postings = list(db.session.scalars(posting_queries.public_query(spec, organisation_id=organisation.id).limit(50)))
    return render_template("organisations/profile.html", organisation=organisation, spec=spec, postings=postings)


@bp.route("/organisation/profile", methods=["GET", "POST"])
@login_required
def edit_profile():
    organisation = current_user.organisation
    if not current_user.is_org_admin or organisation.is_bureau:
        abort(403)
    form = ProfileForm(obj=organisation, kind=organisation.kind)
    if form.validate_on_submit():
        services.update_profile(organisation, form.profile_data(organisation.kind), by=current_user)
        db.session.commit()
        flash(_l("机构资料已保存。"), "success")
        return redirect(url_for("organisations.edit_profile"))
    return render_template("organisations/edit_profile.html", form=form, organisation=organisation)


@bp.post("/organisation/resubmit")
@login_required
def resubmit():
    if not current_user.is_org_admin:
        abort(403)
    try:
        services.resubmit(current_user.organisation, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_l("已重新提交审核。"), "success")
    return redirect(url_for("main.workspace"))
