"""Keeping the stored suggestions fresh."""
import logging

from flask import current_app
from sqlalchemy import and_, delete, insert, select, update

from ..core.i18n import N_
from ..core.timeutil import utcnow
from ..extensions import db
from ..needs.models import Need
from . import adapter
from .engine_cache import cache
from .models import Recommendation

log = logging.getLogger(__name__)


def top_k():
    return current_app.config["RECOMMENDATIONS_TOP_K"]


#: The steps of a full refresh, as reported to a progress callback (msgids).
REFRESH_STEPS = (N_("正在训练推荐引擎…"), N_("正在计算每个需求的推荐培训项目…"),
                 N_("正在计算每个培训项目的推荐需求…"), N_("正在写入推荐结果…"))


def refresh_all(progress=None):
    """Full refit: fit the engine on every eligible item and rewrite all stored suggestions.

    `progress(done, total, message)`, if given, is called before each of REFRESH_STEPS
    (never while the rewrite holds its write lock: the caller commits afterwards)."""
    def step(number):
        if progress is not None:
            progress(number, len(REFRESH_STEPS), REFRESH_STEPS[number])

    step(0)
    engine = cache().rebuild()
    k = top_k()
    pairs = {}
    step(1)
    for need_id, suggestions in engine.all_top(k, direction="needs").items():
        for s in suggestions:
            row = pairs.setdefault((int(need_id), int(s.id)), {"score": s.score, "reasons": s.reasons})
            row["in_need_top"] = True
    step(2)
    for programme_id, suggestions in engine.all_top(k, direction="programmes").items():
        for s in suggestions:
            row = pairs.setdefault((int(s.id), int(programme_id)), {"score": s.score, "reasons": s.reasons})
            row["in_programme_top"] = True
    now = utcnow()
    rows = [
        {"need_id": n, "programme_id": p, "score": round(float(v["score"]), 6), "reasons": adapter.encode_reasons(v["reasons"]),
         "in_need_top": v.get("in_need_top", False), "in_programme_top": v.get("in_programme_top", False), "computed_at": now}
        for (n, p), v in sorted(pairs.items())
    ]
    step(3)
    db.session.execute(delete(Recommendation))
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(Recommendation), rows[start:start + 5000])
    return len(pairs)


def refresh_for(posting):
    """Update the suggestions touched by one item that was published, edited or closed.

    Runs inside the caller's transaction, in a savepoint: a failure here is logged and
    never undoes the user's own change."""
    try:
        with db.session.begin_nested():
            _refresh_for(posting)
    except Exception:  # noqa: BLE001 — suggestions are derived data; the nightly refit repairs them
        log.exception("Could not refresh suggestions for %s %s", type(posting).__name__, posting.id)


def _refresh_for(posting):
    is_need = isinstance(posting, Need)
    own_column = Recommendation.need_id if is_need else Recommendation.programme_id
    db.session.flush()
    engine = cache().current()
    # Forget what this item used to be suggested with.
    db.session.execute(delete(Recommendation).where(own_column == posting.id))
    if not adapter.is_eligible(posting):
        return
    k = top_k()
    key = str(posting.id)
    if is_need:
        suggestions = engine.programmes_for_need(key, top=3 * k)
    else:
        suggestions = engine.needs_for_programme(key, top=3 * k)
    now = utcnow()
    for rank, suggestion in enumerate(suggestions):
        other_id = int(suggestion.id)
        need_id, programme_id = (posting.id, other_id) if is_need else (other_id, posting.id)
        enters_other_top = _enters_top(not is_need, other_id, suggestion.score, k)
        if rank >= k and not enters_other_top:
            continue
        db.session.add(Recommendation(
            need_id=need_id, programme_id=programme_id, score=round(float(suggestion.score), 6),
            reasons=adapter.encode_reasons(suggestion.reasons), computed_at=now,
            in_need_top=(rank < k) if is_need else enters_other_top,
            in_programme_top=enters_other_top if is_need else (rank < k),
        ))
    db.session.flush()


def _enters_top(for_need, item_id, score, k):
    """Whether a pair with `score` belongs in the stored top list of the other item; if it
    displaces the weakest entry there, that entry leaves the list."""
    column = Recommendation.need_id if for_need else Recommendation.programme_id
    flag = Recommendation.in_need_top if for_need else Recommendation.in_programme_top
    rows = db.session.execute(
        select(Recommendation.id, Recommendation.score).where(column == item_id, flag.is_(True)).order_by(Recommendation.score)
    ).all()
    if len(rows) < k:
        return True
    weakest_id, weakest_score = rows[0]
    if score <= weakest_score:
        return False
    db.session.execute(update(Recommendation).where(Recommendation.id == weakest_id).values({flag.key: False}))
    db.session.execute(delete(Recommendation).where(
        Recommendation.id == weakest_id, and_(~Recommendation.in_need_top, ~Recommendation.in_programme_top)))
    return True


def forget(posting):
    """Drop every stored suggestion of an item that is no longer public."""
    column = Recommendation.need_id if isinstance(posting, Need) else Recommendation.programme_id
    db.session.execute(delete(Recommendation).where(column == posting.id))

