"""The one request layer (core.views), as each former helper's pages use it: a missing or hidden
object is a 404 page, a role refusal a 403 page with the rule's message, any other refusal the
message flashed where the page said (or at the form field it names) with nothing written, and a
successful action committed once after the view."""
from datetime import timedelta

import pytest

from matchmaking.core.timeutil import local_today, utcnow
from matchmaking.dashboard.models import PlanRecord
from matchmaking.events.models import DockingEvent
from matchmaking.extensions import db
from matchmaking.organisations.models import Organisation
from matchmaking.pairings.models import Pairing
from matchmaking.projects.models import FollowUp, Project


@pytest.fixture
def bureau_user(make):
    return make.user(make.bureau())


def _fresh(model, ident):
    db.session.expire_all()
    return db.session.get(model, ident)


# --- projects (the former projects `_run`) ---------------------------------------------------------

def test_project_of_another_organisation_is_a_404(project, make, login_as):
    outsider = login_as(make.user(make.school()))
    assert outsider.get(f"/projects/{project.id}").status_code == 404
    assert outsider.post(f"/projects/{project.id}/start").status_code == 404
    assert outsider.post("/projects/999999/start").status_code == 404


def test_wrong_side_gets_a_403_page_with_the_rules_message(project, pair, login_as):
    response = login_as(pair.school_user).post(f"/projects/{project.id}/confirm")
    assert response.status_code == 403
    assert "项目成果由企业确认" in response.get_data(as_text=True)


def test_state_refusal_is_flashed_on_the_project_page_and_writes_nothing(project, pair, login_as):
    school = login_as(pair.school_user)
    response = school.post(f"/projects/{project.id}/start")  # still negotiating: cannot start
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/projects/{project.id}")
    assert "当前状态下不能执行此操作" in school.get(f"/projects/{project.id}").get_data(as_text=True)
    assert _fresh(Project, project.id).status == "negotiating"


def test_refusal_naming_a_field_is_shown_at_that_field_with_the_input_kept(project, pair, login_as):
    future = (local_today() + timedelta(days=3)).isoformat()
    response = login_as(pair.school_user).post(f"/projects/{project.id}/follow-ups",
                                               data={"date": future, "content": "拟于下周安排学生进厂"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "记录日期不能晚于今天" in html and "拟于下周安排学生进厂" in html
    assert db.session.scalar(db.select(db.func.count(FollowUp.id))) == 0


def test_success_is_committed_once_and_flashed(project, pair, login_as):
    school = login_as(pair.school_user)
    response = school.post(f"/projects/{project.id}/follow-ups",
                           data={"date": local_today().isoformat(), "content": "首批学生已进厂"})
    assert response.status_code == 302
    assert "已保存" in school.get(f"/projects/{project.id}").get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(FollowUp.id))) == 1


# --- events (the former events `run` and `or_abort`) ------------------------------------------------

@pytest.fixture
def event(bureau_user, login_as):
    from tests.events.helpers import event_form

    login_as(bureau_user).post("/events/manage/new", data=event_form())
    return db.session.scalar(db.select(DockingEvent))


def test_event_pages_answer_404_for_a_missing_event_and_403_for_members(event, pair, bureau_user, login_as):
    assert event is not None
    bureau = login_as(bureau_user)
    assert bureau.get("/events/manage/999999").status_code == 404
    assert bureau.post("/events/manage/999999/open").status_code == 404
    assert login_as(pair.school_user).get(f"/events/manage/{event.id}").status_code == 403


def test_illegal_event_transition_is_flashed_on_the_management_page(event, bureau_user, login_as):
    bureau = login_as(bureau_user)
    response = bureau.post(f"/events/manage/{event.id}/hold")  # a draft cannot be held
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/events/manage/{event.id}")
    assert "只有已排程的活动可以标记为已举办" in bureau.get(f"/events/manage/{event.id}").get_data(as_text=True)
    assert _fresh(DockingEvent, event.id).status == "draft"


def test_the_bureau_takes_no_part_in_an_event(event, bureau_user, login_as):
    bureau = login_as(bureau_user)
    bureau.post(f"/events/manage/{event.id}/open")
    assert bureau.get(f"/events/{event.id}/requests").status_code == 403


