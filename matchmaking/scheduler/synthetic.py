"""Seeded synthetic docking events, for the benchmark, the tests and demo data.

Shaped like the real thing: a few popular enterprises and schools attract most
requests, a share of participants arrive late or leave early, a lunch break
splits the day (a gap in the slot numbers), and the recommender suggests some
pairs nobody asked for.
"""

from __future__ import annotations

import random

from .model import ENTERPRISE, SCHOOL, MeetingRequest, Participant, Problem, Recommendation

DEFAULT_TIER_MIX = (0.12, 0.23, 0.35, 0.30)  # mutual/bureau, must, want, nice


def generate(
    seed: int = 0,
    *,
    schools: int = 120,
    enterprises: int = 180,
    requests: int = 2000,
    slots: int = 16,
    tables: int = 40,
    recommendations: int = 600,
    tier_mix: tuple[float, ...] = DEFAULT_TIER_MIX,
    partial_day_share: float = 0.2,
    random_unavailable: float = 0.05,
    max_meetings: int | None = None,
) -> Problem:
    """A reproducible event; the same arguments always give the same Problem."""
    rng = random.Random(seed)
    morning = slots // 2
    slot_numbers = tuple(list(range(morning)) + list(range(morning + 1, slots + 1)))
    people = [(f"S{i:03d}", SCHOOL) for i in range(schools)] + [(f"E{i:03d}", ENTERPRISE) for i in range(enterprises)]
    participants = []
    for pid, side in people:
        away = set()
        if rng.random() < partial_day_share:
            length = rng.randint(2, max(2, slots // 3))
            away.update(slot_numbers[:length] if rng.random() < 0.5 else slot_numbers[-length:])
        away.update(s for s in slot_numbers if rng.random() < random_unavailable)
        participants.append(Participant(pid, side, frozenset(away)))

    school_ids = [pid for pid, side in people if side == SCHOOL]
    enterprise_ids = [pid for pid, side in people if side == ENTERPRISE]
    school_pop = [rng.paretovariate(1.6) for _ in school_ids]
    enterprise_pop = [rng.paretovariate(1.6) for _ in enterprise_ids]
    possible = len(school_ids) * len(enterprise_ids)
    wanted = min(requests, possible)
    pairs: dict[tuple[str, str], None] = {}
    while len(pairs) < wanted:
        batch = wanted - len(pairs)
        for s, e in zip(
            rng.choices(school_ids, school_pop, k=batch), rng.choices(enterprise_ids, enterprise_pop, k=batch)
        ):
            pairs.setdefault((s, e))
        if len(pairs) < wanted and len(pairs) > 0.9 * possible:  # dense corner: fill uniformly
            rest = [(s, e) for s in school_ids for e in enterprise_ids if (s, e) not in pairs]
            for pair in rng.sample(rest, wanted - len(pairs)):
                pairs.setdefault(pair)
    reqs = []
    for s, e in pairs:
        tier = rng.choices(range(len(tier_mix)), tier_mix)[0]
        a, b = (s, e) if rng.random() < 0.5 else (e, s)  # requests come from either side
        reqs.append(MeetingRequest(a, b, tier, round(rng.random(), 2)))
    recs = []
    free_pairs = max(0, possible - len(pairs))
    while len(recs) < min(recommendations, free_pairs):
        pair = (rng.choice(school_ids), rng.choice(enterprise_ids))
        if pair not in pairs:
            pairs[pair] = None
            recs.append(Recommendation(*pair, round(rng.uniform(0.3, 1.0), 2)))
    return Problem(
        slots=slot_numbers,
        tables=tuple(f"T{i:02d}" for i in range(1, tables + 1)),
        participants=tuple(participants),
        requests=tuple(reqs),
        recommendations=tuple(recs),
        max_meetings_per_participant=max_meetings,
    )
