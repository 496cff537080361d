"""The dashboard's figures.

Every figure is one *metric*: a query for the rows behind it (programmes, pairings, follow-up records,
enterprises, plan records …) plus how to aggregate them. The figure is the aggregate of that query and
its drill-down list shows the rows of the very same query, so a figure and its list cannot disagree.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, and_, cast, exists, func, or_, select
from sqlalchemy.orm import aliased

from ..certification.models import Certification
from ..core.timeutil import local_midnight_utc, local_today
from ..extensions import db
from ..needs.models import Need
from ..organisations.models import Organisation
from ..pairings.models import STATUS_LABELS as PAIRING_LABELS
from ..pairings.models import Pairing
from ..postings.queries import listed
from ..programmes.models import Programme
from ..projects.models import STATUS_LABELS as PROJECT_LABELS
from ..projects.models import FollowUp, Project
from ..reference.models import Cluster, District, PlanTarget
from ..reference.services import all_of
from .models import PlanRecord

#: A project "takes part in cooperation" once signed: signed, implementing or completed.
COOPERATING = ("signed", "implementing", "completed")
FILTERS = ("cluster", "district")
#: Pages show Asia/Shanghai months; timestamps are stored as naive UTC.
TREND_MONTHS = 12


@dataclass(frozen=True)
class Metric:
    key: str
    title: object
    #: "count" (rows), "sum" (of `column`), "share" (counted rows of all rows, %) or "ratio" (双师型, %).
    kind: str
    #: filters, month → (Select of the entity, cluster expression, district expression[, counted expression])
    build: object
    column: str = ""
    #: What the drill-down lists: "certification", "organisation", "programme", "need", "pairing", "project",
    #: "follow_up", "record".
    rows: str = ""
    #: True when the metric needs a month (the trend).
    monthly: bool = False


# --- the rows behind each metric -----------------------------------------------------------------


def _verified_enterprises(*conditions):
    query = select(Organisation).where(Organisation.kind == "enterprise", Organisation.status == "verified", *conditions)
    return query, Organisation.cluster_code, Organisation.district_code


def _certified(level):
    """Certifications in effect at `level` (reviewed and past the notice, or recorded by 市发展改革委)."""

    def build(month):
        query = (select(Certification).join(Organisation, Certification.enterprise_id == Organisation.id)
                 .where(Certification.is_counted, Certification.level == level, Organisation.is_verified))
        return query, Organisation.cluster_code, Organisation.district_code

    return build


def _share_of(flag):
    def build(month):
        query, cluster, district = _verified_enterprises(flag.is_(True))
        cooperating = exists().where(Project.enterprise_id == Organisation.id, Project.status.in_(COOPERATING))
        return query, cluster, district, cooperating

    return build


def _records(kind, levels):
    def build(month):
        query = (select(PlanRecord).join(Organisation, PlanRecord.organisation_id == Organisation.id)
                 .where(PlanRecord.kind == kind, PlanRecord.status == "approved", PlanRecord.level.in_(levels)))
        return query, PlanRecord.cluster_code, Organisation.district_code

    return build


def _dual_qualified(month):
    """Each organisation's latest approved 双师型 record (by recognition date, then entry)."""
    newer = aliased(PlanRecord)
    superseded = exists().where(
        newer.organisation_id == PlanRecord.organisation_id, newer.kind == "dual_qualified", newer.status == "approved",
        or_(newer.recognised_on > PlanRecord.recognised_on,
            and_(newer.recognised_on == PlanRecord.recognised_on, newer.id > PlanRecord.id)),
    )
    query = (select(PlanRecord).join(Organisation, PlanRecord.organisation_id == Organisation.id)
             .where(PlanRecord.kind == "dual_qualified", PlanRecord.status == "approved", ~superseded))
    return query, PlanRecord.cluster_code, Organisation.district_code


def _published(model):
    def build(month):
        query = listed(model)
        return query, model.cluster_code, model.district_code

    return build


def _pairings(status):
    def build(month):
        query = select(Pairing).join(Need, Pairing.need_id == Need.id).where(Pairing.current_status == status)
        return query, Need.cluster_code, Need.district_code

    return build


def _projects(status):
    return lambda month: (select(Project).where(Project.status == status), Project.cluster_code, Project.district_code)


def _follow_ups(column):
    def build(month):
        query = select(FollowUp).join(Project, FollowUp.project_id == Project.id).where(getattr(FollowUp, column) > 0)
        return query, Project.cluster_code, Project.district_code

    return build


def _new(model, stamp, cluster, district, join=None):
    """Rows whose timestamp falls in the month (for the trend)."""

    def build(month):
        start, end = month_bounds(month)
        query = select(model)
        if join is not None:
            query = query.join(*join)
        return query.where(stamp >= start, stamp < end), cluster, district

    return build


