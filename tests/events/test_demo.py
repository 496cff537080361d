"""The demo data includes a held event with its report and an upcoming one open for registration."""
from matchmaking.events.models import DockingEvent
from matchmaking.extensions import db


def test_demo_events_are_seeded_once_with_a_report(runner, app):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    events = {e.status: e for e in db.session.scalars(db.select(DockingEvent))}
    assert sorted(events) == ["held", "open"]
    client = app.test_client()
    assert client.post("/login", data={"email": "bureau@demo.yibin.cn", "password": "Demo@2026"}).status_code == 302
    report = client.get(f"/events/manage/{events['held'].id}/report").get_data(as_text=True)
    assert "<dt>产生对接意向</dt><dd>1</dd>" in report and "<dt>已签约及以后</dt><dd>1</dd>" in report
    assert "<dt>未到场</dt><dd>0</dd>" not in report
    school = app.test_client()
    school.post("/login", data={"email": "school@demo.yibin.cn", "password": "Demo@2026"})
    assert "提交报名" in school.get(f"/events/{events['open'].id}").get_data(as_text=True)
    assert "洽谈日程" in school.get(f"/events/{events['held'].id}/agenda").get_data(as_text=True)
