"""Events through the pages: the bureau creates, edits and moves an event through its states;
the public sees the list and the detail; nobody else manages."""
from datetime import timedelta

import pytest

from matchmaking.audit.models import AuditEntry
from matchmaking.events.models import DockingEvent
from matchmaking.extensions import db

from .helpers import event_form, refreshed


def test_bureau_creates_an_event_with_a_lunch_break(officer, login_as):
    bureau = login_as(officer)
    response = bureau.post("/events/manage/new", data=event_form(end_time="14:00", break_start="12:00", break_end="13:00"))
    assert response.status_code == 302
    event = db.session.scalar(db.select(DockingEvent))
    assert event.status == "draft" and event.cluster_codes == ["power_battery"] and event.breaks == [["12:00", "13:00"]]
    assert response.headers["Location"].endswith(f"/events/manage/{event.id}")
    page = bureau.get(f"/events/manage/{event.id}").get_data(as_text=True)
    assert event.title in page and "开放报名" in page
    assert db.session.scalar(db.select(AuditEntry.action).where(AuditEntry.action == "event.create"))


@pytest.mark.parametrize("overrides, message", [
    ({"title": ""}, "此项必填"),
    ({"end_time": "08:00"}, "结束时间必须晚于开始时间"),
    ({"meeting_minutes": "abc"}, "请填写整数"),
    ({"cluster_codes": []}, "请至少选择一个产业集群"),
    ({"break_start": "12:00"}, "请同时填写休息开始和结束时间"),
    ({"start_time": "09:00", "end_time": "09:10"}, "排不出任何洽谈时段"),
    ({"registration_closes": "2000-01-01"}, "报名截止日期不能早于开始日期"),
])
def test_bad_event_input_is_kept_on_the_page_with_a_message(officer, login_as, overrides, message):
    bureau = login_as(officer)
    response = bureau.post("/events/manage/new", data=event_form(venue="保留的地点", **overrides))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page and "保留的地点" in page
    assert db.session.scalar(db.select(db.func.count(DockingEvent.id))) == 0


def test_bureau_edits_an_event(officer, login_as, ev):
    event = ev.event(status="draft")
    bureau = login_as(officer)
    assert "动力电池产业校企对接会" in bureau.get(f"/events/manage/{event.id}/edit").get_data(as_text=True)
    response = bureau.post(f"/events/manage/{event.id}/edit", data=event_form(title="改名后的对接会", tables="8"))
    assert response.status_code == 302
    assert refreshed(event).title == "改名后的对接会" and event.tables == 8


def test_the_state_machine_moves_forward_and_refuses_illegal_transitions(officer, login_as, ev):
    event = ev.event(status="draft")
    bureau = login_as(officer)
    for action, illegal in (("close", True), ("hold", True), ("report", True), ("open", False), ("close", False)):
        response = bureau.post(f"/events/manage/{event.id}/{action}", follow_redirects=True)
        assert response.status_code == 200
        if illegal:
            assert "只有" in response.get_data(as_text=True) and refreshed(event).status == "draft"
    assert refreshed(event).status == "closed"
    refused = bureau.post(f"/events/manage/{event.id}/hold", follow_redirects=True).get_data(as_text=True)
    assert "只有已排程的活动可以标记为已举办" in refused and refreshed(event).status == "closed"


def test_public_list_and_detail_hide_drafts(client, ev):
    draft = ev.event(status="draft", title="草稿活动")
    open_event = ev.event(title="公开的对接会", breaks=[["10:00", "10:30"]])
    listing = client.get("/events").get_data(as_text=True)
    assert "公开的对接会" in listing and "草稿活动" not in listing
    detail = client.get(f"/events/{open_event.id}").get_data(as_text=True)
    assert "09:00–09:30" in detail and "10:30–11:00" in detail and "10:00–10:30</span>" not in detail
    assert "登录" in detail
    assert client.get(f"/events/{draft.id}").status_code == 404
    assert client.get("/events/9999").status_code == 404


def test_nav_links_to_events(client):
    assert 'href="/events"' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/events/manage", "/events/manage/new", "/events/manage/{id}", "/events/manage/{id}/edit",
                                  "/events/manage/{id}/timetable", "/events/manage/{id}/checkin",
                                  "/events/manage/{id}/report", "/events/manage/{id}/report.xlsx"])
def test_only_the_bureau_manages(pair, login_as, ev, path):
    event = ev.event()
    for user in (pair.school_user, pair.enterprise_user):
        assert login_as(user).get(path.format(id=event.id)).status_code == 403


def test_managing_needs_a_login(client, ev):
    event = ev.event()
    response = client.post(f"/events/manage/{event.id}/close")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert refreshed(event).status == "open"


def test_edits_of_a_held_event_are_refused(officer, login_as, ev):
    event = ev.event(status="held", date=ev.event().date - timedelta(days=30))
    response = login_as(officer).post(f"/events/manage/{event.id}/edit", data=event_form(title="新名字"))
    assert response.status_code == 400 and "已举办的活动不能再修改" in response.get_data(as_text=True)