TARGET_METRICS = [
    Metric("provincial_enterprises", _l("省级产教融合型企业"), "count", _certified("provincial"), rows="certification"),
    Metric("municipal_enterprises", _l("市级产教融合型企业"), "count", _certified("municipal"), rows="certification"),
    Metric("above_scale_share", _l("规上企业中已开展合作的比例"), "share", _share_of(Organisation.above_scale), rows="organisation"),
    Metric("state_owned_share", _l("国有企业中已开展合作的比例"), "share", _share_of(Organisation.state_owned), rows="organisation"),
    Metric("vocational_groups", _l("国家级职业教育集团（联盟）"), "count", _records("vocational_group", ("national",)), rows="record"),
    Metric("industry_colleges", _l("省级及以上现代产业学院"), "count", _records("industry_college", ("national", "provincial")), rows="record"),
    Metric("simulation_bases", _l("省级及以上虚拟仿真实训基地"), "count", _records("simulation_base", ("national", "provincial")), rows="record"),
    Metric("high_skill_bases", _l("省级及以上高技能人才培训基地"), "count", _records("high_skill_base", ("national", "provincial")), rows="record"),
    Metric("dual_qualified_share", _l("“双师型”教师占专业课教师比例"), "ratio", _dual_qualified, rows="record"),
]

PIPELINE_METRICS = (
    [Metric("programmes", _l("在发布培训项目"), "count", _published(Programme), rows="programme"),
     Metric("needs", _l("在发布企业需求"), "count", _published(Need), rows="need")]
    + [Metric(f"pairings_{status}", _l("对接意向·%(s)s", s=text), "count", _pairings(status), rows="pairing")
       for status, text in PAIRING_LABELS.items()]
    + [Metric(f"projects_{status}", _l("合作项目·%(s)s", s=text), "count", _projects(status), rows="project")
       for status, text in PROJECT_LABELS.items()]
    + [Metric("students_placed", _l("已安置学生"), "sum", _follow_ups("students_placed"), "students_placed", "follow_up"),
       Metric("apprentices_enrolled", _l("已招收学徒"), "sum", _follow_ups("apprentices_enrolled"), "apprentices_enrolled", "follow_up"),
       Metric("employees_trained", _l("已培训职工"), "sum", _follow_ups("employees_trained"), "employees_trained", "follow_up")]
)

TREND_METRICS = [
    Metric("new_needs", _l("新发布需求"), "count", _new(Need, Need.published_at, Need.cluster_code, Need.district_code),
           rows="need", monthly=True),
    Metric("new_programmes", _l("新发布培训项目"), "count",
           _new(Programme, Programme.published_at, Programme.cluster_code, Programme.district_code), rows="programme", monthly=True),
    Metric("new_pairings", _l("新对接意向"), "count",
           _new(Pairing, Pairing.created_at, Need.cluster_code, Need.district_code, join=(Need, Pairing.need_id == Need.id)),
           rows="pairing", monthly=True),
    Metric("new_projects", _l("新合作项目"), "count",
           _new(Project, Project.created_at, Project.cluster_code, Project.district_code), rows="project", monthly=True),
]

METRICS = {metric.key: metric for metric in TARGET_METRICS + PIPELINE_METRICS + TREND_METRICS}


# --- months -------------------------------------------------------------------------------------


def parse_month(text):
    """"2026-11" → date(2026, 11, 1), or None (also for years no trend can reach)."""
    try:
        first = datetime.strptime(text or "", "%Y-%m").date().replace(day=1)
    except ValueError:
        return None
    return first if 2000 <= first.year <= 2100 else None


def _next_month(first):
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def month_bounds(first):
    """[start, end) of a Shanghai calendar month as naive UTC."""
    return local_midnight_utc(first), local_midnight_utc(_next_month(first))


def last_months(today, count=TREND_MONTHS):
    months = [today.replace(day=1)]
    while len(months) < count:
        previous = months[-1] - timedelta(days=1)
        months.append(previous.replace(day=1))
    return list(reversed(months))


# --- running a metric ---------------------------------------------------------------------------


def clean_filters(args):
    """Cluster and district codes from a query string; unknown codes are dropped."""
    valid = {"cluster": {row.code for row in all_of(Cluster)}, "district": {row.code for row in all_of(District)}}
    filters = {}
    for key in FILTERS:
        value = (args.get(key) or "").strip()[:40]
        filters[key] = value if value in valid[key] else ""
    return filters


def metric_query(metric, filters, month=None):
    """The metric's rows as a Select of (entity, g_cluster, g_district[, counted]), filtered."""
    built = metric.build(month)
    query, cluster, district = built[:3]
    query = query.add_columns(cluster.label("g_cluster"), district.label("g_district"))
    if len(built) == 4:
        query = query.add_columns(built[3].label("counted"))
    if filters.get("cluster"):
        query = query.where(cluster == filters["cluster"])
    if filters.get("district"):
        query = query.where(district == filters["district"])
    return query


