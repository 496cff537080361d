"""Demo policies (matchmaking/demo/data/policies.jsonl): the implementation plan's support measures,
summarised, created and published through the policy services as the bureau would."""
from datetime import date

from sqlalchemy import select

from ..extensions import db
from ..policies import services
from ..policies.models import Policy


def _data(record):
    data = dict(record)
    data["effective_from"] = date.fromisoformat(record["effective_from"])
    data["effective_until"] = date.fromisoformat(record["effective_until"]) if record.get("effective_until") else None
    return data


def seed_policies(records, bureau_user):
    """Create each policy not there yet (matched by title) in its listed status; returns how many were added."""
    added = 0
    for record in records:
        if db.session.scalar(select(Policy.id).where(Policy.title == record["title"])):
            continue
        policy = services.create(_data(record), by=bureau_user)
        if record["status"] in ("published", "archived"):
            services.publish(policy, by=bureau_user)
        if record["status"] == "archived":
            services.archive(policy, by=bureau_user)
        added += 1
    return added
