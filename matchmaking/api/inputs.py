"""Reading requests: JSON bodies with checked types, query numbers, and forms.

Type errors (a number where text belongs, malformed JSON) are the client's bug and
answer 400; values the business rules refuse are checked by the very WTForms
classes the pages use and answer 422 with one message per field."""
import json

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from ..core.forms import ID_MAX  # ids fit the integer columns on SQLite and PostgreSQL alike
from .errors import ApiError

STRING, INTEGER, STRINGS, INTEGERS, NUMBER_ID = "string", "integer", "strings", "integers", "id"
#: Largest page a list answers, and the highest page number accepted.
MAX_PER_PAGE = 100
MAX_PAGE = 10_000

_TYPE_MESSAGES = {
    STRING: _l("应为字符串。"),
    INTEGER: _l("应为整数。"),
    STRINGS: _l("应为字符串数组。"),
    INTEGERS: _l("应为整数数组。"),
    NUMBER_ID: _l("应为正整数编号。"),
}


_WRONG = object()


def _storable(value):
    """Text the database can hold: no NUL, no lone surrogates (valid JSON can carry both)."""
    texts = value if isinstance(value, list) else [value]
    for text in (t for t in texts if isinstance(t, str)):
        if "\x00" in text:
            return False
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return True


def _convert(kind, value):
    """`value` as `kind`, or _WRONG. 5.0 is an integer, as JSON Schema counts; 5.5, "5" and true are not."""
    if kind == STRING:
        return value if isinstance(value, str) else _WRONG
    if kind == STRINGS:
        return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else _WRONG
    if kind == INTEGERS:
        if not isinstance(value, list):
            return _WRONG
        items = [_convert(INTEGER, v) for v in value]
        return _WRONG if any(v is _WRONG for v in items) else items
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return _WRONG
    if kind == NUMBER_ID and not 1 <= value <= ID_MAX:
        return _WRONG
    return value


def json_body(types, *, ignored=()):
    """The request's JSON object, restricted to `types` ({name: kind}); an empty body is {}.

    Names in `ignored` (read-only fields a client may echo back) are dropped silently;
    any other unknown name is refused, so a typo never passes unnoticed. null is a
    wrong type: leave a field out instead."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiError(400, _l("请求体不是有效的 JSON。")) from None
    if not isinstance(body, dict):
        raise ApiError(400, _l("请求体应为 JSON 对象。"))
    wrong, unstorable, values = {}, {}, {}
    for name, value in body.items():
        if name in ignored:
            continue
        converted = _convert(types[name], value) if name in types else _WRONG
        if name not in types:
            wrong[name] = _l("未知字段。")
        elif converted is _WRONG:
            wrong[name] = _TYPE_MESSAGES[types[name]]
        elif not _storable(converted):
            unstorable[name] = _l("含有无法保存的字符。")
        else:
            values[name] = converted
    if wrong:
        raise ApiError(400, fields=wrong)
    if unstorable:
        raise ApiError(422, fields=unstorable)
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


def page_args():
    """(page, per_page) from the query string, or 400 when out of range."""
    return int_arg("page", 1, 1, MAX_PAGE), int_arg("per_page", current_app.config["PER_PAGE"], 1, MAX_PER_PAGE)


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
