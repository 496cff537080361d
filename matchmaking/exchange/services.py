"""Upsert exchange-format records into the database and write them back out.

Records are plain dicts with FORMAT.md's field names, already validated by the
reader. Schools and enterprises are matched by name, or created; programmes and
needs are matched by their file id within the organisation, so importing the same
file twice changes nothing."""
import json
from pathlib import Path

from sqlalchemy import select

from ..core.timeutil import utcnow
from ..extensions import db
from ..needs.models import Need
from ..organisations.models import Organisation
from ..programmes.models import Programme
from ..reference.models import Mode


def _organisation(name, kind, cache):
    key = (kind, name)
    if key not in cache:
        organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
        if organisation is None:
            organisation = Organisation(kind=kind, name=name, status="verified", verified_at=utcnow())
            db.session.add(organisation)
            db.session.flush()
        elif organisation.kind != kind:
            raise ValueError(f"{name} is registered as {organisation.kind}, not {kind}")
        cache[key] = organisation
    return cache[key]


def _upsert(model, organisation, record, fields, status):
    posting = db.session.scalar(
        select(model).where(model.organisation_id == organisation.id, model.external_ref == record["id"])
    )
    created = posting is None
    if created:
        posting = model(organisation=organisation, external_ref=record["id"], status=status)
        if status == "published":
            posting.published_at = utcnow()
        db.session.add(posting)
    for column, key in fields.items():
        setattr(posting, column, record[key])
    posting.refresh_search_text()
    return posting, created


COMMON = {"title": "title", "cluster_code": "cluster", "level_code": "level", "district_code": "district",
          "description": "description", "skills": "skills"}


def import_records(programmes, needs, *, status="published"):
    """Create or update the given records; returns counts. The caller commits."""
    cache, counts = {}, {"programmes_created": 0, "programmes_updated": 0, "needs_created": 0, "needs_updated": 0}
    modes = {mode.code: mode for mode in db.session.scalars(select(Mode))}
    for record in programmes:
        organisation = _organisation(record["school"], "school", cache)
        posting, created = _upsert(Programme, organisation, record, {**COMMON, "capacity": "capacity"}, status)
        posting.modes = [modes[code] for code in record["modes"]]
        counts["programmes_created" if created else "programmes_updated"] += 1
    for record in needs:
        organisation = _organisation(record["enterprise"], "enterprise", cache)
        _, created = _upsert(Need, organisation, record, {**COMMON, "kind_code": "kind", "headcount": "headcount"}, status)
        counts["needs_created" if created else "needs_updated"] += 1
    db.session.flush()
    return counts


def programme_record(programme):
    return {
        "id": programme.external_ref or f"P{programme.id}",
        "school": programme.organisation.name,
        "title": programme.title,
        "cluster": programme.cluster_code,
        "level": programme.level_code,
        "district": programme.district_code,
        "description": programme.description,
        "skills": list(programme.skills or []),
        "capacity": programme.capacity,
        "modes": programme.mode_codes,
    }


def need_record(need):
    return {
        "id": need.external_ref or f"N{need.id}",
        "enterprise": need.organisation.name,
        "title": need.title,
        "cluster": need.cluster_code,
        "kind": need.kind_code,
        "level": need.level_code,
        "district": need.district_code,
        "description": need.description,
        "skills": list(need.skills or []),
        "headcount": need.headcount,
    }


def export_records(directory):
    """Write every published programme and need to DIR/programmes.jsonl and DIR/needs.jsonl."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for model, to_record, filename in ((Programme, programme_record, "programmes.jsonl"), (Need, need_record, "needs.jsonl")):
        rows = db.session.scalars(select(model).where(model.status == "published").order_by(model.id))
        tmp = directory / (filename + ".tmp")
        with tmp.open("w", encoding="utf-8") as out:
            count = 0
            for row in rows:
                out.write(json.dumps(to_record(row), ensure_ascii=False) + "\n")
                count += 1
        tmp.replace(directory / filename)  # never leave a half-written file behind
        counts[filename] = count
    return counts
