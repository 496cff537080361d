"""The recommender engine: pure Python over plain data (no Flask, no SQLAlchemy).

    from matchmaking.recommender import Recommender, ProgrammeDoc, NeedDoc, describe

    engine = Recommender().fit(programmes, needs)
    engine.programmes_for_need("N1", top=10)      # [Suggestion(id, score, reasons)]
    engine.needs_for_programme("P1", top=10)
    engine.upsert_need(doc); engine.remove_programme("P1")   # no refit
    engine.all_top(20, direction="needs")        # full recompute, {need id: [...]}
    describe(reason)                             # "共同关键词：电芯、极片", "同一产业集群" ...

See docs/recommender.md for the scoring formula and its measurements.
"""
from .documents import NeedDoc, ProgrammeDoc, Reason, Suggestion
from .engine import Recommender
from .explain import N_, describe
from .scoring import Reference, Weights
from .vectorise import TextConfig

__all__ = [
    "NeedDoc",
    "ProgrammeDoc",
    "Reason",
    "Suggestion",
    "Recommender",
    "describe",
    "N_",
    "Reference",
    "Weights",
    "TextConfig",
]
