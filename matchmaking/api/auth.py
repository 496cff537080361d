"""Who is calling: the bearer token of this request, and the token endpoints.

The API never looks at the session cookie: a browser cannot attach a bearer token
to a forged cross-site request, which is why the blueprint is exempt from CSRF."""
from flask import current_app, g, request
from flask_babel import lazy_gettext as _l

from ..accounts import services as accounts
from ..core.i18n import N_
from ..extensions import db, limiter
from . import serializers, tokens
from .errors import ApiError
from .inputs import body
from .registry import route
from .schemas.common import Token, TokenInput, User

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api"'}


def _bearer():
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not raw.strip():
        raise ApiError(401, _l("令牌无效或已过期，请重新获取。"), headers=CHALLENGE)
    return raw.strip()


def _resolve():
    if "api_token" not in g:
        raw = _bearer()
        token = tokens.resolve(raw) if raw else None
        if raw and token is None:
            raise ApiError(401, _l("令牌无效或已过期，请重新获取。"), headers=CHALLENGE)
        if token is not None and db.session.is_modified(token):
            db.session.commit()  # last_used_at; GET requests commit nothing else
        g.api_token = token
    return g.api_token


def current_user_or_none():
    """The caller when a token was sent (a bad token is still refused), else None."""
    token = _resolve()
    return token.user if token else None


def authenticated():
    """The caller, or 401 when no valid token was sent."""
    token = _resolve()
    if token is None:
        raise ApiError(401, headers=CHALLENGE)
    return token.user


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


@route("POST", "/auth/token", summary=N_("用邮箱和密码取得令牌"), tag="auth", auth="none", body=TokenInput,
       ok=(201, Token), errors=(401, 429), description=N_("连续失败五次锁定账号 15 分钟，与登录页面一致。"))
@limiter.limit(_login_limit)
def create_token():
    """Exchange email and password for a token; failures count towards the account lockout."""
    values, _, refused = body(TokenInput)
    refused = {name: message for name, message in refused.items() if name in values}
    if refused:  # text the database cannot hold; a missing email or password is a failed login (401)
        raise ApiError(422, fields=refused)
    try:
        user = accounts.authenticate(values.get("email", ""), values.get("password", ""))
    except accounts.LoginRefused as refused:
        raise ApiError(401, refused.message) from None
    raw, token = tokens.issue(user)
    db.session.commit()
    return serializers.respond(Token(token=raw, expires_at=token.expires_at, user=serializers.user(user)), 201)


@route("DELETE", "/auth/token", summary=N_("撤销本次请求所用的令牌"), tag="auth", ok=(204, None))
def revoke_token():
    authenticated()
    tokens.revoke(g.api_token)
    db.session.commit()
    return "", 204


@route("GET", "/me", summary=N_("调用方及其机构"), tag="auth", ok=(200, User))
def me():
    return serializers.respond(serializers.user(authenticated()))
