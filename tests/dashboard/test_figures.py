"""Every dashboard figure: computed right from the data, and its drill-down list adds up to it exactly."""
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from matchmaking.core.timeutil import local_today, to_local
from matchmaking.dashboard import queries
from matchmaking.extensions import db
from matchmaking.reference.models import PlanTarget

from .conftest import EXPECTED

FILTERS = [{}, {"cluster": "baijiu"}, {"district": "叙州区"}, {"cluster": "power_battery", "district": "三江新区"}]
ALL_KEYS = sorted(queries.METRICS)


def _value(metric, expected):
    if isinstance(expected, tuple):
        part, whole = expected
        return round(100 * part / whole, 1) if whole else None
    return expected


def _shown(html, key, args):
    """The figure the dashboard shows for `key` (the first link to its drill-down with these arguments)."""
    query = ("?" + urlencode(args)).replace("&", "&amp;") if args else ""
    match = re.search(r'href="/bureau/dashboard/figures/' + re.escape(key + query) + r'">([^<]+)</a>', html)
    assert match, f"no figure link for {key}{query}"
    text = match.group(1).strip()
    if text == "—":
        return None
    return float(text[:-1]) if text.endswith("%") else int(text)


def _listed(metric, html):
    """What the drill-down list adds up to, read from its rows."""
    rows = re.findall(r'<tr class="drill-row[^"]*">(.*?)</tr>', html, re.S)
    if metric.kind == "count":
        return len(rows)
    if metric.kind == "sum":
        return sum(int(n) for n in re.findall(r'<td class="num drill-amount">(\d+)</td>', html))
    if metric.kind == "share":
        part = len(re.findall(r'<tr class="drill-row counted">', html))
        return round(100 * part / len(rows), 1) if rows else None
    pairs = [tuple(map(int, re.findall(r'<td class="num">(\d+)</td>', row))) for row in rows]
    total, dual = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    return round(100 * dual / total, 1) if total else None


def test_figures_are_computed_from_the_data(world):
    for key, expected in EXPECTED.items():
        metric = queries.METRICS[key]
        result = queries.figure(metric, {"cluster": "", "district": ""})
        assert result["value"] == _value(metric, expected), key
        if isinstance(expected, tuple):
            assert (result["part"], result["whole"]) == expected, key


def test_filters_narrow_the_figures(world):
    baijiu = {"cluster": "baijiu", "district": ""}
    assert queries.figure(queries.METRICS["needs"], baijiu)["value"] == 2
    assert queries.figure(queries.METRICS["municipal_enterprises"], baijiu)["value"] == 1
    assert queries.figure(queries.METRICS["state_owned_share"], baijiu) == {"value": 100.0, "part": 1, "whole": 1}
    xuzhou = {"cluster": "", "district": "叙州区"}
    assert queries.figure(queries.METRICS["industry_colleges"], xuzhou)["value"] == 1
    assert queries.figure(queries.METRICS["dual_qualified_share"], xuzhou)["value"] == 30.0
    assert queries.figure(queries.METRICS["employees_trained"], xuzhou)["value"] == 30
    assert queries.figure(queries.METRICS["students_placed"], xuzhou)["value"] == 0


def test_breakdown_by_cluster_and_district_adds_up_to_the_totals(world):
    filters = {"cluster": "", "district": ""}
    totals = queries.totals(filters)
    for by in ("cluster", "district"):
        rows = queries.breakdown(filters, by)
        for metric in queries.PIPELINE_METRICS:
            assert sum(values[metric.key]["value"] for _, values in rows) == totals[metric.key]["value"], (by, metric.key)


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: urlencode(f) or "all")
@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_drill_down_adds_up_to_its_figure(world, login_as, key, filters):
    metric = queries.METRICS[key]
    client = login_as(world.bureau_user)
    dashboard = client.get("/bureau/dashboard", query_string=filters)
    assert dashboard.status_code == 200
    args = dict(filters)
    if metric.monthly:
        args["month"] = local_today().strftime("%Y-%m")
    shown = _shown(dashboard.get_data(as_text=True), key, args)
    if not filters and not metric.monthly:
        assert shown == _value(metric, EXPECTED[key])
    page = client.get(f"/bureau/dashboard/figures/{key}", query_string=args)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert _listed(metric, html) == shown
    assert re.search(r'id="figure-value" data-value="([^"]*)"', html).group(1) == ("" if shown is None else str(shown))


def test_trend_counts_the_month_of_each_item(world):
    from matchmaking.pairings.models import Pairing

    declined = db.session.scalar(db.select(Pairing).where(Pairing.status == "declined"))
    month = to_local(declined.created_at).date().replace(day=1)
    in_month = sum(1 for p in db.session.scalars(db.select(Pairing))
                   if to_local(p.created_at).date().replace(day=1) == month)
    assert queries.figure(queries.METRICS["new_pairings"], {}, month)["value"] == in_month >= 1
    months = [m for m, _ in queries.trend({}, today=month + timedelta(days=40))]
    assert len(months) == 12 and month in months and months == sorted(months)


def test_targets_read_their_figures_from_the_reference_table(world):
    target = db.session.get(PlanTarget, "industry_colleges")
    target.figure = 4
    db.session.commit()
    row = next(r for r in queries.targets({}) if r["code"] == "industry_colleges")
    assert (row["value"], row["figure"], row["progress"]) == (2, 4, 50)
    assert [r["code"] for r in queries.targets({})] == [t.code for t in db.session.scalars(db.select(PlanTarget).order_by(PlanTarget.sort))]


def test_unknown_figure_and_missing_month_are_404(world, login_as):
    client = login_as(world.bureau_user)
    assert client.get("/bureau/dashboard/figures/nonsense").status_code == 404
    assert client.get("/bureau/dashboard/figures/new_needs").status_code == 404
    assert client.get("/bureau/dashboard/figures/new_needs?month=2026-13").status_code == 404
    # Unknown filter codes are ignored rather than failing.
    assert client.get("/bureau/dashboard?cluster=spaceships&district=<x>").status_code == 200
