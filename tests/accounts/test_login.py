from datetime import timedelta

from matchmaking.accounts.models import User
from matchmaking.audit.models import AuditEntry
from matchmaking.core.timeutil import utcnow
from matchmaking.extensions import db

from ..conftest import PASSWORD


def test_login_and_logout(client, auth, make):
    user = make.user(make.school(), email="teacher@example.cn")
    response = auth.login("teacher@example.cn")
    assert response.status_code == 302 and response.headers["Location"].endswith("/workspace")
    assert client.get("/workspace").status_code == 200
    auth.logout()
    assert client.get("/workspace").status_code == 302
    actions = [e.action for e in db.session.scalars(db.select(AuditEntry).where(AuditEntry.user_id == user.id))]
    assert "login" in actions


def test_wrong_password_is_refused_with_a_neutral_message(client, auth, make):
    make.user(make.school(), email="teacher@example.cn")
    response = auth.login("teacher@example.cn", "Wrong#Password1")
    assert response.status_code == 200
    assert "邮箱或密码不正确" in response.get_data(as_text=True)
    unknown = auth.login("nobody@example.cn", "Wrong#Password1")
    assert "邮箱或密码不正确" in unknown.get_data(as_text=True)


def test_five_failures_lock_the_account_for_fifteen_minutes(client, auth, make):
    user = make.user(make.school(), email="teacher@example.cn")
    for _ in range(5):
        auth.login("teacher@example.cn", "Wrong#Password1")
    db.session.refresh(user)
    assert user.locked_until is not None
    assert timedelta(minutes=14) < user.locked_until - utcnow() <= timedelta(minutes=15)
    # Even the right password is refused while locked.
    response = auth.login("teacher@example.cn", PASSWORD)
    assert "临时锁定" in response.get_data(as_text=True)
    assert client.get("/workspace").status_code == 302
    # After the lock expires the right password works again.
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert auth.login("teacher@example.cn").status_code == 302


def test_four_failures_do_not_lock(client, auth, make):
    user = make.user(make.school(), email="teacher@example.cn")
    for _ in range(4):
        auth.login("teacher@example.cn", "Wrong#Password1")
    db.session.refresh(user)
    assert user.locked_until is None
    assert auth.login("teacher@example.cn").status_code == 302
    db.session.refresh(user)
    assert user.failed_logins == 0


def test_disabled_account_cannot_log_in(client, auth, make):
    make.user(make.school(), email="teacher@example.cn", active=False)
    response = auth.login("teacher@example.cn")
    assert response.status_code == 200
    assert "已停用" in response.get_data(as_text=True)


def test_login_gives_a_fresh_session(client, auth, make):
    make.user(make.school(), email="teacher@example.cn")
    with client.session_transaction() as session:
        session["planted"] = "by-an-attacker"
    auth.login("teacher@example.cn")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_logout_invalidates_a_copied_session_cookie(app, auth, make):
    make.user(make.school(), email="teacher@example.cn")
    first = app.test_client()
    first.post("/login", data={"email": "teacher@example.cn", "password": PASSWORD})
    cookie = first.get_cookie("session").value
    first.post("/logout")
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/workspace").status_code == 302


def test_password_change_ends_other_sessions(app, make):
    make.user(make.school(), email="teacher@example.cn")
    laptop, phone = app.test_client(), app.test_client()
    for c in (laptop, phone):
        c.post("/login", data={"email": "teacher@example.cn", "password": PASSWORD})
    response = laptop.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "Changed#2026x", "new_password_confirm": "Changed#2026x"})
    assert response.status_code == 302
    assert laptop.get("/workspace").status_code == 200
    assert phone.get("/workspace").status_code == 302


def test_password_change_refuses_wrong_current_and_weak_new(client, auth, make):
    make.user(make.school(), email="teacher@example.cn")
    auth.login("teacher@example.cn")
    wrong = client.post("/account/password", data={
        "current_password": "nope", "new_password": "Changed#2026x", "new_password_confirm": "Changed#2026x"})
    assert "当前密码不正确" in wrong.get_data(as_text=True)
    weak = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "abcdefgh", "new_password_confirm": "abcdefgh"})
    assert "至少三类" in weak.get_data(as_text=True)
    assert db.session.scalar(db.select(User).where(User.email == "teacher@example.cn")).check_password(PASSWORD)


def test_idle_timeout_logs_out(client, auth, make):
    make.user(make.school(), email="teacher@example.cn")
    auth.login("teacher@example.cn")
    with client.session_transaction() as session:
        session["last_seen"] -= 31 * 60
    response = client.get("/workspace")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_disabling_an_account_ends_its_session(app, make):
    school = make.school()
    admin = make.user(school, email="admin@example.cn")
    make.user(school, email="member@example.cn", is_org_admin=False)
    member_client, admin_client = app.test_client(), app.test_client()
    member_client.post("/login", data={"email": "member@example.cn", "password": PASSWORD})
    admin_client.post("/login", data={"email": admin.email, "password": PASSWORD})
    member = db.session.scalar(db.select(User).where(User.email == "member@example.cn"))
    assert admin_client.post(f"/organisation/accounts/{member.id}/disable").status_code == 302
    assert member_client.get("/workspace").status_code == 302
