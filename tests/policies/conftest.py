"""Fixtures for policies: a bureau officer and his client, and a factory of policies in any state."""
from datetime import timedelta

import pytest

from matchmaking.core.timeutil import utcnow
from matchmaking.extensions import db
from matchmaking.policies.models import Policy
from matchmaking.policies.services import local_today

BODY = "## 支持对象\n\n在宜宾市登记的**产教融合型企业**。\n\n- 市级：一次性奖励 20 万元\n- 省级：再奖励 30 万元"


@pytest.fixture
def officer(make):
    return make.user(make.bureau())


@pytest.fixture
def bureau(login_as, officer):
    return login_as(officer)


@pytest.fixture
def policy(app):
    """policy(title=…, status=…, days_from=…, days_until=…) → a saved Policy; days relative to today."""

    def _make(*, status="published", days_from=-30, days_until=None, **fields):
        today = local_today()
        defaults = {
            "title": "产教融合型企业一次性奖励", "body": BODY, "category": "funding",
            "effective_from": today + timedelta(days=days_from),
            "effective_until": today + timedelta(days=days_until) if days_until is not None else None,
            "lead_unit": "宜宾市发展和改革委员会", "responsible_units": ["宜宾市财政局", "宜宾市人力资源和社会保障局"],
            "source_document": "宜宾市国家产教融合试点城市建设实施方案", "status": status,
            "published_at": utcnow() if status != "draft" else None,
        }
        defaults.update(fields)
        item = Policy(**defaults)
        db.session.add(item)
        db.session.commit()
        return item

    return _make


def form_data(**overrides):
    """A valid policy form submission."""
    data = {
        "title": "企业新型学徒制培训补贴", "category": "funding", "effective_from": "2026-01-01",
        "effective_until": "2027-12-31", "lead_unit": "宜宾市人力资源和社会保障局",
        "responsible_units": "宜宾市财政局、宜宾市教育和体育局", "source_document": "宜宾市国家产教融合试点城市建设实施方案",
        "body": "## 补贴对象\n\n开展**新型学徒制**培训的企业。", "action": "save",
    }
    data.update(overrides)
    return data
