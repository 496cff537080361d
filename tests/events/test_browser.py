"""The acceptance flow in a real browser (Debian chromium): create and open an event, register,
request and accept a meeting, schedule, download the calendar, check in, hold the meeting with
继续洽谈, and see the pairing in the report."""
from datetime import timedelta

import pytest

from matchmaking.events.models import Registration
from matchmaking.events.services import local_today
from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing

from ..browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401
from ..browser.conftest import app_config, browser_page, live_server  # noqa: F401  (fixtures)
from ..conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")]


def _login(page, base, email):
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _logout(page):
    page.click("header button:has-text('退出')")
    page.wait_for_load_state()


def test_docking_event_in_the_browser(live_server, browser_page, pair, make):
    bureau = make.user(make.bureau(name="宜宾市人力资源和社会保障局"), email="officer@example.cn")
    pair.school_user.email, pair.enterprise_user.email = "school@example.cn", "hr@example.cn"
    db.session.commit()
    page, base, today = browser_page, live_server, local_today()

    _login(page, base, bureau.email)
    page.click("nav >> text=对接活动")
    page.click("text=管理活动")
    page.click("text=新建活动")
    page.fill("#title", "三江新区动力电池对接会")
    page.check("input[name=cluster_codes][value=power_battery]")
    page.fill("#venue", "宜宾市人才市场")
    page.fill("#date", (today + timedelta(days=20)).isoformat())
    page.fill("#start_time", "09:00")
    page.fill("#end_time", "11:00")
    page.fill("#registration_opens", today.isoformat())
    page.fill("#registration_closes", (today + timedelta(days=10)).isoformat())
    page.click("main button:has-text('保存')")
    page.wait_for_selector("text=活动已保存")
    page.click("button:has-text('开放报名')")
    page.wait_for_selector(".status-event-open")
    _logout(page)

    for email, who in (("school@example.cn", "王校长"), ("hr@example.cn", "李经理")):
        _login(page, base, email)
        page.click("nav >> text=对接活动")
        page.click("text=三江新区动力电池对接会")
        page.fill("#attendees", who)
        page.click("button:has-text('提交报名')")
        page.wait_for_selector("text=等待人社局审核")
        _logout(page)

    _login(page, base, bureau.email)
    page.goto(base + "/events/manage")
    page.click("text=三江新区动力电池对接会")
    for _ in range(2):
        page.click("button:has-text('通过')")
        page.wait_for_selector("text=已保存")
    _logout(page)

    _login(page, base, "school@example.cn")
    page.goto(base + "/events")
    page.click("text=三江新区动力电池对接会")
    page.click("text=预约洽谈")
    page.select_option(".suggestion select", "must")
    page.click(".suggestion button:has-text('预约洽谈')")
    page.wait_for_selector("text=洽谈请求已发送")
    _logout(page)

    _login(page, base, "hr@example.cn")
    page.goto(base + "/events")
    page.click("text=三江新区动力电池对接会")
    page.click("text=预约洽谈")
    page.click("button:has-text('接受')")
    page.wait_for_selector("td:has-text('已接受')")
    _logout(page)

    _login(page, base, bureau.email)
    page.goto(base + "/events/manage")
    page.click("text=三江新区动力电池对接会")
    page.click("button:has-text('截止报名')")
    page.click("button:has-text('自动排程')")
    page.wait_for_selector("text=排程完成")
    assert page.is_visible(f".timetable >> text={pair.enterprise.name}")
    for registration in db.session.scalars(db.select(Registration)):
        page.click("nav.subnav >> text=现场签到")
        page.fill("#code", registration.checkin_code)
        page.click("main button:has-text('签到')")
        page.wait_for_selector("text=签到成功")
    _logout(page)

    _login(page, base, "hr@example.cn")
    page.goto(base + "/events")
    page.click("text=三江新区动力电池对接会")
    page.click("text=我的日程与签到码")
    with page.expect_download() as download:
        page.click("text=下载日历文件")
    assert download.value.suggested_filename.endswith(".ics")
    page.click("button:has-text('已洽谈')")
    page.check("input[value=continue]")
    page.select_option("select[name$=own_item_id]", str(pair.need.id))
    page.select_option("select[name$=counterpart_item_id]", str(pair.programme.id))
    page.click("button:has-text('登记洽谈结果')")
    page.wait_for_selector("text=洽谈结果已登记")
    pairing = db.session.scalar(db.select(Pairing))
    assert pairing.source == "event" and page.url.endswith(f"/pairings/{pairing.id}")
    _logout(page)

    _login(page, base, bureau.email)
    page.goto(base + "/events/manage")
    page.click("text=三江新区动力电池对接会")
    page.click("nav.subnav >> text=活动报告")
    assert page.inner_text("dl.stats div:has-text('产生对接意向') dd") == "1"
