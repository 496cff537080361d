"""Seeding and reading reference data."""
from sqlalchemy import select

from .. import referencedata as rd
from ..extensions import db
from .models import Cluster, District, Level, Mode, NeedKind, PlanTarget


def _rows():
    for i, (code, zh, en) in enumerate(rd.CLUSTERS):
        yield Cluster, dict(code=code, name_zh=zh, name_en=en, sort=i)
    for code, zh, en, rank in rd.LEVELS:
        yield Level, dict(code=code, name_zh=zh, name_en=en, sort=rank, rank=rank)
    for i, (code, zh, en) in enumerate(rd.MODES):
        yield Mode, dict(code=code, name_zh=zh, name_en=en, sort=i)
    for i, (code, zh, en) in enumerate(rd.NEED_KINDS):
        yield NeedKind, dict(code=code, name_zh=zh, name_en=en, sort=i)
    for i, (name, en, division) in enumerate(rd.DISTRICTS):
        yield District, dict(code=name, name_zh=name, name_en=en, division_code=division, sort=i)
    for i, (code, zh, en, figure, unit) in enumerate(rd.PLAN_TARGETS):
        yield PlanTarget, dict(code=code, name_zh=zh, name_en=en, figure=figure, unit=unit, sort=i)


def seed_reference_data():
    """Insert any missing reference rows; rows the bureau has edited are left alone."""
    from ..workdays.seed import seed_calendar

    added = 0
    for model, values in _rows():
        if db.session.get(model, values["code"]) is None:
            db.session.add(model(**values))
            added += 1
    db.session.flush()
    return added + seed_calendar()


def all_of(model):
    """Every row of a reference table in display order."""
    return list(db.session.scalars(select(model).order_by(model.sort, model.code)))


def codes_of(model):
    return [row.code for row in all_of(model)]


def choices(model, *, blank=None):
    """(code, label) pairs for a select field, labels in the UI language."""
    from ..core.forms import options
    from ..core.i18n import label

    pairs = [(row.code, label(row)) for row in all_of(model)]
    return options(([("", blank)] if blank is not None else []) + pairs)


def lookup(model):
    """A dict code → row, for rendering many items without a query each."""
    return {row.code: row for row in all_of(model)}
