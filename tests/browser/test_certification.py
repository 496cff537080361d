"""Issue acceptance through the browser: apply, return with two corrections, resubmit, both departments
pass, the notice shows on /notices, a visitor objects, a reviewer answers, the certification takes effect."""
from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import select

from matchmaking.certification.models import Certification
from matchmaking.certification.services import conclude_notices
from matchmaking.core.timeutil import local_today
from matchmaking.extensions import db

from ..certification.conftest import PDF, PLAN, Chain
from ..conftest import PASSWORD
from .conftest import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")]


def sign_in(page, base, email, lands_on):
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{lands_on}")


def sign_out(page):
    page.click("header button:has-text('退出')")


def decide(page, base, certification_id, decision, corrections=""):
    page.goto(f"{base}/certification/{certification_id}")
    page.check(f"input[name=decision][value={decision}]")
    if corrections:
        page.fill("#corrections", corrections)
    page.click("#decide button[type=submit]")
    page.wait_for_selector("text=审核意见已提交")


def _certification():
    db.session.expire_all()
    return db.session.scalars(select(Certification)).one()


def test_certification_from_application_to_certificate(live_server, browser_page, make, tmp_path):
    chain = Chain(make)
    evidence = tmp_path / "合作协议.pdf"
    evidence.write_bytes(PDF)
    page = browser_page

    sign_in(page, live_server, chain.applicant.email, "/workspace")
    page.click("nav >> text=认定申请")
    page.click("text=申请市级认定")
    page.fill("#plan", PLAN)
    page.set_input_files("#evidence", str(evidence))
    page.check("#pledge")
    page.fill("#pledge_signed_by", "张伟")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=认定申请已提交")
    certification_id = _certification().id
    sign_out(page)

    sign_in(page, live_server, chain.district.email, "/reviews")
    assert page.is_visible(f"text={chain.enterprise.name}")
    decide(page, live_server, certification_id, "return", "补充合作协议盖章件\n写明每年资金投入")
    sign_out(page)

    sign_in(page, live_server, chain.applicant.email, "/workspace")
    page.goto(f"{live_server}/certification/{certification_id}/resubmit")
    assert page.is_visible("text=补充合作协议盖章件") and page.is_visible("text=写明每年资金投入")
    page.fill("#plan", PLAN + "每年投入约170万元。")
    page.set_input_files("#evidence", str(evidence))
    page.check("#pledge")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=已重新提交")
    sign_out(page)

    for reviewer in (chain.district, chain.ndrc, chain.education):
        sign_in(page, live_server, reviewer.email, "/reviews")
        decide(page, live_server, certification_id, "pass")
        sign_out(page)
    certification = _certification()
    assert certification.status == "notice"
    certification.notice_starts_on = local_today()  # the notice runs from the next working day: let it start now
    db.session.commit()

    page.goto(f"{live_server}/notices")
    page.click(f"text={chain.enterprise.name}")
    page.fill("#name", "李女士")
    page.fill("#contact", "13900001111")
    page.fill("#text", "该企业实习学生反映加班严重，请核实实习管理情况。")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=异议已提交")

    sign_in(page, live_server, chain.ndrc.email, "/reviews")
    assert page.is_visible("text=1 条异议待答复")
    page.goto(f"{live_server}/certification/{certification_id}")
    page.check("input[value=dismissed]")
    page.fill("textarea[name$='-answer']", "经核查，企业已与学校签订三方协议，实习时长符合规定。")
    page.click("button:has-text('提交答复')")
    page.wait_for_selector("text=已答复异议")

    certification = _certification()
    with current_app.test_request_context("/"):
        assert conclude_notices(today=certification.notice_ends_on + timedelta(days=1)) == 1
        db.session.commit()
    page.goto(f"{live_server}/certification/{certification_id}")
    assert page.is_visible("text=已认定") and page.is_visible(f"text={_certification().certificate_no}")
