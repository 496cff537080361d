"""The readable docs page at /api/docs: the generated document flattened so the template only loops and prints."""
from flask import Blueprint, render_template
from flask_babel import gettext

from ..core.i18n import N_
from .openapi import document

#: The readable docs live beside the versioned API, at /api/docs.
docs_bp = Blueprint("api_docs", __name__, url_prefix="/api")
LIMITS = ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum")


def describe(schema):
    """A short human reading of a schema: a component's name, or its type and limits."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " + ".join(describe(part) for part in schema["allOf"])
    if "anyOf" in schema:
        return " | ".join(describe(part) for part in schema["anyOf"])
    kind = schema.get("type", "any")
    text = " | ".join(kind) if isinstance(kind, list) else kind
    if kind == "array" and schema.get("items"):
        text = gettext("%(item)s 的数组", item=describe(schema["items"]))
    notes = [f"{key} {schema[key]}" for key in LIMITS if key in schema]
    if "enum" in schema:
        notes.append(gettext("取值之一：%(values)s", values=", ".join(str(v) for v in schema["enum"] if v is not None)))
    if "format" in schema:
        notes.append(schema["format"])
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _fields(schema):
    required = set(schema.get("required", ()))
    return [{"name": name, "type": describe(prop), "required": name in required, "note": prop.get("description", "")}
            for name, prop in schema.get("properties", {}).items()]


def inline(text):
    """Markdown's `code` spans as (text, is_code) pieces, so the page can show them without a Markdown renderer."""
    return [(piece, index % 2 == 1) for index, piece in enumerate(text.split("`")) if piece]


def _response_body(response):
    """A JSON response's schema name, or the media types of a file."""
    content = response.get("content", {})
    if "application/json" in content:
        return describe(content["application/json"]["schema"])
    return ", ".join(content)


def _auth(security):
    if security == [{"bearer": []}]:
        return gettext("需要令牌")
    return gettext("令牌可选") if security else gettext("公开")


def _operation(base, path, method, op):
    media, body = next(iter(op.get("requestBody", {}).get("content", {}).items()), ("", {}))
    body = body.get("schema")
    return {
        "method": method.upper(), "path": base + path, "summary": op["summary"], "auth": _auth(op.get("security", [])),
        "description": inline(op.get("description", "")),
        "params": [{"name": p["name"], "in": p["in"], "type": describe(p["schema"]), "note": p.get("description", "")}
                   for p in op["parameters"]],
        "body": describe(body) if body else "", "media": "JSON" if media == "application/json" else media,
        "body_fields": _fields(body) if body and "properties" in body else [],
        "responses": [{"status": status, "description": inline(response["description"]), "schema": _response_body(response)}
                      for status, response in op["responses"].items()],
    }


#: Tag → its name on the page.
TAGS = {"auth": N_("认证"), "stats": N_("统计"), "programmes": N_("培训项目"), "needs": N_("企业需求"),
        "pairings": N_("对接意向"), "projects": N_("合作项目"), "events": N_("对接活动"),
        "certifications": N_("产教融合型企业认定")}


def digest(spec):
    """Operations grouped by tag (with the tag's translated name), schemas, and the introduction."""
    base = spec["servers"][0]["url"]
    groups = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            tag = op["tags"][0]
            groups.setdefault(tag, {"name": gettext(TAGS[tag]), "operations": []})["operations"].append(
                _operation(base, path, method, op))
    schemas = [{"name": name, "type": describe(schema), "fields": _fields(schema)}
               for name, schema in spec["components"]["schemas"].items()]
    return {"groups": groups, "schemas": schemas, "introduction": inline(spec["info"]["description"])}


@docs_bp.get("/docs")
def docs():
    spec = document()
    return render_template("api/docs.html", info=spec["info"], security=spec["components"]["securitySchemes"],
                           **digest(spec))
