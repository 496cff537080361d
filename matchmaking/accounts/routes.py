"""Login, logout, password change and an organisation's accounts."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..core.permissions import authorize
from ..core.views import done, on_refusal
from ..extensions import db, limiter
from . import services
from .forms import AddAccountForm, ChangePasswordForm, LoginForm
from .safety import end_session, is_safe_next, start_session

bp = Blueprint("accounts", __name__)


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.LoginRefused as refused:
            flash(refused.message, "danger")
        else:
            start_session(user)
            flash(_l("欢迎回来，%(name)s。", name=user.name or user.email), "success")
            target = form.next.data if is_safe_next(form.next.data) else url_for("main.workspace")
            return redirect(target)
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    current_user.revoke_sessions()
    end_session()
    flash(_l("您已安全退出。"), "info")
    return redirect(url_for("main.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    on_refusal(form=form, render=lambda: render_template("accounts/password.html", form=form))
    if form.validate_on_submit():
        services.change_password(current_user, form.current_password.data, form.new_password.data)
        db.session.commit()  # the new session version must be stored before this session is renewed with it
        start_session(current_user._get_current_object())  # this session stays; every other one ends
        return done(url_for("main.workspace"), _l("密码已修改，其他设备上的登录已失效。"))
    return render_template("accounts/password.html", form=form)


@bp.route("/organisation/accounts", methods=["GET", "POST"])
@login_required
def organisation_accounts():
    authorize(current_user, "organisation.manage_accounts", current_user.organisation)
    form = AddAccountForm()
    on_refusal(form=form, render=lambda: render_template("accounts/organisation_accounts.html", form=form,
                                                         users=current_user.organisation.users))
    if form.validate_on_submit():
        services.create_account(
            current_user.organisation,
            email=form.account_email.data,
            name=form.account_name.data,
            password=form.password.data,
            is_org_admin=form.is_org_admin.data,
            by=current_user,
        )
        return done(url_for("accounts.organisation_accounts"), _l("账号已添加。"))
    return render_template("accounts/organisation_accounts.html", form=form, users=current_user.organisation.users)


@bp.post("/organisation/accounts/<int:user_id>/<any(disable, enable):action>")
@login_required
def toggle_account(user_id, action):
    authorize(current_user, "organisation.manage_accounts", current_user.organisation)
    back = url_for("accounts.organisation_accounts")
    on_refusal(back)
    user = services.get_user_in_org(user_id, current_user.organisation)
    services.set_account_active(user, action == "enable", by=current_user)
    return done(back, _l("账号状态已更新。"))
