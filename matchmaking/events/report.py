"""The event report: who came, what was met, what cooperation came out of it, by cluster."""
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from sqlalchemy import select

from ..core.excel import safe_cell
from ..core.i18n import label
from ..extensions import db
from ..programmes.models import Programme
from ..reference.models import Cluster
from ..reference.services import all_of

#: Project states that count as "reached 已签约 or later".
SIGNED_OR_LATER = {"signed", "implementing", "completed"}


@dataclass
class Report:
    registrants: Counter = field(default_factory=Counter)  # side → approved registrations
    attended: Counter = field(default_factory=Counter)  # side → checked in
    scheduled: int = 0
    held: int = 0
    no_show: int = 0
    continue_intentions: int = 0
    no_interest: int = 0
    pairings: int = 0
    projects: int = 0
    signed: int = 0
    by_cluster: dict = field(default_factory=dict)  # cluster label → Counter
    meetings: list = field(default_factory=list)


def build(event):
    """The report's figures from the event's registrations and meetings."""
    report = Report()
    for registration in event.registrations:
        if registration.status == "approved":
            report.registrants[registration.side] += 1
            if registration.checked_in_at:
                report.attended[registration.side] += 1
    clusters = {c.code: label(c) for c in all_of(Cluster)}
    for code in event.cluster_codes or []:
        report.by_cluster.setdefault(clusters.get(code, code), Counter())
    for registration in event.registrations:
        if registration.status == "approved":
            for code in _clusters_of(registration.organisation):
                report.by_cluster.setdefault(clusters.get(code, code), Counter())["registrants"] += 1
    for meeting in event.meetings:
        if meeting.status == "cancelled":
            continue
        report.scheduled += 1
        report.meetings.append(meeting)
        report.held += meeting.status == "held"
        report.no_show += meeting.status == "no_show"
        for outcome in (meeting.school_outcome, meeting.enterprise_outcome):
            report.continue_intentions += outcome == "continue"
            report.no_interest += outcome == "no_interest"
        cluster = meeting.enterprise.cluster_code
        row = report.by_cluster.setdefault(clusters.get(cluster, cluster or str(_l("其他"))), Counter())
        row["scheduled"] += 1
        row["held"] += meeting.status == "held"
        pairing = meeting.pairing
        if pairing is not None:
            report.pairings += 1
            row["pairings"] += 1
            project = pairing.project
            if project is not None:
                report.projects += 1
                row["projects"] += 1
                if project.status in SIGNED_OR_LATER:
                    report.signed += 1
                    row["signed"] += 1
    return report


def _clusters_of(organisation):
    """An enterprise's own cluster; a school's clusters are those of its published programmes."""
    if organisation.kind == "enterprise":
        return [organisation.cluster_code] if organisation.cluster_code else []
    return sorted(set(db.session.scalars(select(Programme.cluster_code).where(
        Programme.organisation_id == organisation.id, Programme.is_published))))


SUMMARY_LABELS = [
    (_l("通过审核的学校"), lambda r: r.registrants["school"]),
    (_l("通过审核的企业"), lambda r: r.registrants["enterprise"]),
    (_l("签到学校"), lambda r: r.attended["school"]),
    (_l("签到企业"), lambda r: r.attended["enterprise"]),
    (_l("安排洽谈"), lambda r: r.scheduled),
    (_l("已洽谈"), lambda r: r.held),
    (_l("未到场"), lambda r: r.no_show),
    (_l("继续洽谈意向"), lambda r: r.continue_intentions),
    (_l("无进一步意向"), lambda r: r.no_interest),
    (_l("产生对接意向"), lambda r: r.pairings),
    (_l("建立合作项目"), lambda r: r.projects),
    (_l("已签约及以后"), lambda r: r.signed),
]
CLUSTER_HEADERS = [_l("产业集群"), _l("报名机构"), _l("安排洽谈"), _l("已洽谈"), _l("对接意向"), _l("合作项目"), _l("已签约及以后")]
MEETING_HEADERS = [_l("时间"), _l("桌号"), _l("学校"), _l("企业"), _l("状态"), _l("学校意向"), _l("企业意向"),
                   _l("对接意向"), _l("合作项目状态")]


def workbook(event, report):
    """Three sheets: summary, by cluster, meetings."""
    from .models import OUTCOME_LABELS

    book = Workbook()
    summary = book.active
    summary.title = str(_l("汇总"))
    summary.append([safe_cell(event.title)])
    for text, value in SUMMARY_LABELS:
        summary.append([str(text), value(report)])
    clusters = book.create_sheet(str(_l("按产业集群")))
    clusters.append([str(h) for h in CLUSTER_HEADERS])
    for name, row in report.by_cluster.items():
        clusters.append([safe_cell(name), row["registrants"], row["scheduled"], row["held"], row["pairings"], row["projects"], row["signed"]])
    meetings = book.create_sheet(str(_l("洽谈明细")))
    meetings.append([str(h) for h in MEETING_HEADERS])
    for m in report.meetings:
        project = m.pairing.project if m.pairing else None
        meetings.append([m.starts_at.strftime("%H:%M"), m.table, safe_cell(m.school.name), safe_cell(m.enterprise.name),
                         str(m.status_label), str(OUTCOME_LABELS.get(m.school_outcome, "")),
                         str(OUTCOME_LABELS.get(m.enterprise_outcome, "")), str(m.pairing.status_label) if m.pairing else "",
                         str(project.status_label) if project else ""])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
