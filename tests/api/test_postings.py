"""Programmes and needs: public search, owner's create/edit/lifecycle, visibility and kinds."""
import pytest

from matchmaking.needs.models import Need
from matchmaking.extensions import db

from ..factories import DESCRIPTION
from .conftest import error_of

PROGRAMME = {"title": "新能源汽车检测与维修订单班", "cluster": "power_battery", "level": "higher_vocational",
             "district": "翠屏区", "description": DESCRIPTION, "skills": ["整车检测", "电池管理系统", "高压安全"],
             "capacity": 45, "modes": ["order_class", "internship"]}
NEED = {"title": "电芯制造操作工", "cluster": "power_battery", "level": "secondary_vocational", "district": "三江新区",
        "description": DESCRIPTION, "skills": ["极片涂布", "辊压分切", "化成分容"], "kind": "talent", "headcount": 5}


def test_public_list_pages_and_filters(api, pair, make):
    for i in range(3):
        make.need(pair.enterprise, title=f"白酒酿造工{i}", cluster_code="baijiu")
    make.need(pair.enterprise, status="draft", title="草稿需求")
    make.need(make.enterprise(status="pending"), title="待审核企业的需求")
    body = api.anonymous.get("/needs?per_page=2").get_json()
    assert body["total"] == 4 and body["per_page"] == 2 and len(body["items"]) == 2 and body["page"] == 1
    assert api.anonymous.get("/needs?per_page=2&page=3").get_json()["items"] == []
    baijiu = api.anonymous.get("/needs?cluster=baijiu&sort=title").get_json()
    assert [n["title"] for n in baijiu["items"]] == ["白酒酿造工0", "白酒酿造工1", "白酒酿造工2"]
    assert api.anonymous.get("/needs?kind=apprenticeship").get_json()["total"] == 1
    assert api.anonymous.get("/needs?q=酿造工2").get_json()["total"] == 1
    programmes = api.anonymous.get("/programmes?mode=apprenticeship&per_page=100").get_json()
    assert programmes["total"] == 1 and programmes["items"][0]["modes"] == ["order_class", "apprenticeship"]


def test_items_use_the_exchange_field_names(api, pair):
    item = api.anonymous.get(f"/programmes/{pair.programme.id}").get_json()
    assert {"id", "school", "title", "cluster", "level", "district", "description", "skills", "capacity", "modes",
            "status", "organisation_id", "published_at"} <= set(item)
    assert item["id"] == pair.programme.id and item["school"] == pair.school.name
    need = api.anonymous.get(f"/needs/{pair.need.id}").get_json()
    assert need["enterprise"] == pair.enterprise.name and need["kind"] == "apprenticeship" and need["headcount"] == 30


@pytest.mark.parametrize("kind, body, owner", [("needs", NEED, "enterprise_user"), ("programmes", PROGRAMME, "school_user")])
def test_owner_creates_a_draft(api, pair, kind, body, owner):
    response = api.as_(getattr(pair, owner)).post(f"/{kind}", json=body)
    assert response.status_code == 201
    created = response.get_json()
    assert created["status"] == "draft" and created["published_at"] is None and isinstance(created["id"], int)
    assert created["title"] == body["title"] and created["skills"] == body["skills"]


@pytest.mark.parametrize("kind, body, wrong", [("needs", NEED, "school_user"), ("programmes", PROGRAMME, "enterprise_user")])
def test_the_wrong_kind_of_organisation_gets_403(api, pair, kind, body, wrong):
    assert "只有" in error_of(api.as_(getattr(pair, wrong)).post(f"/{kind}", json=body), 403)["message"]


def test_the_bureau_cannot_create_postings(api, make):
    officer = make.user(make.bureau(name="宜宾市人社局"))
    error_of(api.as_(officer).post("/needs", json=NEED), 403)


def test_creating_needs_a_token(api):
    error_of(api.anonymous.post("/needs", json=NEED), 401)


def test_form_rules_answer_422_with_api_field_names(api, pair):
    caller = api.as_(pair.school_user)
    error = error_of(caller.post("/programmes", json={**PROGRAMME, "cluster": "shipbuilding", "skills": ["一"],
                                                      "modes": [], "capacity": 0}), 422)
    assert set(error["fields"]) == {"cluster", "skills", "modes", "capacity"}
    error = error_of(caller.post("/programmes", json={"title": "x"}), 422)
    assert {"title", "description", "cluster", "level", "district", "capacity", "modes"} <= set(error["fields"])


