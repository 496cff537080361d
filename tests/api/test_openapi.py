"""The OpenAPI document is valid, covers exactly the routes, and the docs page renders it."""
import re

from openapi_spec_validator import validate


def _document(api):
    response = api.anonymous.get("/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_document_is_valid_openapi_3_1(api):
    spec = _document(api)
    assert spec["openapi"].startswith("3.1")
    validate(spec)
    schemas = spec["components"]["schemas"]
    assert {"Programme", "Need", "Pairing", "Project", "Error", "Page"} <= set(schemas)
    assert spec["components"]["securitySchemes"]["bearer"] == {**spec["components"]["securitySchemes"]["bearer"],
                                                               "type": "http", "scheme": "bearer"}


def test_document_and_routes_match(app, api):
    spec = _document(api)
    documented = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    routed = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "api.openapi":
            continue
        path = re.sub(r"<(?:[^:>]+:)?(\w+)>", r"{\1}", rule.rule[len("/api/v1"):])
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if "{action}" in path:  # one Flask rule serves the four lifecycle actions
                routed |= {(method, path.replace("{action}", a)) for a in ("publish", "close", "reopen", "archive")}
            else:
                routed.add((method, path))
    normalise = lambda pairs: {(m, re.sub(r"\{\w+\}", "{id}", p)) for m, p in pairs}  # noqa: E731
    assert normalise(documented) == normalise(routed)


def test_reference_codes_in_the_document_are_the_forms_choices(api):
    schema = _document(api)["components"]["schemas"]["NeedInput"]["properties"]
    assert "power_battery" in schema["cluster"]["enum"] and "joint_rd" in schema["kind"]["enum"]


def test_docs_page_renders_the_same_document(api):
    response = api.anonymous.client.get("/api/docs")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    for text in ("/api/v1/auth/token", "/api/v1/needs/{need_id}/recommendations", "/api/v1/projects/{project_id}/transition",
                 'id="schema-Programme"', "Bearer"):
        assert text in html
    assert "<script>" not in html and "https://" not in html
