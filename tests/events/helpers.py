"""Helpers for event tests."""
from datetime import timedelta

from matchmaking.events.services import local_today
from matchmaking.extensions import db


def event_form(**overrides):
    """Valid event form data for the bureau's create/edit pages."""
    today = local_today()
    data = {
        "title": "智能终端产业校企对接会", "description": "学校与企业一对一洽谈", "cluster_codes": ["power_battery"],
        "venue": "宜宾市人才市场", "date": (today + timedelta(days=20)).isoformat(), "start_time": "09:00",
        "end_time": "12:00", "meeting_minutes": "20", "break_start": "", "break_end": "", "tables": "4",
        "registration_opens": today.isoformat(), "registration_closes": (today + timedelta(days=10)).isoformat(),
        "capacity_per_side": "20",
    }
    data.update(overrides)
    return data


def refreshed(obj):
    db.session.refresh(obj)
    return obj
