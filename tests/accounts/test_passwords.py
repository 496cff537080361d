import pytest

from matchmaking.accounts.passwords import password_problem


@pytest.mark.parametrize("password", ["Yibin#2026pass", "Sanjiang2026!", "电池Abc12345"])
def test_strong_passwords_pass(password):
    assert password_problem(password) is None


@pytest.mark.parametrize(
    "password",
    [
        "Ab1!",  # too short
        "abcdefgh",  # one class
        "abcdefg1",  # two classes
        "Password@123",  # common
        "P@ssw0rd",  # common
        "Qwer@1234",  # common
    ],
)
def test_weak_passwords_refused(password):
    assert password_problem(password) is not None


def test_password_containing_the_email_name_is_refused():
    assert password_problem("Zhangwei#2026", email="zhangwei@example.cn") is not None
