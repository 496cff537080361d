"""Suggestions on the site: stored, refreshed on publish/edit/close, shown with reasons."""
import pytest

from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing
from matchmaking.recommendations import queries
from matchmaking.recommendations.models import Recommendation
from matchmaking.recommendations.services import refresh_all

BATTERY = "面向宜宾动力电池产业链培养电芯制造、极片涂布、辊压分切、化成分容岗位的技术技能人才，校内建有锂电中试线，与企业共建订单班和新型学徒制班，学生可取得电池制造工证书。"
BAIJIU = "培养浓香型白酒酿造、固态发酵、窖池管理、勾调品评岗位人才，校内建有酿酒实训车间和品评室，与本地酒企共建订单班，学生可取得酿酒师、品酒师职业技能等级证书。"
NEED_BATTERY = "招聘电芯制造操作工，负责极片涂布、辊压分切、化成分容工序设备操作与首件确认，中专及以上学历，机电、化工、新能源相关专业优先，公司提供带薪岗前培训和学徒制培养。"


@pytest.fixture
def catalogue(make):
    school, other_school, enterprise = make.school(), make.school(), make.enterprise()
    users = {"school": make.user(school), "enterprise": make.user(enterprise)}
    items = {
        "battery": make.programme(school, title="锂电池制造技术订单班", description=BATTERY,
                                  skills=["电芯装配", "极片涂布", "化成分容"], modes=["order_class", "apprenticeship"],
                                  level_code="higher_vocational", district_code="三江新区"),
        "baijiu": make.programme(other_school, title="酿酒技术", cluster_code="baijiu", description=BAIJIU,
                                 skills=["固态发酵", "勾调品评", "窖池管理"], modes=["order_class"]),
        "draft": make.programme(school, title="草稿中的电池项目", description=BATTERY, status="draft",
                                skills=["电芯装配", "极片涂布", "化成分容"]),
        "need": make.need(enterprise, title="电芯制造操作工", description=NEED_BATTERY,
                          skills=["极片涂布", "辊压分切", "化成分容"], level_code="secondary_vocational", district_code="三江新区"),
    }
    refresh_all()
    db.session.commit()
    return users, items


def test_need_page_shows_the_fitting_programme_first_with_reasons(client, catalogue):
    _, items = catalogue
    html = client.get(f"/needs/{items['need'].id}").get_data(as_text=True)
    assert "推荐的培训项目" in html
    assert html.index("锂电池制造技术订单班") < html.index("酿酒技术") if "酿酒技术" in html else "锂电池制造技术订单班" in html
    assert "共同关键词" in html and "同一产业集群" in html
    assert "草稿中的电池项目" not in html
    assert "<meter" in html


def test_reasons_follow_the_language(client, catalogue):
    _, items = catalogue
    client.post("/lang", data={"lang": "en"})
    html = client.get(f"/needs/{items['need'].id}").get_data(as_text=True)
    assert "Same industrial cluster" in html or "Same industry cluster" in html


def test_owner_proposes_from_a_suggestion_and_the_score_is_kept(catalogue, login_as):
    users, items = catalogue
    enterprise = login_as(users["enterprise"])
    html = enterprise.get(f"/needs/{items['need'].id}").get_data(as_text=True)
    link = f"/pairings/new/programme/{items['battery'].id}?own_id={items['need'].id}&amp;source=suggestion"
    assert link in html
    page = enterprise.get(link.replace("&amp;", "&"))
    assert page.status_code == 200
    response = enterprise.post(f"/pairings/new/programme/{items['battery'].id}",
                               data={"counterpart_id": items["battery"].id, "own_id": items["need"].id, "source": "suggestion"})
    assert response.status_code == 302
    pairing = db.session.scalar(db.select(Pairing))
    assert pairing.source == "suggestion" and pairing.score is not None and pairing.score > 0
    # A proposed pair leaves the organisation's "best suggestions" list.
    assert "锂电池制造技术订单班" not in enterprise.get("/workspace").get_data(as_text=True).split("我发布的")[0]


def test_publishing_adds_and_closing_removes_suggestions(catalogue, login_as):
    users, items = catalogue
    school = login_as(users["school"])
    draft = items["draft"]
    school.post(f"/programmes/{draft.id}/publish")
    assert draft.id in [r.programme_id for r in queries.for_need(items["need"].id)]
    school.post(f"/programmes/{draft.id}/close")
    assert draft.id not in [r.programme_id for r in queries.for_need(items["need"].id)]
    assert db.session.scalar(db.select(db.func.count(Recommendation.id)).where(Recommendation.programme_id == draft.id)) == 0


def test_editing_refreshes_the_items_suggestions(catalogue, login_as):
    users, items = catalogue
    enterprise = login_as(users["enterprise"])
    need = items["need"]
    enterprise.post(f"/needs/{need.id}/edit", data={
        "title": "白酒酿造工", "kind_code": "talent", "cluster_code": "baijiu", "level_code": "secondary_vocational",
        "district_code": "翠屏区", "headcount": "10", "skills": "固态发酵、窖池管理、勾调品评",
        "description": "招聘白酒酿造工，负责浓香型白酒固态发酵、窖池管理、上甑蒸馏等工序，中专及以上学历，能吃苦耐劳，公司提供师带徒培养和酿酒师技能等级认定。"})
    top = queries.for_need(need.id)
    assert top and top[0].programme_id == items["baijiu"].id


def test_incremental_updates_agree_with_a_full_refit_on_the_items_own_list(catalogue, login_as, make):
    """Between full refits the vocabulary is frozen, so scores drift slightly; the pairs do not."""
    users, items = catalogue
    school = login_as(users["school"])
    school.post(f"/programmes/{items['draft'].id}/publish")
    incremental = {r.programme_id for r in queries.for_need(items["need"].id)}
    refresh_all()
    db.session.commit()
    full = {r.programme_id for r in queries.for_need(items["need"].id)}
    assert incremental == full and items["draft"].id in full


def test_workspace_and_bureau_lists(catalogue, login_as, make):
    users, items = catalogue
    assert "为您推荐" in login_as(users["school"]).get("/workspace").get_data(as_text=True)
    bureau = login_as(make.user(make.bureau()))
    html = bureau.get("/bureau/recommendations?cluster=power_battery").get_data(as_text=True)
    assert "电芯制造操作工" in html and "锂电池制造技术订单班" in html
    assert "电芯制造操作工" not in bureau.get("/bureau/recommendations?cluster=baijiu").get_data(as_text=True)
    assert login_as(users["school"]).get("/bureau/recommendations").status_code == 403


def test_unverified_organisations_items_are_not_suggested_until_verified(catalogue, make, login_as):
    _, items = catalogue
    pending = make.school(status="pending")
    hidden = make.programme(pending, title="待审核学校的电池项目", description=BATTERY, skills=["电芯装配", "极片涂布", "化成分容"])
    refresh_all()
    db.session.commit()
    assert hidden.id not in [r.programme_id for r in queries.for_need(items["need"].id)]
    bureau = login_as(make.user(make.bureau()))
    bureau.post(f"/bureau/organisations/{pending.id}/verify")
    assert hidden.id in [r.programme_id for r in queries.for_need(items["need"].id)]


def test_refresh_command(runner, catalogue):
    result = runner.invoke(args=["refresh-recommendations"])
    assert result.exit_code == 0 and "Stored" in result.output
