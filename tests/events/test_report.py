"""The event report: registrants, attendance, meetings, intentions, pairings and projects by cluster."""
from io import BytesIO

from openpyxl import load_workbook

from matchmaking.core.timeutil import utcnow
from matchmaking.events.models import Meeting
from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing
from matchmaking.projects.models import Project


def _held_event(pair, ev, make):
    event = ev.event(status="held")
    ev.registration(event, pair.school, checked_in_at=utcnow())
    ev.registration(event, pair.enterprise)
    starts = utcnow().replace(hour=9, minute=0, second=0, microsecond=0)
    pairing = Pairing(need_id=pair.need.id, programme_id=pair.programme.id, proposer_id=pair.enterprise.id,
                      responder_id=pair.school.id, status="accepted", source="event", expires_at=utcnow())
    db.session.add(pairing)
    db.session.flush()
    db.session.add(Project(pairing_id=pairing.id, need_id=pair.need.id, programme_id=pair.programme.id, school_id=pair.school.id,
                           enterprise_id=pair.enterprise.id, title="订单班", type_code="order_class",
                           cluster_code="power_battery", district_code="翠屏区", status="signed"))
    other = make.enterprise()
    ev.registration(event, other)
    for n, (enterprise, status, outcome, pairing_id) in enumerate(((pair.enterprise, "held", "continue", pairing.id),
                                                                    (other, "no_show", "", None))):
        db.session.add(Meeting(event=event, school_id=pair.school.id, enterprise_id=enterprise.id, slot=n, table=1,
                               starts_at=starts, ends_at=starts, status=status, uid=f"u{n}", enterprise_outcome=outcome,
                               school_outcome="no_interest" if outcome else "", pairing_id=pairing_id))
    db.session.add(Meeting(event=event, school_id=pair.school.id, enterprise_id=other.id, slot=5, table=2, starts_at=starts,
                           ends_at=starts, status="cancelled", uid="u9"))
    db.session.commit()
    return event


def test_report_counts_what_came_out_of_the_event(pair, make, ev, officer, login_as):
    event = _held_event(pair, ev, make)
    page = login_as(officer).get(f"/events/manage/{event.id}/report").get_data(as_text=True)
    assert "活动报告" in page and "动力电池" in page
    for label, value in (("通过审核的企业", 2), ("签到学校", 1), ("安排洽谈", 2), ("已洽谈", 1), ("未到场", 1),
                         ("继续洽谈意向", 1), ("无进一步意向", 1), ("产生对接意向", 1), ("已签约及以后", 1)):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in page, label


def test_report_exports_to_excel(pair, make, ev, officer, login_as):
    event = _held_event(pair, ev, make)
    response = login_as(officer).get(f"/events/manage/{event.id}/report.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(BytesIO(response.data))
    assert book.sheetnames == ["汇总", "按产业集群", "洽谈明细"]
    summary = {row[0]: row[1] for row in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["产生对接意向"] == 1 and summary["建立合作项目"] == 1 and summary["已签约及以后"] == 1
    clusters = list(book["按产业集群"].iter_rows(min_row=2, values_only=True))
    assert clusters[0][0] == "动力电池与新能源及智能汽车" and clusters[0][1:] == (3, 2, 1, 1, 1, 1)
    assert book["洽谈明细"].max_row == 3


def test_the_report_is_for_the_bureau_only(pair, make, ev, login_as):
    event = _held_event(pair, ev, make)
    assert login_as(pair.school_user).get(f"/events/manage/{event.id}/report").status_code == 403
