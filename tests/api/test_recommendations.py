"""Suggestions over the API: the stored lists, reasons in the request's language, same visibility."""
import pytest

from matchmaking.extensions import db
from matchmaking.recommendations.services import refresh_all

from ..recommendations.test_web import BAIJIU, BATTERY, NEED_BATTERY
from .conftest import error_of


@pytest.fixture
def catalogue(make):
    school, other_school, enterprise = make.school(), make.school(), make.enterprise()
    items = {
        "battery": make.programme(school, title="锂电池制造技术订单班", description=BATTERY, skills=["电芯装配", "极片涂布", "化成分容"],
                                  modes=["order_class", "apprenticeship"], district_code="三江新区"),
        "baijiu": make.programme(other_school, title="酿酒技术", cluster_code="baijiu", description=BAIJIU,
                                 skills=["固态发酵", "勾调品评", "窖池管理"], modes=["order_class"]),
        "need": make.need(enterprise, title="电芯制造操作工", description=NEED_BATTERY, skills=["极片涂布", "辊压分切", "化成分容"],
                          level_code="secondary_vocational", district_code="三江新区"),
        "draft": make.need(enterprise, status="draft", description=NEED_BATTERY),
    }
    refresh_all()
    db.session.commit()
    return items


def test_programmes_for_a_need_with_reasons(api, catalogue):
    body = api.anonymous.get(f"/needs/{catalogue['need'].id}/recommendations").get_json()
    first = body["items"][0]
    assert first["programme"]["id"] == catalogue["battery"].id and first["programme"]["school"]
    assert 0 < first["score"] <= 1 and "同一产业集群" in first["reasons"]
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_reasons_follow_the_request_language(api, catalogue):
    english = api.anonymous.get(f"/needs/{catalogue['need'].id}/recommendations",
                                headers={"Accept-Language": "en"}).get_json()
    assert "Same industrial cluster" in english["items"][0]["reasons"]  # the shared keywords stay Chinese
    by_query = api.anonymous.get(f"/needs/{catalogue['need'].id}/recommendations?lang=en").get_json()
    assert by_query["items"][0]["reasons"] == english["items"][0]["reasons"]


def test_needs_for_a_programme_and_top(api, catalogue):
    body = api.anonymous.get(f"/programmes/{catalogue['battery'].id}/recommendations?top=1").get_json()
    assert len(body["items"]) == 1 and body["items"][0]["need"]["id"] == catalogue["need"].id
    error_of(api.anonymous.get(f"/programmes/{catalogue['battery'].id}/recommendations?top=0"), 400)
    error_of(api.anonymous.get(f"/programmes/{catalogue['battery'].id}/recommendations?top=51"), 400)


def test_a_draft_is_hidden_from_others_and_has_no_suggestions(api, catalogue, make):
    draft = catalogue["draft"]
    error_of(api.anonymous.get(f"/needs/{draft.id}/recommendations"), 404)
    owner = api.as_(make.user(draft.organisation))
    assert owner.get(f"/needs/{draft.id}/recommendations").get_json() == {"items": []}


def test_publishing_through_the_api_refreshes_suggestions(api, catalogue, make):
    from .test_postings import NEED

    enterprise = api.as_(make.user(catalogue["need"].organisation))
    body = {**NEED, "title": "锂电池电芯装配工", "description": NEED_BATTERY, "skills": ["电芯装配", "极片涂布", "化成分容"]}
    need_id = enterprise.post("/needs", json=body).get_json()["id"]
    enterprise.post(f"/needs/{need_id}/publish")
    items = api.anonymous.get(f"/needs/{need_id}/recommendations").get_json()["items"]
    assert items and items[0]["programme"]["id"] == catalogue["battery"].id
