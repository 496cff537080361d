"""Exports of the bureau's lists: organisations, audit log, events, registrants, timetable."""
import pytest
from sqlalchemy import func, select

from matchmaking.audit.models import AuditEntry
from matchmaking.audit.services import record
from matchmaking.events import scheduling, wishes
from matchmaking.extensions import db
from tests.events.conftest import EventFactory

from .conftest import ESCAPED, HYPERLINK, export_link, page_total


@pytest.fixture
def officer(make):
    return make.user(make.bureau())


def test_organisation_export_follows_the_queue_filters(officer, make, login_as, sheet):
    for n in range(3):
        make.school(status="pending", name=f"待审学校{n}")
    make.enterprise(status="pending", name=HYPERLINK)
    make.enterprise(status="verified", name="已认证企业")
    client = login_as(officer)
    html = client.get("/bureau/organisations?kind=school").get_data(as_text=True)
    path, args = export_link(html)
    assert path == "/bureau/organisations/export.xlsx" and args == {"kind": "school", "status": "pending"}
    book = sheet(client.get(path, query_string=args))
    assert book.header == ["机构", "类型", "代码", "区县", "联系人", "联系电话", "注册时间", "状态"]
    assert sorted(book.column("机构")) == ["待审学校0", "待审学校1", "待审学校2"]
    assert set(book.column("联系电话")) == {"139****0001"}  # masked as in the list
    default = sheet(client.get("/bureau/organisations/export.xlsx"))  # the queue's default: pending
    assert ESCAPED in default.column("机构") and "已认证企业" not in default.column("机构")
    everything = sheet(client.get("/bureau/organisations/export.xlsx?status="))
    assert len(everything.body) == 5
    assert sheet(client.get("/bureau/organisations/export.xlsx?status=verified&q=已认证")).column("机构") == ["已认证企业"]
    everything.assert_filename("机构名单.xlsx")


def test_audit_export_has_every_row_the_pages_count(officer, make, login_as, sheet):
    other = make.user(make.school())
    for n in range(60):
        record("organisation.verify", user=officer, object_type="organisations", object_id=n, detail=f"第{n}条")
    record("user.disable", user=other, detail=HYPERLINK)
    db.session.commit()
    client = login_as(officer)
    html = client.get("/bureau/audit?action=organisation.&page=2").get_data(as_text=True)
    path, args = export_link(html)
    assert args == {"action": "organisation."}
    book = sheet(client.get(path, query_string=args))
    assert book.header == ["时间", "操作人", "操作", "对象类型", "对象编号", "详情", "IP"]
    assert len(book.body) == page_total(html) == 60
    assert set(book.column("操作")) == {"organisation.verify"}
    by_user = sheet(client.get("/bureau/audit/export.xlsx", query_string={"user": other.email}))
    assert by_user.column("详情") == [ESCAPED]
    everything = sheet(client.get("/bureau/audit/export.xlsx"))
    assert len(everything.body) == db.session.scalar(select(func.count(AuditEntry.id)))
    everything.assert_filename("审计日志.xlsx")


@pytest.mark.parametrize("path", ["/bureau/organisations/export.xlsx", "/bureau/audit/export.xlsx",
                                  "/events/manage/export.xlsx"])
def test_bureau_exports_are_for_the_bureau_only(path, pair, client, login_as):
    assert login_as(pair.school_user).get(path).status_code == 403
    assert client.get(path).status_code == 302


@pytest.fixture
def event_setup(make, officer):
    ev = EventFactory(make)
    event = ev.event(title="动力电池对接会", status="closed")
    schools = [make.school(name=f"参会学校{n}") for n in range(2)]
    enterprises = [make.enterprise(name=f"参会企业{n}") for n in range(2)]
    registrations = [ev.registration(event, o) for o in schools + enterprises]
    pending = ev.registration(event, make.school(name="待审核学校"), status="pending")
    pending.attendees = HYPERLINK
    other = ev.event(title="白酒对接会")
    ev.registration(other, make.enterprise(name="别的活动的企业"))
    ev.event(title="草稿活动", status="draft")
    for school, enterprise in zip(schools, enterprises):
        wishes.bureau_add(event, school.id, enterprise.id, by=officer)
    wishes.bureau_add(event, schools[0].id, enterprises[1].id, by=officer)
    db.session.commit()
    scheduling.run(event, by=officer)
    db.session.commit()
    return event, registrations


def test_registrants_export_lists_the_events_registrations(event_setup, officer, login_as, sheet):
    event, registrations = event_setup
    client = login_as(officer)
    html = client.get(f"/events/manage/{event.id}").get_data(as_text=True)
    assert f'href="/events/manage/{event.id}/registrations.xlsx"' in html
    book = sheet(client.get(f"/events/manage/{event.id}/registrations.xlsx"))
    assert book.header[:4] == ["机构", "类型", "联系人", "联系电话"]
    assert "报名（5）" in html and len(book.body) == 5 == len(registrations) + 1
    assert "别的活动的企业" not in book.cells()
    assert ESCAPED in book.column("参会人员")
    book.assert_filename("动力电池对接会-报名名单.xlsx")
    assert client.get("/events/manage/999999/registrations.xlsx").status_code == 404


def test_timetable_export_lists_the_scheduled_meetings(event_setup, officer, login_as, sheet):
    event, _ = event_setup
    client = login_as(officer)
    assert f'href="/events/manage/{event.id}/timetable.xlsx"' in client.get(f"/events/manage/{event.id}/timetable").get_data(as_text=True)
    book = sheet(client.get(f"/events/manage/{event.id}/timetable.xlsx"))
    assert book.header == ["时段", "桌号", "学校", "企业", "状态"]
    meetings = [m for m in event.meetings if m.status != "cancelled"]
    assert len(meetings) == 3 and len(book.body) == 3
    assert set(book.column("学校")) <= {"参会学校0", "参会学校1"}
    book.assert_filename("动力电池对接会-洽谈时间表.xlsx")


def test_event_lists_export_what_each_viewer_sees(event_setup, officer, client, login_as, sheet):
    bureau = sheet(login_as(officer).get("/events/manage/export.xlsx"))
    assert sorted(bureau.column("活动")) == ["动力电池对接会", "白酒对接会", "草稿活动"]
    assert dict(zip(bureau.column("活动"), bureau.column("报名机构")))["动力电池对接会"] == 5
    assert export_link(client.get("/events").get_data(as_text=True)) == ("/events/export.xlsx", {})
    public = sheet(client.get("/events/export.xlsx"))
    assert sorted(public.column("活动")) == ["动力电池对接会", "白酒对接会"]
    assert "报名机构" not in public.header
    assert public.column("产业集群")[0].startswith("动力电池")
    public.assert_filename("对接活动.xlsx")
