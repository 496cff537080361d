"""Agendas as files: the iCalendar (.ics) file of a participant and the check-in QR code."""
from datetime import datetime, timezone
from io import BytesIO

import qrcode
import qrcode.image.svg
from flask_babel import gettext
from icalendar import Calendar, Event
from markupsafe import Markup

from ..core.timeutil import LOCAL_TZ

TZ = LOCAL_TZ


def ics_bytes(event, meetings, organisation_id, *, now=None):
    """One VEVENT per meeting (cancelled ones too, so calendars remove them), in Asia/Shanghai
    with its VTIMEZONE. UIDs are stable per meeting; SEQUENCE grows whenever it changes."""
    cal = Calendar()
    cal.add("prodid", "-//Yibin industry-education matchmaking//docking events//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", event.title)
    stamp = now or datetime.now(timezone.utc)
    for meeting in meetings:
        other = meeting.counterpart_of(organisation_id)
        item = Event()
        item.add("uid", meeting.uid)
        item.add("dtstamp", stamp)
        item.add("sequence", meeting.sequence)
        item.add("dtstart", meeting.starts_at.replace(tzinfo=TZ))
        item.add("dtend", meeting.ends_at.replace(tzinfo=TZ))
        item.add("summary", f"{event.title}：{other.name}")
        item.add("location", f"{event.venue} · {gettext('%(n)s 号桌', n=meeting.table)}")
        item.add("description", f"{meeting.school.name} × {meeting.enterprise.name}")
        item.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def qr_svg(text):
    """An inline SVG QR code (no script, no external image: fits the CSP)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2:]
    return Markup(svg.strip())
