import pytest

from matchmaking.accounts.safety import is_safe_next


@pytest.mark.parametrize("target", ["/workspace", "/needs?cluster=baijiu", "/programmes/3"])
def test_local_paths_are_safe(target):
    assert is_safe_next(target)


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "http:/evil", "", None, "workspace"],
)
def test_foreign_targets_are_refused(target):
    assert not is_safe_next(target)


def test_login_redirects_only_to_this_site(client, auth, make):
    from ..conftest import PASSWORD

    make.user(make.school(), email="teacher@example.cn")
    response = client.post("/login", data={"email": "teacher@example.cn", "password": PASSWORD, "next": "https://evil.example/"})
    assert response.headers["Location"].endswith("/workspace")
    auth.logout()
    response = client.post("/login", data={"email": "teacher@example.cn", "password": PASSWORD, "next": "/needs?cluster=baijiu"})
    assert response.headers["Location"].endswith("/needs?cluster=baijiu")
