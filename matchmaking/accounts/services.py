"""Account actions: authenticate with lockout, change password, manage an organisation's accounts."""
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotFound
from ..core.timeutil import utcnow
from ..extensions import db
from .models import User
from .passwords import password_problem


class LoginRefused(DomainError):
    """Wrong credentials, a locked or a disabled account. The message never says which
    part was wrong, so it cannot be used to discover accounts."""


def normalise_email(email):
    return (email or "").strip().lower()


def find_user_by_email(email):
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def authenticate(email, password):
    """Return the user for these credentials, counting failures and locking after too many.

    Failures are committed even though the login is refused: a lockout must survive
    the refused request."""
    user = find_user_by_email(email)
    now = utcnow()
    if user is None:
        record("login_failed", detail=normalise_email(email))
        db.session.commit()
        raise LoginRefused(_l("邮箱或密码不正确。"))
    if user.locked_until and user.locked_until > now:
        record("login_locked", user=user, obj=user)
        db.session.commit()
        raise LoginRefused(_l("登录失败次数过多，账号已临时锁定，请 15 分钟后再试。"))
    if not user.check_password(password):
        user.failed_logins += 1
        detail = f"failures={user.failed_logins}"
        if user.failed_logins >= current_app.config["LOCKOUT_THRESHOLD"]:
            user.locked_until = now + timedelta(minutes=current_app.config["LOCKOUT_MINUTES"])
            user.failed_logins = 0
            detail += " locked"
        record("login_failed", user=user, obj=user, detail=detail)
        db.session.commit()
        if user.locked_until and user.locked_until > now:
            raise LoginRefused(_l("登录失败次数过多，账号已临时锁定，请 15 分钟后再试。"))
        raise LoginRefused(_l("邮箱或密码不正确。"))
    if not user.active:
        record("login_disabled", user=user, obj=user)
        db.session.commit()
        raise LoginRefused(_l("该账号已停用，请联系机构管理员或人社局。"))
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    record("login", user=user, obj=user)
    return user


def change_password(user, current_password, new_password):
    """Change the password and end every other session of this user."""
    if not user.check_password(current_password):
        raise DomainError(_l("当前密码不正确。"), field="current_password")
    problem = password_problem(new_password, email=user.email)
    if problem:
        raise DomainError(_l(problem), field="new_password")
    user.set_password(new_password)
    user.revoke_sessions()
    record("password_change", user=user, obj=user)


def create_account(organisation, *, email, name, password, is_org_admin=False, by=None):
    """Add a user account to an organisation."""
    email = normalise_email(email)
    if find_user_by_email(email) is not None:
        raise Conflict(_l("该邮箱已被注册。"), field="email")
    problem = password_problem(password, email=email)
    if problem:
        raise DomainError(_l(problem), field="password")
    user = User(organisation=organisation, email=email, name=name.strip(), is_org_admin=is_org_admin)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record("user.create", user=by, obj=user, detail=email)
    return user


def set_account_active(user, active, *, by):
    """Disable or re-enable an account; disabling ends its sessions at once."""
    if by.id == user.id:
        raise Conflict(_l("不能停用自己的账号。"))
    user.active = active
    if not active:
        user.revoke_sessions()
    record("user.enable" if active else "user.disable", user=by, obj=user, detail=user.email)


def get_user_in_org(user_id, organisation):
    """An account of `organisation`, or NotFound (another organisation's accounts do not exist for you)."""
    user = db.session.get(User, user_id)
    if user is None or user.organisation_id != organisation.id:
        raise NotFound(_l("账号不存在。"))
    return user