# --- bureau (the former bureau `_run`, where a missing object used to become a flash) --------------

def test_bureau_actions_on_missing_objects_are_404s(bureau_user, login_as):
    bureau = login_as(bureau_user)
    assert bureau.post("/bureau/organisations/999999/verify").status_code == 404
    assert bureau.post("/bureau/users/999999/disable").status_code == 404


def test_bureau_refusal_is_flashed_on_the_organisation_page(bureau_user, make, login_as):
    bureau = login_as(bureau_user)
    school = make.school()
    officer_of_school = make.user(school)
    response = bureau.post(f"/bureau/users/{bureau_user.id}/disable")  # one's own account
    assert response.status_code == 302
    assert "不能停用自己的账号" in bureau.get(response.headers["Location"]).get_data(as_text=True)
    response = bureau.post(f"/bureau/users/{officer_of_school.id}/disable")
    assert response.headers["Location"].endswith(f"/bureau/organisations/{school.id}")
    assert _fresh(Organisation, school.id) is not None


# --- plan records (the former dashboard `_act`) -----------------------------------------------------

@pytest.fixture
def record(pair, login_as):
    school = login_as(pair.school_user)
    school.post("/plan-records/new", data={"kind": "industry_college", "name": "宜宾智能制造现代产业学院", "level": "provincial",
                                           "recognised_on": "2025-05-30", "cluster_code": "power_battery",
                                           "evidence": "川教函〔2025〕12 号", "evidence_url": ""})
    return db.session.scalar(db.select(PlanRecord))


def test_plan_record_of_another_school_is_a_404(record, make, login_as):
    assert record is not None
    other = login_as(make.user(make.school()))
    assert other.get(f"/plan-records/{record.id}").status_code == 404
    assert other.post(f"/plan-records/{record.id}/submit").status_code == 404


def test_plan_record_review_by_a_school_is_a_403_and_a_draft_review_a_flash(record, pair, bureau_user, login_as):
    school = login_as(pair.school_user)
    assert school.post(f"/plan-records/{record.id}/approve").status_code == 403
    assert school.post(f"/plan-records/{record.id}/reject", data={"reason": "x"}).status_code == 403
    school.post(f"/plan-records/{record.id}/submit")
    bureau = login_as(bureau_user)
    assert bureau.post(f"/plan-records/{record.id}/approve").status_code == 302
    response = bureau.post(f"/plan-records/{record.id}/approve")  # already approved
    assert response.status_code == 302
    assert "不在待审核状态" in bureau.get(response.headers["Location"]).get_data(as_text=True)
    assert _fresh(PlanRecord, record.id).status == "approved"


# --- nothing writes on a GET ------------------------------------------------------------------------

def test_pairing_list_shows_an_overdue_proposal_as_expired_without_writing(pair, login_as):
    enterprise = login_as(pair.enterprise_user)
    enterprise.post(f"/pairings/new/programme/{pair.programme.id}",
                    data={"counterpart_id": pair.programme.id, "own_id": pair.need.id, "message": "共建订单班"})
    pairing = db.session.scalar(db.select(Pairing))
    pairing.expires_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    html = login_as(pair.school_user).get("/pairings?status=expired").get_data(as_text=True)
    assert "已失效" in html and pair.need.title in html
    assert _fresh(Pairing, pairing.id).status == "proposed"  # the periodic expiry records it, with notifications


@pytest.mark.parametrize("method, status, kept", [("GET", 200, False), ("POST", 400, False), ("POST", 302, True)])
def test_only_a_successful_unsafe_request_commits(app, pair, method, status, kept):
    """What a view leaves in the session is committed after a successful POST and rolled back otherwise."""
    from matchmaking.core.views import finish_transaction

    with app.test_request_context("/", method=method):
        db.session.get(Organisation, pair.school.id).name = "宜宾测试改名学校"
        finish_transaction(app.response_class("ok", status=status))
    assert (_fresh(Organisation, pair.school.id).name == "宜宾测试改名学校") is kept
