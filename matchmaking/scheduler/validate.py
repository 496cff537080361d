"""Check any schedule against a problem: the solver's, or one the bureau edited by hand."""

from __future__ import annotations

from collections import Counter

from .model import Problem, Schedule, Tier


def validate(problem: Problem, schedule: Schedule, previous: Schedule | None = None) -> list[str]:
    """Every rule the schedule breaks, as readable sentences (empty list = valid).

    Pass ``previous`` when checking a reschedule: its recommended meetings may stay
    even if the pair is no longer recommended."""
    problems: list[str] = []
    people = {p.id: p for p in problem.participants}
    slots, tables = set(problem.slots), set(problem.tables)
    wanted = {frozenset((r.a, r.b)) for r in problem.requests}
    wanted |= {frozenset((r.a, r.b)) for r in problem.recommendations}
    if previous is not None:
        wanted |= {frozenset(m.pair) for m in previous.meetings if m.tier == Tier.RECOMMENDED}
    seen_pairs: Counter = Counter()
    seen_places: Counter = Counter()
    seen_busy: Counter = Counter()
    per_person: Counter = Counter()
    for m in schedule.meetings:
        label = f"{m.school}–{m.enterprise} at slot {m.slot}, table {m.table}"
        school, enterprise = people.get(m.school), people.get(m.enterprise)
        if school is None or enterprise is None:
            problems.append(f"{label}: unknown participant")
            continue
        if (school.side, enterprise.side) != ("school", "enterprise"):
            problems.append(f"{label}: not a school meeting an enterprise")
        if m.slot not in slots:
            problems.append(f"{label}: no such slot")
        if m.table not in tables:
            problems.append(f"{label}: no such table")
        for person in (school, enterprise):
            if m.slot in person.unavailable:
                problems.append(f"{label}: {person.id} is unavailable then")
            seen_busy[person.id, m.slot] += 1
            per_person[person.id] += 1
        if frozenset(m.pair) not in wanted:
            problems.append(f"{label}: nobody requested or recommended this pair")
        seen_pairs[m.pair] += 1
        seen_places[m.place] += 1
    problems += [f"{a}–{b} meet {n} times" for (a, b), n in seen_pairs.items() if n > 1]
    problems += [f"slot {s}, table {t} holds {n} meetings" for (s, t), n in seen_places.items() if n > 1]
    problems += [f"{pid} has {n} meetings in slot {s}" for (pid, s), n in seen_busy.items() if n > 1]
    for pid, n in per_person.items():
        caps = [problem.max_meetings_per_participant, people[pid].max_meetings]
        cap = min((c for c in caps if c is not None), default=None)
        if cap is not None and n > cap:
            problems.append(f"{pid} has {n} meetings, more than the cap of {cap}")
    return problems
