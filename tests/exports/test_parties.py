"""Exports a school or an enterprise sees: its pairings and its projects."""
import pytest
from sqlalchemy import select

from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing
from matchmaking.projects.models import Project

from .conftest import ESCAPED, HYPERLINK, export_link

PAIRING_HEADERS = ["编号", "企业需求", "需求企业", "培训项目", "院校", "对方", "留言", "发起时间", "回复期限", "状态", "婉拒原因"]


def _propose(client, programme, need, message="共建学徒制班"):
    response = client.post(f"/pairings/new/programme/{programme.id}",
                           data={"counterpart_id": programme.id, "own_id": need.id, "message": message})
    assert response.status_code == 302
    return db.session.scalar(select(Pairing).order_by(Pairing.id.desc()))


@pytest.fixture
def pairings(pair, make, login_as):
    """pair.enterprise proposes twice to pair.school (one with a formula as message); strangers pair elsewhere."""
    enterprise = login_as(pair.enterprise_user)
    first = _propose(enterprise, pair.programme, pair.need, HYPERLINK)
    second_need = make.need(pair.enterprise, title="储能装配学徒")
    second = _propose(enterprise, pair.programme, second_need)
    login_as(pair.school_user).post(f"/pairings/{second.id}/accept")
    other_school, other_enterprise = make.school(name="无关学校"), make.enterprise(name="无关企业")
    other_need = make.need(other_enterprise, title="无关需求")
    _propose(login_as(make.user(other_enterprise)), make.programme(other_school, title="无关项目"), other_need)
    return first, second


def test_incoming_pairings_export_matches_the_page(pair, pairings, login_as, sheet):
    school = login_as(pair.school_user)
    html = school.get("/pairings").get_data(as_text=True)
    assert export_link(html) == ("/pairings/export.xlsx", {"direction": "incoming", "status": ""})
    book = sheet(school.get("/pairings/export.xlsx?direction=incoming"))
    assert book.header == PAIRING_HEADERS
    assert sorted(book.column("编号")) == sorted(p.id for p in pairings) == sorted(
        int(i) for i in __import__("re").findall(r'href="/pairings/(\d+)"', html))
    assert set(book.column("对方")) == {pair.enterprise.name}
    assert ESCAPED in book.column("留言")
    assert not {"无关学校", "无关企业", "无关需求", "无关项目"} & book.cells()
    book.assert_filename("收到的对接意向.xlsx")


def test_status_filter_and_direction_apply_as_on_the_page(pair, pairings, login_as, sheet):
    first, second = pairings
    school = login_as(pair.school_user)
    accepted = sheet(school.get("/pairings/export.xlsx?direction=incoming&status=accepted"))
    assert accepted.column("编号") == [second.id] and accepted.column("状态") == ["已接受"]
    assert export_link(school.get("/pairings?status=accepted&page=2").get_data(as_text=True)) == \
        ("/pairings/export.xlsx", {"direction": "incoming", "status": "accepted"})
    assert sheet(school.get("/pairings/export.xlsx?direction=outgoing")).body == []
    outgoing = sheet(login_as(pair.enterprise_user).get("/pairings/export.xlsx?direction=outgoing&status=nonsense"))
    assert sorted(outgoing.column("编号")) == sorted([first.id, second.id])
    assert set(outgoing.column("对方")) == {pair.school.name}
    outgoing.assert_filename("发出的对接意向.xlsx")


def test_pairings_export_needs_a_party(client, make, login_as):
    assert client.get("/pairings/export.xlsx").status_code == 302
    assert login_as(make.user(make.bureau())).get("/pairings/export.xlsx").status_code == 403


@pytest.fixture
def projects(pairings):
    return list(db.session.scalars(select(Project)))


def test_projects_export_lists_only_the_organisations_own_projects(pair, projects, make, login_as, sheet):
    [project] = projects
    # A project between two other organisations.
    other_school, other_enterprise = make.school(name="外校"), make.enterprise(name="外企")
    other = _propose(login_as(make.user(other_enterprise)), make.programme(other_school), make.need(other_enterprise))
    login_as(make.user(other_school)).post(f"/pairings/{other.id}/accept")
    project.title = '=HYPERLINK("http://evil.example/","点此查看")'
    db.session.commit()
    for user in (pair.school_user, pair.enterprise_user):
        client = login_as(user)
        assert export_link(client.get("/projects").get_data(as_text=True)) == ("/projects/export.xlsx", {})
        book = sheet(client.get("/projects/export.xlsx"))
        assert book.header[:4] == ["编号", "项目名称", "学校", "企业"]
        assert book.column("编号") == [project.id]
        assert book.column("项目名称") == [ESCAPED]
        assert not {"外校", "外企"} & book.cells()
        book.assert_filename("合作项目跟踪表.xlsx")
    assert login_as(make.user(other_school)).get("/projects/export.xlsx").status_code == 200


def test_the_bureau_is_sent_to_its_desk_export(make, login_as):
    response = login_as(make.user(make.bureau())).get("/projects/export.xlsx")
    assert response.status_code == 302 and response.headers["Location"].endswith("/bureau/projects/export.xlsx")


def test_overdue_proposals_are_exported_as_expired_like_the_page_shows_them(pair, pairings, login_as, sheet):
    from datetime import timedelta

    from matchmaking.core.timeutil import utcnow

    first, _ = pairings
    first.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    school = login_as(pair.school_user)
    expired = sheet(school.get("/pairings/export.xlsx?direction=incoming&status=expired"))
    assert expired.column("编号") == [first.id] and expired.column("状态") == ["已失效"]
