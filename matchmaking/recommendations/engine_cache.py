"""One fitted engine per process, kept in step with the database incrementally.

Each worker fits the engine from the database on first use, then, before every
update, applies the items changed since its watermark (upsert published ones,
remove the rest). The vocabulary stays frozen until a full refit
(`matchmaking refresh-recommendations`), which also rewrites every stored list."""
import threading

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..needs.models import Need
from ..programmes.models import Programme
from ..recommender import Recommender
from . import adapter


class EngineCache:
    def __init__(self):
        self.lock = threading.RLock()
        self.engine = None
        self.watermark = None
        self.ids = {"programme": set(), "need": set()}

    def _latest_change(self):
        values = [db.session.scalar(select(func.max(model.updated_at))) for model in (Programme, Need)]
        values = [v for v in values if v is not None]
        return max(values) if values else None

    def rebuild(self):
        """Fit a fresh engine on every eligible item."""
        with self.lock:
            programmes, needs = adapter.all_documents()
            self.engine = Recommender(reference=adapter.reference(), n_threads=1).fit(programmes, needs)
            self.ids = {"programme": {d.id for d in programmes}, "need": {d.id for d in needs}}
            self.watermark = self._latest_change()
            return self.engine

    def current(self):
        """The engine, brought up to date with changes made by any worker."""
        with self.lock:
            if self.engine is None:
                return self.rebuild()
            latest = self._latest_change()
            if latest is not None and (self.watermark is None or latest >= self.watermark):
                self._apply_changes_since(self.watermark)
                self.watermark = latest
            return self.engine

    def _apply_changes_since(self, since):
        for model, side, to_doc in ((Programme, "programme", adapter.programme_doc), (Need, "need", adapter.need_doc)):
            query = select(model)
            if since is not None:
                query = query.where(model.updated_at >= since)
            for posting in db.session.scalars(query):
                self._apply(side, posting, to_doc)

    def _apply(self, side, posting, to_doc):
        key = str(posting.id)
        if adapter.is_eligible(posting):
            getattr(self.engine, f"upsert_{side}")(to_doc(posting))
            self.ids[side].add(key)
        elif key in self.ids[side]:
            getattr(self.engine, f"remove_{side}")(key)
            self.ids[side].discard(key)


def cache():
    """The application's engine cache (one per app object, i.e. per worker)."""
    return current_app.extensions.setdefault("recommender_cache", EngineCache())
