"""A real browser (Debian's headless Chromium driven by Playwright) logs in and publishes a need."""
import pytest

from matchmaking.extensions import db
from matchmaking.needs.models import Need

from ..conftest import PASSWORD
from .conftest import CHROMIUM, login

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")]


def test_enterprise_logs_in_and_publishes_a_need(live_server, browser_page, make):
    enterprise = make.enterprise(name="宜宾锂源动力电池有限公司")
    make.user(enterprise, email="hr@liyuan.example.cn")
    page = browser_page

    page.goto(live_server + "/login")
    assert "登录" in page.title()
    login(page, live_server, "hr@liyuan.example.cn", PASSWORD)

    page.click("text=发布企业需求")
    page.fill("#title", "极片工序设备维护技术员")
    page.select_option("#kind_code", "talent")
    page.select_option("#cluster_code", "power_battery")
    page.select_option("#level_code", "higher_vocational")
    page.select_option("#district_code", "三江新区")
    page.fill("#headcount", "15")
    page.fill("#description", "负责涂布机、辊压机、分切机的日常点检、保养与故障排除，配合工艺工程师完成设备参数优化；"
                              "要求高职及以上学历，机电一体化、电气自动化等相关专业，熟悉PLC与伺服系统，能适应倒班。")
    page.fill("#skills", "PLC编程、伺服调试、设备点检、机械维修")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=已保存为草稿")

    page.click("button:has-text('发布')")
    page.wait_for_selector("text=已发布")

    page.goto(live_server + "/needs?cluster=power_battery")
    assert page.is_visible("text=极片工序设备维护技术员")
    need = db.session.scalar(db.select(Need).where(Need.title == "极片工序设备维护技术员"))
    assert need.status == "published" and need.organisation_id == enterprise.id
