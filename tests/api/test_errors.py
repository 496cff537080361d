"""Every failure is JSON in one shape with the right status: never HTML, never a trace."""
import pytest

from ..factories import DESCRIPTION
from .conftest import error_of

NEED = {"title": "电芯制造操作工", "cluster": "power_battery", "level": "secondary_vocational", "district": "三江新区",
        "description": DESCRIPTION,
        "skills": ["极片涂布", "辊压分切", "化成分容"], "kind": "talent", "headcount": 5}


@pytest.mark.parametrize("raw", [b"{", b"{'title': 1}", b"\xff\xfe", b"[" * 100000, b"NaN garbage"])
def test_malformed_json_answers_400(enterprise, raw):
    response = enterprise.post("/needs", data=raw, headers={"Content-Type": "application/json"})
    assert "JSON" in error_of(response, 400)["message"]


@pytest.mark.parametrize("raw", [b"[]", b"\"text\"", b"42", b"null"])
def test_a_body_that_is_not_an_object_answers_400(enterprise, raw):
    error_of(enterprise.post("/needs", data=raw, headers={"Content-Type": "application/json"}), 400)


@pytest.mark.parametrize("field, value", [
    ("title", 12), ("headcount", "5"), ("headcount", 2.5), ("headcount", True), ("skills", "a、b、c"),
    ("skills", ["a", 1]), ("kind", None),
])
def test_values_of_the_wrong_type_answer_400_per_field(enterprise, field, value):
    error = error_of(enterprise.post("/needs", json={**NEED, field: value}), 400)
    assert list(error["fields"]) == [field]


@pytest.mark.parametrize("field, value", [("title", "含\x00字符"), ("title", "\ud800"), ("skills", ["a", "b\x00", "c"])])
def test_text_the_database_cannot_hold_answers_422(enterprise, field, value):
    assert list(error_of(enterprise.post("/needs", json={**NEED, field: value}), 422)["fields"]) == [field]


def test_integral_numbers_count_as_integers(enterprise):
    assert enterprise.post("/needs", json={**NEED, "headcount": 7.0}).get_json()["headcount"] == 7


def test_unknown_fields_answer_400(enterprise):
    assert error_of(enterprise.post("/needs", json={**NEED, "headcout": 3}), 400)["fields"] == {"headcout": "未知字段。"}


def test_read_only_fields_sent_back_are_ignored(enterprise, pair):
    response = enterprise.post("/needs", json={**NEED, "id": 999, "status": "published", "organisation_id": 1})
    assert response.status_code == 201
    body = response.get_json()
    assert body["id"] != 999 and body["status"] == "draft" and body["organisation_id"] == pair.enterprise.id


def test_oversized_body_answers_413(enterprise):
    big = {**NEED, "description": "很" * (1024 * 1024)}
    error_of(enterprise.post("/needs", json=big), 413)


def test_body_limit_follows_config(app, enterprise):
    app.config["API_MAX_BODY_BYTES"] = 100
    error_of(enterprise.post("/needs", json=NEED), 413)


@pytest.mark.parametrize("path", ["/nothing-here", "/needs/999999", "/needs/99999999999999999999999", "/pairings/0"])
def test_missing_things_answer_404_in_json(enterprise, path):
    error_of(enterprise.get(path), 404)


def test_wrong_method_answers_405_in_json(enterprise):
    error_of(enterprise.request("PUT", "/needs"), 405)


@pytest.mark.parametrize("query", ["page=0", "page=x", "per_page=101", "per_page=", "sort=random", "q=%00"])
def test_bad_query_values_answer_400(api, query):
    error_of(api.anonymous.get("/needs?" + query), 400)


def test_unknown_filter_codes_are_ignored_like_on_the_pages(api, pair):
    assert api.anonymous.get("/needs?cluster=nonsense").get_json()["total"] == 1


def test_messages_follow_accept_language(enterprise):
    response = enterprise.post("/needs", json={**NEED, "headcount": 0}, headers={"Accept-Language": "en-GB,en;q=0.9"})
    error = error_of(response, 422)
    assert error["fields"]["headcount"].isascii()
    chinese = error_of(enterprise.post("/needs", json={**NEED, "headcount": 0}), 422)
    assert not chinese["fields"]["headcount"].isascii()


def test_unexpected_failures_answer_500_without_a_trace(app, enterprise, monkeypatch):
    from matchmaking.api import queries

    def broken():
        raise RuntimeError("secret detail")

    monkeypatch.setattr(queries, "summary", broken)
    response = enterprise.get("/stats")
    error = error_of(response, 500)
    assert "secret" not in response.get_data(as_text=True) and "Traceback" not in response.get_data(as_text=True)
    assert error["fields"] == {}
