"""The password policy: at least 8 characters, 3 of 4 character classes, not a common password."""
import re
from importlib import resources

from ..core.i18n import N_

_CLASSES = [re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"\d"), re.compile(r"[^a-zA-Z\d]")]
_common = None


def _common_passwords():
    global _common
    if _common is None:
        text = resources.files(__package__).joinpath("common_passwords.txt").read_text(encoding="utf-8")
        _common = {line.strip().lower() for line in text.splitlines() if line.strip()}
    return _common


def password_problem(password, *, email=""):
    """Why `password` is not acceptable (a message to translate), or None if it is fine."""
    if len(password or "") < 8:
        return N_("密码至少需要 8 个字符。")
    if len(password) > 128:
        return N_("密码不能超过 128 个字符。")
    if sum(1 for pattern in _CLASSES if pattern.search(password)) < 3:
        return N_("密码需包含大写字母、小写字母、数字、符号中的至少三类。")
    lowered = password.lower()
    if lowered in _common_passwords() or re.sub(r"[^a-z]", "", lowered) in _common_passwords():
        return N_("该密码过于常见，请换一个。")
    if email and email.split("@")[0].lower() in lowered and len(email.split("@")[0]) >= 4:
        return N_("密码不能包含邮箱用户名。")
    return None
