"""Access to the dashboards, the public page's privacy, the Excel report and the demo dashboard."""
import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from matchmaking.dashboard import queries
from matchmaking.extensions import db
from matchmaking.reference.models import PlanTarget


def test_public_page_needs_no_login_and_shows_no_personal_data(world, client):
    response = client.get("/dashboard")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "省级产教融合型企业" in html and "<svg" in html and "<table" in html
    for private in ("王老师", "13912345678", "139****5678", "wang@school.example.cn", "李经理", "13987654321",
                    "li@battery.example.cn", world.school.name, world.e_battery.name):
        assert private not in html, private
    assert "/bureau/dashboard/figures/" not in html
    assert ' style="' not in html


def test_bureau_dashboard_is_for_the_bureau_only(world, client, login_as):
    anonymous = client.get("/bureau/dashboard")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    for user in (world.school_user, world.enterprise_user):
        c = login_as(user)
        for url in ("/bureau/dashboard", "/bureau/dashboard/figures/programmes", "/bureau/dashboard/export.xlsx",
                    "/bureau/plan-records"):
            assert c.get(url).status_code == 403, url
    assert client.get("/bureau/dashboard/figures/programmes").status_code == 302


def test_bureau_dashboard_shows_every_target_with_progress(world, login_as):
    html = login_as(world.bureau_user).get("/bureau/dashboard").get_data(as_text=True)
    for target in db.session.scalars(db.select(PlanTarget)):
        row = re.search(rf'<tr id="target-{target.code}">(.*?)</tr>', html, re.S)
        assert row, target.code
        assert target.name_zh in row.group(1)
        assert "<svg" in row.group(1) and 'role="img"' in row.group(1)
    assert ' style="' not in html


def test_export_has_the_four_sheets_with_the_dashboard_figures(world, login_as):
    response = login_as(world.bureau_user).get("/bureau/dashboard/export.xlsx?cluster=baijiu")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(BytesIO(response.data))
    assert book.sheetnames == ["目标进度", "按产业集群", "按区县", "月度趋势"]
    targets = {row[0]: row for row in book["目标进度"].iter_rows(min_row=2, values_only=True)}
    assert targets["市级产教融合型企业"][1:3] == (1, 100)
    assert targets["国有企业参与产教融合比例"][1] == 100.0
    clusters = list(book["按产业集群"].iter_rows(values_only=True))
    headers = clusters[0]
    needs = headers.index("在发布企业需求")
    assert [row[0] for row in clusters[1:]] == ["白酒（食品饮料）", "合计"]
    assert clusters[1][needs] == clusters[-1][needs] == 2
    assert len(list(book["月度趋势"].iter_rows(min_row=2))) == 12


@pytest.fixture
def demo(app):
    from flask import current_app

    from matchmaking.setup import seed_demo

    with current_app.test_request_context("/"):
        seed_demo()
    db.session.commit()


def test_demo_dashboard_shows_every_target_with_a_figure(demo, client, app):
    from matchmaking.accounts.models import User

    bureau = db.session.scalar(db.select(User).where(User.email == "bureau@demo.yibin.cn"))
    c = app.test_client()
    assert c.post("/login", data={"email": bureau.email, "password": "Demo@2026"}).status_code == 302
    html = c.get("/bureau/dashboard").get_data(as_text=True)
    for row in queries.targets({"cluster": "", "district": ""}):
        assert row["value"], row["code"]  # every target has a non-trivial figure in the demo
        assert 0 < row["progress"] <= 100, row["code"]
        text = f'{row["value"]}%' if row["unit"] == "percent" else str(row["value"])
        assert f'href="/bureau/dashboard/figures/{row["code"]}">{text}</a>' in html, row["code"]
    # Every demo figure's list adds up to it as well (one pass over all metrics).
    for metric in queries.METRICS.values():
        if metric.monthly:
            continue
        result = queries.figure(metric, {"cluster": "", "district": ""})
        rows = queries.drill_rows(metric, {"cluster": "", "district": ""})
        if metric.kind == "count":
            assert len(rows) == result["value"], metric.key
        elif metric.kind == "sum":
            assert sum(getattr(r, metric.column) for r, _ in rows) == result["value"], metric.key
        elif metric.kind == "share":
            assert (sum(1 for _, c in rows if c), len(rows)) == (result["part"], result["whole"]), metric.key
    trend = queries.trend({"cluster": "", "district": ""})
    assert sum(1 for _, values in trend if values["new_needs"]) >= 6


def test_public_summary_is_plain_json_without_names(world, app):
    import json

    with app.test_request_context("/"):
        summary = queries.public_summary()
    text = json.dumps(summary, ensure_ascii=False)
    assert {"targets", "totals", "by_cluster", "trend"} <= set(summary)
    assert len(summary["targets"]) == 9 and len(summary["trend"]) == 12
    assert summary["totals"]["needs"] == 5
    assert next(t for t in summary["targets"] if t["code"] == "state_owned_share")["value"] == 100.0
    for private in (world.school.name, world.e_battery.name, "13912345678", "wang@school.example.cn"):
        assert private not in text
