"""The demo policies: a well-formed data file, seeded once through the services."""
import json
from datetime import date
from pathlib import Path

from matchmaking.audit.models import AuditEntry
from matchmaking.demo.policies import seed_policies
from matchmaking.extensions import db
from matchmaking.policies import queries, services
from matchmaking.policies.models import CATEGORIES, Policy

DATA = Path(__file__).resolve().parents[2] / "matchmaking" / "demo" / "data" / "policies.jsonl"
FIELDS = {"title", "category", "effective_from", "effective_until", "lead_unit", "responsible_units", "source_document",
          "status", "body"}


def _records():
    text = DATA.read_text(encoding="utf-8")
    assert text.endswith("\n") and "\\u" not in text
    return [json.loads(line) for line in text.splitlines()]


def test_data_file_is_well_formed():
    records = _records()
    assert 10 <= len(records) <= 14
    assert len({r["title"] for r in records}) == len(records)
    for r in records:
        assert set(r) == FIELDS, r["title"]
        assert r["category"] in CATEGORIES and r["status"] in ("draft", "published", "archived")
        start = date.fromisoformat(r["effective_from"])
        assert r["effective_until"] is None or date.fromisoformat(r["effective_until"]) >= start
        assert r["lead_unit"] and r["source_document"] and len(r["body"]) >= 80
        assert "<" not in r["body"]  # plain Markdown, no HTML
    assert sum(r["status"] == "published" for r in records) >= 10
    text = " ".join(r["body"] for r in records)
    for measure in ("20 万元", "30 万元", "技能大师工作室", "现代产业学院", "虚拟仿真", "高技能人才", "双师型", "新型学徒制",
                    "订单班", "联合研发", "三方对接"):
        assert measure in text, measure


def test_seeding_uses_the_services_and_runs_once(app, make):
    officer = make.user(make.bureau())
    records = _records()
    assert seed_policies(records, officer) == len(records)
    db.session.commit()
    assert seed_policies(records, officer) == 0
    statuses = {p.title: p.status for p in db.session.scalars(db.select(Policy))}
    assert statuses == {r["title"]: r["status"] for r in records}
    published = db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "policy.publish"))
    assert published == sum(r["status"] != "draft" for r in records)
    assert queries.latest_in_force(services.local_today())
