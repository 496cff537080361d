"""Wiring of extensions, security, i18n, error pages and blueprints onto an app."""
from datetime import datetime, timezone

from flask import g, render_template, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from . import rules  # noqa: F401  (registers every permission rule)
from .core import permissions
from .core.errors import DomainError
from .core.i18n import is_english, label, select_locale
from .core.timeutil import local_date, local_datetime
from .core.views import finish_transaction, handle_refusal
from .extensions import babel, csrf, db, limiter, login_manager, migrate, talisman

MIGRATIONS_DIR = __import__("pathlib").Path(__file__).resolve().parent / "migrations"

CSP = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_app(app):
    from . import models  # noqa: F401  (register every table)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    # Relative to the package folder: matchmaking/translations.
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    limiter.init_app(app)
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        content_security_policy=CSP,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
    )
    _init_login(app)
    _init_templates(app)
    _init_errors(app)
    _register_blueprints(app)
    _register_commands(app)


def _init_login(app):
    from .accounts.models import User

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id):
        # The session carries "id:version"; an old version means a revoked session.
        try:
            raw_id, raw_version = user_id.split(":")
            user = db.session.get(User, int(raw_id))
        except (ValueError, AttributeError):
            return None
        if user is None or not user.active or str(user.session_version) != raw_version:
            return None
        return user

    @app.before_request
    def enforce_idle_timeout():
        session.permanent = True
        if not current_user.is_authenticated:
            return
        now = datetime.now(timezone.utc).timestamp()
        last_seen = session.get("last_seen", now)
        limit = app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
        if now - last_seen > limit:
            logout_user()
            session.clear()
            g.session_expired = True
            return
        session["last_seen"] = now


def _init_templates(app):
    from .main.nav import navigation_counts

    app.jinja_env.globals.update(label=label, is_english=is_english, navigation_counts=navigation_counts,
                                 can=lambda name, obj=None: permissions.can(current_user, name, obj))
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    app.template_filter("datetime")(local_datetime)
    app.template_filter("date")(local_date)

    @app.context_processor
    def inject_languages():
        return {"languages": app.config["LANGUAGES"], "current_lang": select_locale()}


def _wants_json():
    return request.path.startswith("/api/")


def _init_errors(app):
    from flask import jsonify

    messages = {
        400: _l("请求有误，请检查后重试。"),
        403: _l("您没有权限执行此操作。"),
        404: _l("页面不存在，或您无权查看。"),
        405: _l("不支持该请求方式。"),
        413: _l("上传的内容过大。"),
        429: _l("操作过于频繁，请稍后再试。"),
        500: _l("服务器出了点问题，我们已记录，请稍后再试。"),
    }

    def render_error(code, message=None):
        message = message or messages.get(code, messages[500])
        if _wants_json():
            return jsonify({"error": {"code": code, "message": str(message), "fields": {}}}), code
        return render_template("errors/error.html", code=code, message=message), code

    @app.errorhandler(DomainError)
    def refused(error):
        if _wants_json():  # the API blueprint answers its own; this is a refusal outside it
            db.session.rollback()
            return render_error(error.status_code, error.message if error.status_code not in (403, 404) else None)
        return handle_refusal(error, render_error)

    app.after_request(finish_transaction)

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, _l("页面已过期或表单校验失败，请刷新页面后重新提交。"))

    @app.errorhandler(HTTPException)
    def http_error(error):
        body, code = render_error(error.code or 500)
        # Keep the headers the exception carries (e.g. Allow on 405), only the body is ours.
        headers = {key: value for key, value in error.get_headers() if key.lower() != "content-type"}
        return body, code, headers

    @app.errorhandler(Exception)
    def unexpected_error(error):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s", request.path)
        return render_error(500)


def _register_blueprints(app):
    from .accounts.routes import bp as accounts_bp
    from .attributes.routes import bp as attributes_bp
    from .api.routes import bp as api_bp
    from .events.desk import bp as events_desk_bp
    from .events.routes import bp as events_bp
    from .imports.routes import bp as imports_bp
    from .jobs.routes import bp as jobs_bp
    from .bureau.routes import bp as bureau_bp
    from .certification.notices import bp as notices_bp
    from .certification.routes import bp as certification_bp
    from .dashboard.routes import bp as dashboard_bp
    from .main.routes import bp as main_bp
    from .needs.routes import bp as needs_bp
    from .organisations.desk import bp as departments_bp
    from .organisations.routes import bp as organisations_bp
    from .notifications.routes import bp as notifications_bp
    from .pairings.routes import bp as pairings_bp
    from .policies.routes import bp as policies_bp
    from .programmes.routes import bp as programmes_bp
    from .projects.desk import bp as desk_bp
    from .projects.routes import bp as projects_bp
    from .workdays.routes import bp as workdays_bp

    for blueprint in (main_bp, accounts_bp, organisations_bp, programmes_bp, needs_bp, bureau_bp, policies_bp,
                      pairings_bp, projects_bp, desk_bp, notifications_bp, events_bp, events_desk_bp, api_bp, jobs_bp,
                      imports_bp, dashboard_bp, certification_bp, notices_bp, departments_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(workdays_bp)
    app.register_blueprint(attributes_bp)
    _connect_signals()


def _connect_signals():
    """Cross-domain reactions, wired once here so domains do not import each other. Pairings react
    first: an item that closes ends its open pairings before its suggestions are withdrawn."""
    from .pairings import reactions as pairing_reactions
    from .recommendations import reactions as recommendation_reactions

    pairing_reactions.connect()
    recommendation_reactions.connect()


def _register_commands(app):
    from .cli import register_commands

    register_commands(app)
