"""Reading requests against the declared schemas (api/schemas): JSON bodies, query strings, forms.

A body is checked by its pydantic model, the same one the OpenAPI document is generated
from. A value of the wrong type (a number where text belongs, an unknown field, null)
is the client's bug and answers 400; a value out of bounds answers 422 with one message
per field. Where the pages check the same input with a WTForms form, that form runs
too and its messages win, so the API refuses exactly what the pages refuse, in the
same words; the models carry the forms' bounds (schemas.fields.from_form)."""
import json
import types
import typing

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from pydantic import ValidationError
from werkzeug.datastructures import MultiDict

from ..core.forms import ID_MAX, ListField  # noqa: F401 — ID_MAX: ids fit the integer columns (blueprint, tests)
from .errors import ApiError
from .schemas.fields import form_field, form_name, is_id

#: Pydantic error types that mean "right type, refused value" (422); every other one is a wrong type (400).
REFUSED = {"missing", "string_too_short", "string_too_long", "too_short", "too_long", "greater_than_equal",
           "less_than_equal", "literal_error", "unstorable", "string_unicode"}
_UNSTORABLE = _l("含有无法保存的字符。")


def _number(text):
    """JSON numbers as JSON Schema counts them: 5.0 is the integer 5; 5.5 stays a float."""
    value = float(text)
    return int(value) if value.is_integer() else value


def read_json():
    """The request's JSON object; an empty body is {}."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw, parse_float=_number)
    except (ValueError, RecursionError):
        raise ApiError(400, _l("请求体不是有效的 JSON。")) from None
    if not isinstance(body, dict):
        raise ApiError(400, _l("请求体应为 JSON 对象。"))
    return body


def _plain(annotation):
    """The type under Annotated[...] and `| None`."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _plain(args[0])
    return annotation


def _type_message(model, name):
    """What the field should have been, for a 400."""
    info = model.model_fields.get(name)
    if info is None:
        return _l("未知字段。")
    kind = _plain(info.annotation)
    if typing.get_origin(kind) is list:
        return _l("应为整数数组。") if _plain(typing.get_args(kind)[0]) is int else _l("应为字符串数组。")
    if kind is int:
        return _l("应为正整数编号。") if is_id(info) else _l("应为整数。")
    return _l("应为字符串。")


def _form_message(model, name, kind):
    info = model.model_fields.get(name)
    found = form_field(info) if info is not None else None
    return found.message(kind) if found else None


def _refusal(model, error):
    """The message of a refused (422) value: the pages' form's own words where it has them."""
    kind, ctx, name = error["type"], error.get("ctx") or {}, str(error["loc"][0])
    in_list = len(error["loc"]) > 1
    is_text = isinstance(error.get("input"), str)
    if kind in ("unstorable", "string_unicode"):
        return _UNSTORABLE
    if kind == "missing" or (kind in ("string_too_short", "too_short") and is_text and ctx.get("min_length") == 1):
        return _form_message(model, name, "required") or _l("请填写此项。")
    if kind in ("string_too_short", "string_too_long", "too_short", "too_long") and not in_list:
        own = _form_message(model, name, "length")
        if own:
            return own
    if kind in ("greater_than_equal", "less_than_equal"):
        return _form_message(model, name, "range") or (
            _l("不能小于 %(n)s。", n=ctx["ge"]) if kind == "greater_than_equal" else _l("不能大于 %(n)s。", n=ctx["le"]))
    if kind in ("string_too_short", "too_short"):
        return _l("至少 %(n)s 个字符。", n=ctx["min_length"]) if is_text else _l("至少 %(n)s 项。", n=ctx["min_length"])
    if kind in ("string_too_long", "too_long"):
        if is_text:
            return _l("每项不超过 %(n)s 个字符。", n=ctx["max_length"]) if in_list else \
                _l("不能超过 %(n)s 个字符。", n=ctx["max_length"])
        return _l("不能超过 %(n)s 项。", n=ctx["max_length"])
    return _l("取值无效。")


def check(model, values):
    """(model instance or None, refused {field: message}); a wrong type anywhere answers 400."""
    try:
        return model.model_validate(values), {}
    except ValidationError as failed:
        errors = failed.errors()
    wrong, refused = {}, {}
    for error in errors:
        name = str(error["loc"][0]) if error["loc"] else ""
        is_refusal = error["type"] in REFUSED and not (error["type"] == "literal_error" and not isinstance(error["input"], str))
        if is_refusal:
            refused.setdefault(name, _refusal(model, error))
        else:
            wrong.setdefault(name, _type_message(model, name) if error["type"] != "extra_forbidden" else _l("未知字段。"))
    if wrong:
        raise ApiError(400, fields=wrong)
    return None, refused


def body(model, *, current=None):
    """The values sent, checked against `model`, merged over `current` (a PATCH keeps what it does not send).

    Returns (values as sent, model instance or None, refused); `model.ignored` names are dropped."""
    values = {name: value for name, value in read_json().items() if name not in model.ignored}
    merged = {**(current or {}), **values}
    instance, refused = check(model, merged)
    return merged, instance, refused


def parsed(model, *, current=None):
    """The checked body as a model instance, or 422 with one message per refused field."""
    _, instance, refused = body(model, current=current)
    if refused:
        raise ApiError(422, fields=refused)
    return instance


def formdata(form_class, values):
    """API values as form input: lists become repeated keys (or one text for a ListField), numbers text."""
    pairs = []
    for name, value in values.items():
        field = getattr(form_class, name, None)
        if isinstance(value, list) and field is not None and issubclass(field.field_class, ListField):
            value = "\n".join(value)  # the pages' list field takes one text
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    return MultiDict(pairs)


def with_form(model, form_class, *, current=None):
    """Check the body with `model`, then with the pages' form; the form's messages win. Returns the form."""
    values, _, refused = body(model, current=current)
    names = {form_name(info, name): name for name, info in model.model_fields.items()}
    form = form_class(formdata=formdata(form_class, {form_name(model.model_fields[n], n): v for n, v in values.items()}),
                      meta={"csrf": False})
    form.validate()
    fields = {**refused, **{names.get(field, field): " ".join(str(e) for e in errors)
                            for field, errors in form.errors.items()}}
    if fields:
        raise ApiError(422, fields=fields)
    return form


def query(model):
    """The query string checked against `model` (unknown parameters ignored); 400 for a bad value.

    per_page defaults to the PER_PAGE setting."""
    names = set(model.model_fields)
    values = {name: value for name, value in request.args.items() if name in names}
    if "per_page" in names and "per_page" not in values:
        values["per_page"] = current_app.config["PER_PAGE"]
    try:
        return model.model_validate(values)
    except ValidationError as failed:
        fields = {}
        for error in failed.errors():
            name = str(error["loc"][0])
            limits = {m.__class__.__name__: m for m in model.model_fields[name].metadata}
            low, high = getattr(limits.get("Ge"), "ge", None), getattr(limits.get("Le"), "le", None)
            fields.setdefault(name, _l("应为 %(low)s 到 %(high)s 之间的整数。", low=low, high=high)
                              if low is not None and high is not None else _l("取值无效。"))
        raise ApiError(400, fields=fields) from None
