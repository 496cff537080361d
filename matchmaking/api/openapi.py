"""The OpenAPI 3.1 document of API v1, generated: operations from registry.route, schemas from
the pydantic models in api/schemas (their JSON Schema is the 2020-12 dialect OpenAPI 3.1 uses).

Texts are msgids, translated when the document is built, so the document and the docs page
follow the request's language. Reference codes are read from the reference tables at that
moment. tests/api validates the document and fuzzes the API against it (Schemathesis)."""
from flask import current_app, has_app_context
from flask_babel import gettext
from pydantic.json_schema import models_json_schema

from ..core.i18n import N_
from .registry import OPERATIONS, Download, Patch
from .schemas.common import Error, Page
from .schemas.fields import ID_SCHEMA

REF = "#/components/schemas/{model}"
ERRORS = {
    400: N_("JSON 格式错误、请求体不是对象、值的类型不对、未知字段，或查询参数有误。"),
    401: N_("没有令牌，或令牌无效、已过期、已撤销。"),
    403: N_("调用方的机构类型不能执行此操作（例如学校创建需求）；权限总是先于输入检查。"),
    404: N_("不存在，或调用方看不到（其他机构的草稿、对接意向和合作项目）。"),
    409: N_("重复，或对象当前的状态不允许此操作。"),
    413: N_("请求体超过 API 的上限（默认 1 MiB）。"),
    422: N_("取值被拒绝；`fields` 中每个字段一条提示。"),
    429: N_("请求过于频繁。"),
}
SECURITY = {"required": [{"bearer": []}], "optional": [{}, {"bearer": []}], "none": []}
INTRODUCTION = N_(
    "宜宾产教融合校企对接平台的 JSON API v1。先用 `POST /api/v1/auth/token` 取得令牌，再发送 "
    "`Authorization: Bearer <token>`。错误总是 "
    "`{\"error\": {\"code\": <HTTP status>, \"message\": \"…\", \"fields\": {\"name\": \"…\"}}}`。"
    "提示语言按 `Accept-Language`（zh 或 en）或 `?lang=en`。未知的查询参数会被忽略。")


def _ref(model):
    return {"$ref": REF.format(model=model.__name__)}


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


def _clean(schema):
    """Drop pydantic's generated titles and `default: null` (a field left out is not null)."""
    if isinstance(schema, list):
        return [_clean(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {key: _clean(value) for key, value in schema.items()
            if not (key == "title" and isinstance(value, str)) and not (key == "default" and value is None)}


def _translate(node):
    """Every description and summary in the request's language."""
    if isinstance(node, list):
        return [_translate(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: gettext(value) if key in ("description", "summary") and isinstance(value, str) and value
            else _translate(value) for key, value in node.items()}


def _not_null(schema):
    """A query parameter's schema: a missing parameter is absent, never null."""
    options = [s for s in schema.get("anyOf", ()) if s != {"type": "null"}]
    if len(options) == 1:
        schema = {**{k: v for k, v in schema.items() if k != "anyOf"}, **options[0]}
    return schema


def _query_parameters(model):
    properties = _clean(model.model_json_schema()).get("properties", {})
    out = []
    for name, schema in properties.items():
        schema = _not_null(schema)
        description = schema.pop("description", "")
        if name == "per_page" and has_app_context():
            schema["default"] = current_app.config["PER_PAGE"]
        out.append({"name": name, "in": "query", "required": False, "schema": schema, "description": description})
    return out


def _parameters(operation):
    path = [{"name": name, "in": "path", "required": True, "schema": dict(ID_SCHEMA)}
            for name in operation.path_params]
    return path + (_query_parameters(operation.query) if operation.query else [])


def _success(operation):
    status, result = operation.ok
    response = {"description": N_("成功")}
    if isinstance(result, Download):
        response["content"] = {kind: {"schema": {"type": "string", "format": "binary"}} for kind in result.media_types}
    elif result is not None:
        response.update(_json(_ref(result)))
    return str(status), response


def _operation(operation):
    status, success = _success(operation)
    responses = {status: success}
    codes = set(operation.errors) | {400}
    if operation.auth == "required":
        codes.add(401)
    if operation.body is not None:
        codes.add(413)
    for code in sorted(codes):
        responses[str(code)] = {"description": operation.notes.get(code, ERRORS[code]), **_json(_ref(Error))}
    out = {"summary": operation.summary, "tags": [operation.tag], "parameters": _parameters(operation),
           "responses": responses}
    if operation.description:
        out["description"] = operation.description
    if operation.body is not None:
        body = operation.body
        schema = {"$ref": REF.format(model=body.name)} if isinstance(body, Patch) else _ref(body)
        out["requestBody"] = {"required": True, "content": {operation.media: {"schema": schema}}}
    out["security"] = SECURITY[operation.auth]
    return out


def _operations():
    from . import routes  # noqa: F401 — importing the routes records every operation

    return OPERATIONS


def paths():
    """Every path and operation (untranslated); needs no database, so tests can list the operations."""
    out = {}
    for operation in _operations():
        out.setdefault(operation.path, {})[operation.method] = _operation(operation)
    return out


def _models():
    """(model, mode) of every schema the operations use, inputs as read and outputs as written."""
    found = {Error: "serialization", Page: "serialization"}
    for operation in _operations():
        body = operation.body.model if isinstance(operation.body, Patch) else operation.body
        if body is not None:
            found[body] = "validation"
        result = operation.ok[1]
        if result is not None and not isinstance(result, Download):
            found[result] = "serialization"
    return list(found.items())


def schemas():
    """The components' schemas, generated from the models; PATCH bodies are their model without `required`."""
    _, generated = models_json_schema(_models(), ref_template=REF)
    out = {}
    for name, schema in generated["$defs"].items():
        schema = _clean(schema)
        schema.pop("description", None)  # a class docstring is for readers of the code
        out[name] = schema
    for operation in OPERATIONS:
        if isinstance(operation.body, Patch):
            out[operation.body.name] = {k: v for k, v in out[operation.body.model.__name__].items() if k != "required"}
    return out


def document():
    """The whole document in the request's language; built per request because the reference codes may change."""
    return _translate({
        "openapi": "3.1.0",
        "info": {"title": gettext("宜宾产教融合校企对接平台") + " API", "version": "1.0.0", "description": INTRODUCTION},
        "servers": [{"url": "/api/v1"}],
        "paths": paths(),
        "components": {
            "schemas": schemas(),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": N_("由 POST /auth/token 取得的令牌（默认 12 小时有效）。")}},
        },
    })
