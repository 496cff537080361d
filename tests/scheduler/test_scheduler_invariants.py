"""Hard rules under random events (property-based): nobody double-booked, tables
hold one meeting per slot, unavailable slots and caps respected, every request
either met or reported with a reason that is true, nothing that fits left out."""

import random

from hypothesis import HealthCheck, given, settings

from matchmaking.scheduler import Problem, schedule, validate

from .support import check_schedule, problems

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(problems(max_side=6, max_slots=6, max_tables=4, max_requests=24))
def test_heuristic_schedules_are_valid(problem):
    result = schedule(problem, method="heuristic")
    check_schedule(problem, result)
    assert validate(problem, result) == []


@SLOW
@given(problems())
def test_exact_schedules_are_valid(problem):
    result = schedule(problem, method="exact")
    check_schedule(problem, result)
    assert validate(problem, result) == []


@FAST
@given(problems(max_side=5, max_slots=5, max_requests=18))
def test_counts_never_exceed_the_bounds(problem):
    stats = schedule(problem, method="heuristic").stats
    cumulative = 0
    for k in range(4):
        cumulative += stats.placed[k]
        assert cumulative <= stats.upper_bound[k]
        assert stats.placed[k] <= stats.requested[k]
    assert stats.lexicographic_bound is None or stats.counts <= stats.lexicographic_bound
    if stats.weight_bound is not None:
        assert stats.counts == stats.lexicographic_bound and stats.objective[7] <= stats.weight_bound


@SLOW
@given(problems(invalid=False))
def test_the_same_event_in_any_input_order_gives_the_same_schedule(problem):
    rng = random.Random(7)
    shuffled = Problem(
        problem.slots,
        problem.tables,
        rng.sample(problem.participants, len(problem.participants)),
        rng.sample(problem.requests, len(problem.requests)),
        rng.sample(problem.recommendations, len(problem.recommendations)),
        problem.max_meetings_per_participant,
    )
    for method in ("heuristic", "auto"):
        first = schedule(problem, method=method)
        assert schedule(problem, method=method) == first
        assert schedule(shuffled, method=method).meetings == first.meetings
