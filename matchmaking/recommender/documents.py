"""Plain data the recommender takes in and gives back.

The web layer adapts its models to these (ids as strings, e.g. ``str(db_id)``), so the
engine never sees Flask or SQLAlchemy objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class ProgrammeDoc:
    """What a school offers (fields of data/FORMAT.md programmes.jsonl)."""

    id: str
    title: str
    cluster: str
    level: str
    district: str
    description: str
    skills: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    capacity: int = 0


@dataclass(frozen=True)
class NeedDoc:
    """What an enterprise asks for (fields of data/FORMAT.md needs.jsonl)."""

    id: str
    title: str
    cluster: str
    kind: str
    level: str
    district: str
    description: str
    skills: list[str] = field(default_factory=list)
    headcount: int = 0


class Reason(NamedTuple):
    """One language-neutral reason; ``describe()`` turns it into UI text.

    Codes: ``shared_terms`` (``terms`` = key terms that contributed most), ``same_cluster``,
    ``level_fits``, ``level_below``, ``level_above``, ``mode_fits:<mode code>``,
    ``same_district``, ``nearby_district``. A named tuple: immutable and cheap, since a
    full recompute makes millions.
    """

    code: str
    terms: tuple[str, ...] = ()


class Suggestion(NamedTuple):
    """One ranked counterpart: its id, a score in [0, 1] and why."""

    id: str
    score: float
    reasons: tuple[Reason, ...]
