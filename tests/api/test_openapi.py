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


def test_new_operations_are_documented_with_their_errors(api):
    paths = _document(api)["paths"]
    register = paths["/events/{event_id}/registrations"]["post"]
    assert set(register["responses"]) == {"201", "400", "401", "403", "404", "409", "413", "422"}
    assert register["security"] == [{"bearer": []}]
    assert set(paths["/events"]["get"]["responses"]) == {"200", "400", "401"}
    upload = paths["/projects/{project_id}/agreement"]["post"]
    assert list(upload["requestBody"]["content"]) == ["multipart/form-data"]
    assert "MAX_UPLOAD_BYTES" in upload["responses"]["413"]["description"]
    download = paths["/projects/{project_id}/agreement"]["get"]["responses"]["200"]["content"]
    assert set(download) == {"application/pdf", "image/png", "image/jpeg"}
    for path in ("/pairings", "/projects", "/events"):
        names = [p["name"] for p in paths[path]["get"]["parameters"]]
        assert {"page", "per_page"} <= set(names)
    assert paths["/projects"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ProjectPage"}


def test_docs_page_shows_uploads_and_downloads(api):
    html = api.anonymous.client.get("/api/docs").get_data(as_text=True)
    assert "Body (multipart/form-data)" in html and "application/pdf, image/png, image/jpeg" in html
    assert "/api/v1/events/{event_id}/meetings/mine" in html and 'id="schema-MeetingRequestInput"' in html
