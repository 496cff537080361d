"""Reading requests: JSON bodies with checked types, query numbers, and forms.

Type errors (a number where text belongs, malformed JSON) are the client's bug and
answer 400; values the business rules refuse are checked by the very WTForms
classes the pages use and answer 422 with one message per field."""
import json

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from .errors import ApiError

STRING, INTEGER, STRINGS, NUMBER_ID = "string", "integer", "strings", "id"
#: Ids fit the database's integer columns on SQLite and PostgreSQL alike.
ID_MAX = 2**31 - 1

_TYPE_MESSAGES = {
    STRING: _l("应为字符串。"),
    INTEGER: _l("应为整数。"),
    STRINGS: _l("应为字符串数组。"),
    NUMBER_ID: _l("应为正整数编号。"),
}


def _clean_text(value):
    """Text the database can store: no NUL, no lone surrogates."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _matches(kind, value):
    if kind == STRING:
        return isinstance(value, str) and _clean_text(value)
    if kind == INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == NUMBER_ID:
        return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= ID_MAX
    if kind == STRINGS:
        return isinstance(value, list) and all(isinstance(v, str) and _clean_text(v) for v in value)
    raise ValueError(kind)


def json_body(types, *, ignored=()):
    """The request's JSON object, restricted to `types` ({name: kind}); an empty body is {}.

    Names in `ignored` (read-only fields a client may echo back) are dropped silently;
    any other unknown name is refused, so a typo never passes unnoticed."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiError(400, _l("请求体不是有效的 JSON。")) from None
    if not isinstance(body, dict):
        raise ApiError(400, _l("请求体应为 JSON 对象。"))
    problems, values = {}, {}
    for name, value in body.items():
        if name in ignored:
            continue
        if name not in types:
            problems[name] = _l("未知字段。")
        elif not _matches(types[name], value):  # null included: leave a field out instead
            problems[name] = _TYPE_MESSAGES[types[name]]
        else:
            values[name] = value
    if problems:
        raise ApiError(400, fields=problems)
    return values


def int_arg(name, default, low, high):
    """An integer query parameter within [low, high], or 400."""
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ApiError(400, fields={name: _l("应为 %(low)s 到 %(high)s 之间的整数。", low=low, high=high)})
    return value


def enum_arg(name, allowed, default=""):
    """A query parameter restricted to `allowed`, or 400."""
    if name not in request.args:
        return default
    value = request.args[name]
    if value not in allowed:
        raise ApiError(400, fields={name: _l("取值无效。")})
    return value


def required(values, *names):
    """Refuse (422) when any of `names` is missing from the checked body."""
    missing = {name: _l("请填写此项。") for name in names if name not in values}
    if missing:
        raise ApiError(422, fields=missing)


def formdata(values):
    """JSON values as form input: lists become repeated keys, numbers text."""
    pairs = []
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    return MultiDict(pairs)


def validated(form_class, values, *, names=None):
    """Run the pages' form on `values` (form field names); 422 with per-field messages.

    `names` maps form field names back to the API's names for the error report."""
    form = form_class(formdata=formdata(values), meta={"csrf": False})
    if not form.validate():
        names = names or {}
        fields = {names.get(field, field): " ".join(str(e) for e in errors) for field, errors in form.errors.items()}
        raise ApiError(422, fields=fields)
    return form
