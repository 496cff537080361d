"""Fixtures for docking events: a bureau officer, events in any state, registrations."""
from datetime import time, timedelta

import pytest

from matchmaking.events.models import DockingEvent, Registration
from matchmaking.events.services import local_today
from matchmaking.extensions import db


class EventFactory:
    def __init__(self, make):
        self.make = make
        self._codes = 0

    def event(self, *, status="open", **fields):
        today = local_today()
        defaults = {
            "title": "动力电池产业校企对接会", "description": "一对一洽谈", "cluster_codes": ["power_battery"],
            "venue": "宜宾市人力资源市场三楼", "date": today + timedelta(days=10), "start_time": time(9, 0),
            "end_time": time(12, 0), "meeting_minutes": 30, "breaks": [], "tables": 3,
            "registration_opens": today - timedelta(days=1), "registration_closes": today + timedelta(days=5),
            "capacity_per_side": 10, "status": status,
        }
        defaults.update(fields)
        event = DockingEvent(**defaults)
        db.session.add(event)
        db.session.commit()
        return event

    def registration(self, event, organisation, *, status="approved", unavailable=(), **fields):
        self._codes += 1
        registration = Registration(event=event, organisation=organisation, side=organisation.kind, status=status,
                                    attendees="张三 主任", unavailable_slots=list(unavailable),
                                    checkin_code=f"CODE{self._codes:04d}{organisation.id:03d}"[:16], **fields)
        db.session.add(registration)
        db.session.commit()
        return registration


@pytest.fixture
def ev(make):
    return EventFactory(make)


@pytest.fixture
def officer(make):
    return make.user(make.bureau(name="宜宾市人力资源和社会保障局"))
