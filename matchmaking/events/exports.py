"""Event lists as Excel files: the events (public and the bureau's), an event's registrants, its timetable."""
from flask_babel import lazy_gettext as _l

from ..core.exporting import spreadsheet
from ..core.timeutil import local_date, local_datetime
from .slots import event_slots

EVENT_HEADERS = [_l("活动"), _l("日期"), _l("开始时间"), _l("结束时间"), _l("地点"), _l("产业集群"), _l("报名开始"),
                 _l("报名截止"), _l("状态")]
REGISTRATION_HEADERS = [_l("机构"), _l("类型"), _l("联系人"), _l("联系电话"), _l("参会人员"), _l("不能参加的时段"), _l("状态"),
                        _l("驳回原因"), _l("报名时间"), _l("签到时间")]
TIMETABLE_HEADERS = [_l("时段"), _l("桌号"), _l("学校"), _l("企业"), _l("状态")]
SIDES = {"school": _l("学校"), "enterprise": _l("企业")}


def _span(start, end):
    return f"{start:%H:%M}–{end:%H:%M}"


def events(items, cluster_names, *, with_registrations=False):
    """The events list; the bureau's also counts the registrations that are pending or approved."""
    headers = EVENT_HEADERS + ([_l("报名机构")] if with_registrations else [])
    rows = []
    for event in items:
        row = [event.title, local_date(event.date), f"{event.start_time:%H:%M}", f"{event.end_time:%H:%M}", event.venue,
               "、".join(cluster_names(event)), local_date(event.registration_opens),
               local_date(event.registration_closes), str(event.status_label)]
        if with_registrations:
            row.append(sum(1 for r in event.registrations if r.status in ("pending", "approved")))
        rows.append(row)
    return spreadsheet(str(_l("对接活动")), headers, rows)


def registrations(event, items):
    slots = {s.number: _span(s.start, s.end) for s in event_slots(event, include_removed=True)}
    rows = [[r.organisation.name, str(SIDES.get(r.side, r.side)), r.organisation.contact_name, r.organisation.masked_phone,
             r.attendees, "、".join(slots.get(n, str(n)) for n in sorted(r.unavailable_slots or [])), str(r.status_label),
             r.rejection_reason, local_datetime(r.created_at), local_datetime(r.checked_in_at)] for r in items]
    return spreadsheet(f"{event.title}-{_l('报名名单')}", REGISTRATION_HEADERS, rows, sheet=_l("报名名单"))


def timetable(event):
    meetings = sorted((m for m in event.meetings if m.status != "cancelled"), key=lambda m: (m.slot, m.table))
    rows = [[_span(m.starts_at, m.ends_at), m.table, m.school.name, m.enterprise.name, str(m.status_label)] for m in meetings]
    return spreadsheet(f"{event.title}-{_l('洽谈时间表')}", TIMETABLE_HEADERS, rows, sheet=_l("洽谈时间表"))