def _aggregates(metric, sub):
    if metric.kind == "count":
        return [func.count()]
    if metric.kind == "sum":
        return [func.coalesce(func.sum(sub.c[metric.column]), 0)]
    if metric.kind == "share":
        return [func.coalesce(func.sum(cast(sub.c.counted, Integer)), 0), func.count()]
    return [func.coalesce(func.sum(sub.c.dual_qualified), 0), func.coalesce(func.sum(sub.c.teachers_total), 0)]


def _figure(metric, values):
    """A plain dict: value (a number, or a percent for shares), and part/whole for shares."""
    if metric.kind in ("count", "sum"):
        return {"value": int(values[0] or 0)}
    part, whole = int(values[0] or 0), int(values[1] or 0)
    return {"value": round(100 * part / whole, 1) if whole else None, "part": part, "whole": whole}


def figure(metric, filters, month=None):
    sub = metric_query(metric, filters, month).order_by(None).subquery()
    return _figure(metric, db.session.execute(select(*_aggregates(metric, sub)).select_from(sub)).one())


def grouped(metric, filters, by):
    """{group code: figure} for by in ("cluster", "district"), in one query."""
    sub = metric_query(metric, filters).order_by(None).subquery()
    column = sub.c["g_" + by]
    rows = db.session.execute(select(column, *_aggregates(metric, sub)).select_from(sub).group_by(column)).all()
    return {row[0]: _figure(metric, row[1:]) for row in rows}


def drill_rows(metric, filters, month=None):
    """Every row behind the figure: (entity, counted or None)."""
    query = metric_query(metric, filters, month)
    entity = query.column_descriptions[0]["entity"]
    query = query.order_by(entity.id)
    return [(row[0], row[3] if len(row) > 3 else None) for row in db.session.execute(query).unique().all()]


# --- the dashboard as plain data ----------------------------------------------------------------


def _progress(value, target):
    if value is None or not target:
        return 0
    return max(0, min(100, int(100 * value / target)))


def targets(filters):
    """Every plan target (figures read from `plan_targets`) with the platform's figure and progress."""
    rows = []
    for target in all_of(PlanTarget):
        metric = METRICS.get(target.code)
        if metric is None or metric not in TARGET_METRICS:
            continue
        result = figure(metric, filters)
        rows.append({"code": target.code, "target": target, "metric": metric, "figure": target.figure, "unit": target.unit,
                     **result, "progress": _progress(result["value"], target.figure)})
    return rows


def breakdown(filters, by):
    """Rows (reference row, {metric key: figure}) for every cluster or district."""
    model = Cluster if by == "cluster" else District
    columns = {metric.key: grouped(metric, filters, by) for metric in PIPELINE_METRICS}
    empty = {metric.key: _figure(metric, (0, 0)) for metric in PIPELINE_METRICS}
    rows = []
    for row in all_of(model):
        if filters.get(by) and row.code != filters[by]:
            continue
        rows.append((row, {key: values.get(row.code, empty[key]) for key, values in columns.items()}))
    return rows


def totals(filters):
    return {metric.key: figure(metric, filters) for metric in PIPELINE_METRICS}


def trend(filters, today=None):
    """[(first day of month, {metric key: count})] for the last twelve months, oldest first."""
    months = last_months(today or local_today())
    return [(month, {metric.key: figure(metric, filters, month)["value"] for metric in TREND_METRICS}) for month in months]


def dashboard(filters):
    return {"targets": targets(filters), "totals": totals(filters), "by_cluster": breakdown(filters, "cluster"),
            "by_district": breakdown(filters, "district"), "trend": trend(filters)}


#: No cluster or district filter: the whole city.
ALL_CITY = {"cluster": "", "district": ""}


def public_targets():
    """Each plan target with its figure and progress, city-wide, as plain JSON-ready dicts."""
    return _public_targets(targets(ALL_CITY))


def _public_targets(rows):
    from ..core.i18n import label

    return [{"code": row["code"], "label": label(row["target"]), "target": row["figure"], "unit": row["unit"],
             "value": row["value"], "progress": row["progress"]} for row in rows]


def public_summary():
    """The public, personal-data-free summary as a plain dict (JSON-ready): what `/dashboard` shows and what
    the API's `/api/v1/stats` can return."""
    from ..core.i18n import label

    data = dashboard(ALL_CITY)
    return {
        "targets": _public_targets(data["targets"]),
        "totals": {key: value["value"] for key, value in data["totals"].items()},
        "by_cluster": [{"code": row.code, "label": label(row), **{key: value["value"] for key, value in values.items()}}
                       for row, values in data["by_cluster"]],
        "trend": [{"month": month.strftime("%Y-%m"), **values} for month, values in data["trend"]],
    }