def test_skills_are_split_like_on_the_pages(api, pair):
    body = {**NEED, "skills": ["极片涂布、辊压分切", "化成分容", "化成分容"]}
    assert api.as_(pair.enterprise_user).post("/needs", json=body).get_json()["skills"] == ["极片涂布", "辊压分切", "化成分容"]


def test_drafts_are_visible_to_the_owner_and_the_bureau_only(api, pair, make):
    draft = make.need(pair.enterprise, status="draft")
    assert api.as_(pair.enterprise_user).get(f"/needs/{draft.id}").status_code == 200
    assert api.as_(make.user(make.bureau())).get(f"/needs/{draft.id}").status_code == 200
    error_of(api.anonymous.get(f"/needs/{draft.id}"), 404)
    error_of(api.as_(make.user(make.enterprise())).get(f"/needs/{draft.id}"), 404)
    error_of(api.as_(pair.school_user).get(f"/needs/{draft.id}"), 404)


def test_patch_is_partial_and_validated_as_a_whole(api, pair):
    caller = api.as_(pair.enterprise_user)
    updated = caller.patch(f"/needs/{pair.need.id}", json={"title": "电池极片工", "headcount": 12}).get_json()
    assert updated["title"] == "电池极片工" and updated["headcount"] == 12 and updated["skills"] == pair.need.skills
    assert updated["kind"] == "apprenticeship"
    # headcount 0 is only valid together with joint R&D: checked against the merged values.
    error_of(caller.patch(f"/needs/{pair.need.id}", json={"headcount": 0}), 422)
    assert caller.patch(f"/needs/{pair.need.id}", json={"headcount": 0, "kind": "joint_rd"}).status_code == 200
    assert caller.patch(f"/needs/{pair.need.id}", json=updated).status_code == 200  # a GET body sent back


def test_another_organisation_cannot_touch_a_posting(api, pair, make):
    other = api.as_(make.user(make.enterprise()))
    error_of(other.patch(f"/needs/{pair.need.id}", json={"title": "改掉它"}), 404)
    error_of(other.post(f"/needs/{pair.need.id}/close"), 404)
    error_of(other.delete(f"/needs/{pair.need.id}"), 404)
    school = api.as_(pair.school_user)
    error_of(school.patch(f"/needs/{pair.need.id}", json={"title": "改掉它"}), 404)
    db.session.refresh(pair.need)
    assert pair.need.title != "改掉它" and pair.need.status == "published"


def test_lifecycle_through_the_api(api, pair):
    caller = api.as_(pair.enterprise_user)
    need_id = caller.post("/needs", json=NEED).get_json()["id"]
    published = caller.post(f"/needs/{need_id}/publish").get_json()
    assert published["status"] == "published" and published["published_at"]
    assert api.anonymous.get(f"/needs/{need_id}").status_code == 200
    assert "当前状态" in error_of(caller.post(f"/needs/{need_id}/publish"), 409)["message"]
    error_of(caller.delete(f"/needs/{need_id}"), 409)  # published items are closed before archiving
    assert caller.post(f"/needs/{need_id}/close").get_json()["status"] == "closed"
    assert caller.post(f"/needs/{need_id}/reopen").get_json()["status"] == "published"
    caller.post(f"/needs/{need_id}/close")
    assert caller.delete(f"/needs/{need_id}").get_json()["status"] == "archived"
    error_of(caller.patch(f"/needs/{need_id}", json={"title": "归档后修改"}), 409)
    error_of(caller.post(f"/needs/{need_id}/archive"), 409)
    assert db.session.get(Need, need_id).status == "archived"


def test_unverified_organisations_cannot_publish(api, make):
    pending = make.enterprise(status="pending")
    caller = api.as_(make.user(pending))
    need_id = caller.post("/needs", json=NEED).get_json()["id"]
    assert "审核" in error_of(caller.post(f"/needs/{need_id}/publish"), 403)["message"]


def test_draft_delete_archives(api, pair):
    caller = api.as_(pair.school_user)
    programme_id = caller.post("/programmes", json=PROGRAMME).get_json()["id"]
    assert caller.delete(f"/programmes/{programme_id}").get_json()["status"] == "archived"
    assert programme_id not in [p["id"] for p in api.anonymous.get("/programmes").get_json()["items"]]
