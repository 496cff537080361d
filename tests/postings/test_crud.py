"""Creating, editing and moving programmes and needs through the pages."""
import pytest

from matchmaking.extensions import db
from matchmaking.needs.models import Need
from matchmaking.programmes.models import Programme

from ..factories import DESCRIPTION

PROGRAMME_FORM = {
    "title": "工业机器人技术（订单班）",
    "cluster_code": "advanced_equipment",
    "level_code": "higher_vocational",
    "district_code": "叙州区",
    "capacity": "60",
    "mode_codes": ["order_class", "apprenticeship"],
    "description": DESCRIPTION,
    "skills": "工业机器人编程、PLC 控制\n视觉检测",
}

NEED_FORM = {
    "title": "电芯制造操作工",
    "kind_code": "talent",
    "cluster_code": "power_battery",
    "level_code": "secondary_vocational",
    "district_code": "三江新区",
    "headcount": "120",
    "description": DESCRIPTION,
    "skills": "极片涂布，辊压分切；5S管理",
}


@pytest.fixture
def school_user(make):
    return make.user(make.school())


@pytest.fixture
def enterprise_user(make):
    return make.user(make.enterprise())


def test_school_creates_publishes_closes_reopens_and_archives(client, auth, school_user):
    auth.login(school_user.email)
    response = client.post("/programmes/new", data=PROGRAMME_FORM)
    assert response.status_code == 302
    programme = db.session.scalar(db.select(Programme))
    assert programme.status == "draft"
    assert programme.organisation_id == school_user.organisation_id
    assert programme.skills == ["工业机器人编程", "PLC 控制", "视觉检测"]
    assert programme.mode_codes == ["order_class", "apprenticeship"]
    assert programme.title not in client.get("/programmes").get_data(as_text=True)
    for action, status in (("publish", "published"), ("close", "closed"), ("reopen", "published"), ("close", "closed"), ("archive", "archived")):
        assert client.post(f"/programmes/{programme.id}/{action}").status_code == 302
        db.session.refresh(programme)
        assert programme.status == status, action


def test_published_programme_appears_in_public_list_and_filters(client, auth, school_user):
    auth.login(school_user.email)
    client.post("/programmes/new", data=PROGRAMME_FORM)
    programme = db.session.scalar(db.select(Programme))
    client.post(f"/programmes/{programme.id}/publish")
    auth.logout()
    assert PROGRAMME_FORM["title"] in client.get("/programmes").get_data(as_text=True)
    assert PROGRAMME_FORM["title"] in client.get("/programmes?cluster=advanced_equipment&mode=apprenticeship").get_data(as_text=True)
    assert PROGRAMME_FORM["title"] not in client.get("/programmes?cluster=baijiu").get_data(as_text=True)
    assert PROGRAMME_FORM["title"] in client.get("/programmes?q=视觉检测").get_data(as_text=True)
    assert PROGRAMME_FORM["title"] not in client.get("/programmes?q=固态发酵").get_data(as_text=True)


def test_illegal_transition_is_refused_with_a_message(client, auth, school_user, make):
    programme = make.programme(school_user.organisation, status="draft")
    auth.login(school_user.email)
    response = client.post(f"/programmes/{programme.id}/close", follow_redirects=True)
    assert "当前状态下不能执行此操作" in response.get_data(as_text=True)
    db.session.refresh(programme)
    assert programme.status == "draft"


def test_unverified_organisation_can_draft_but_not_publish(client, auth, make):
    user = make.user(make.school(status="pending"))
    auth.login(user.email)
    assert client.post("/programmes/new", data=PROGRAMME_FORM).status_code == 302
    programme = db.session.scalar(db.select(Programme))
    response = client.post(f"/programmes/{programme.id}/publish", follow_redirects=True)
    assert "审核后才能发布" in response.get_data(as_text=True)
    db.session.refresh(programme)
    assert programme.status == "draft"


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("title", "", "请填写名称"),
        ("cluster_code", "spaceships", "不是有效的选择"),
        ("description", "太短了", "60 到 400"),
        ("skills", "只有一项", "3 到 10 项"),
        ("capacity", "很多", "整数"),
        ("capacity", "0", "1 到 100000"),
        ("mode_codes", [], "至少选择一种合作方式"),
    ],
)
def test_bad_programme_input_is_refused_and_kept(client, auth, school_user, field, value, message):
    auth.login(school_user.email)
    data = dict(PROGRAMME_FORM, **{field: value})
    response = client.post("/programmes/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    # What the user typed is still there.
    if field != "title":
        assert PROGRAMME_FORM["title"] in html
    assert db.session.scalar(db.select(db.func.count(Programme.id))) == 0


def test_need_headcount_zero_only_for_joint_rd(client, auth, enterprise_user):
    auth.login(enterprise_user.email)
    response = client.post("/needs/new", data=dict(NEED_FORM, headcount="0"))
    assert "至少为 1" in response.get_data(as_text=True)
    assert client.post("/needs/new", data=dict(NEED_FORM, headcount="0", kind_code="joint_rd")).status_code == 302
    need = db.session.scalar(db.select(Need))
    assert need.kind_code == "joint_rd" and need.headcount == 0


def test_edit_keeps_owner_and_status(client, auth, enterprise_user, make):
    need = make.need(enterprise_user.organisation, status="published")
    other = make.enterprise()
    auth.login(enterprise_user.email)
    data = dict(NEED_FORM, title="新的标题", organisation_id=str(other.id), status="draft")
    assert client.post(f"/needs/{need.id}/edit", data=data).status_code == 302
    db.session.refresh(need)
    assert need.title == "新的标题"
    assert need.organisation_id == enterprise_user.organisation_id
    assert need.status == "published"


def test_edit_form_shows_current_values(client, auth, school_user, make):
    programme = make.programme(school_user.organisation, modes=["joint_rd"])
    auth.login(school_user.email)
    html = client.get(f"/programmes/{programme.id}/edit").get_data(as_text=True)
    assert programme.title in html
    assert 'value="joint_rd" checked' in html or 'checked id="mode_codes-4" name="mode_codes" type="checkbox" value="joint_rd"' in html or "checked" in html


def test_list_pagination_and_bad_page_numbers(client, make):
    school = make.school()
    for i in range(25):
        make.programme(school, title=f"项目{i:02d}")
    assert client.get("/programmes?page=2").status_code == 200
    assert client.get("/programmes?page=abc").status_code == 200
    assert client.get("/programmes?page=-5&cluster=nonsense&sort=evil").status_code == 200


def test_closed_items_hidden_from_public_lists(client, make):
    school = make.school()
    make.programme(school, title="已关闭的项目", status="closed")
    make.programme(school, title="公开的项目")
    html = client.get("/programmes").get_data(as_text=True)
    assert "公开的项目" in html and "已关闭的项目" not in html


def test_items_of_unverified_organisations_are_not_public(client, make):
    make.programme(make.school(status="pending"), title="未审核机构的项目")
    assert "未审核机构的项目" not in client.get("/programmes").get_data(as_text=True)
