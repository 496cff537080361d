"""Issue acceptance through the browser: propose from a suggestion, accept, track the project."""

import pytest

from matchmaking.core.timeutil import local_today
from matchmaking.extensions import db
from matchmaking.projects.models import Project
from matchmaking.recommendations.services import refresh_all

from ..conftest import PASSWORD
from ..factories import DESCRIPTION
from .conftest import CHROMIUM, login

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")]


def test_pairing_from_a_suggestion_becomes_a_tracked_project(live_server, browser_page, make):
    school, enterprise = make.school(name="宜宾三江职业技术学院"), make.enterprise(name="宜宾锂源动力电池有限公司")
    make.user(school, email="school@example.cn")
    make.user(enterprise, email="hr@example.cn")
    make.programme(school, title="锂电池制造技术订单班", description=DESCRIPTION, modes=["order_class", "apprenticeship"])
    need = make.need(enterprise, title="电芯制造操作工", description=DESCRIPTION, kind_code="apprenticeship")
    refresh_all()
    db.session.commit()
    page = browser_page

    login(page, live_server, "hr@example.cn", PASSWORD)
    page.goto(f"{live_server}/needs/{need.id}")
    page.click(".suggestion a.button:has-text('发起对接')")
    page.fill("#message", "希望共建新型学徒制班，首期 30 人。")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=对接意向已发送")
    page.click("header button:has-text('退出')")

    login(page, live_server, "school@example.cn", PASSWORD)
    page.click("nav >> text=对接意向")
    page.click("table >> text=待回复")
    page.click("button:has-text('接受并建立合作项目')")
    page.wait_for_selector("text=合作项目已建立")

    page.fill("#content", "双方召开首次推进会，确定学徒选拔方案。")
    page.fill("form[action$='/follow-ups'] #date", local_today().isoformat())
    page.click("button:has-text('添加跟踪记录')")
    page.wait_for_selector("text=双方召开首次推进会")
    page.fill("#agreement_date", local_today().isoformat())
    page.click("button:has-text('确认签约')")
    page.wait_for_selector(".status-project-signed")
    page.click("button:has-text('开始实施')")
    page.wait_for_selector(".status-project-implementing")

    project = db.session.scalar(db.select(Project))
    assert project.status == "implementing" and len(project.follow_ups) == 1
    page.click("header button:has-text('退出')")
    login(page, live_server, "hr@example.cn", PASSWORD)
    page.goto(live_server + "/projects")
    assert page.is_visible(f"text={project.title}")
