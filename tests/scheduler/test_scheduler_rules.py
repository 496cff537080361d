"""Behaviour on hand-made events: priorities, availability, spread, reasons, caps,
tables, and input validation."""

import pytest

from matchmaking.scheduler import (
    NO_COMMON_FREE_SLOT,
    NO_TABLE_FREE,
    PARTICIPANT_FULL,
    PARTICIPANT_UNAVAILABLE,
    SAME_SIDE,
    SCHEDULE_CONFLICT,
    UNKNOWN_PARTICIPANT,
    MeetingRequest,
    Participant,
    Problem,
    Recommendation,
    Tier,
    schedule,
)

from .support import check_schedule

METHODS = ["heuristic", "exact"]


def school(pid, unavailable=(), cap=None):
    return Participant(pid, "school", frozenset(unavailable), cap)


def enterprise(pid, unavailable=(), cap=None):
    return Participant(pid, "enterprise", frozenset(unavailable), cap)


def pairs(result):
    return {m.pair for m in result.meetings}


def reasons(result):
    return {(u.request.a, u.request.b): (u.reason, u.participant) for u in result.unplaced}


@pytest.mark.parametrize("method", METHODS)
def test_one_mutual_request_beats_two_one_sided_ones(method):
    # (S1, E1) blocks both others: the lexicographic objective keeps the mutual one.
    problem = Problem(
        slots=[0],
        tables=["T1", "T2"],
        participants=[school("S1"), school("S2"), enterprise("E1"), enterprise("E2")],
        requests=[
            MeetingRequest("S1", "E1", Tier.MUTUAL, 0.0),
            MeetingRequest("S1", "E2", Tier.MUST, 1.0),
            MeetingRequest("E1", "S2", Tier.MUST, 1.0),
        ],
    )
    result = schedule(problem, method=method)
    check_schedule(problem, result)
    assert pairs(result) == {("S1", "E1")}
    assert reasons(result) == {("S1", "E2"): (PARTICIPANT_FULL, "S1"), ("E1", "S2"): (PARTICIPANT_FULL, "E1")}


@pytest.mark.parametrize("method", METHODS)
def test_tiers_then_weights_decide_who_gets_the_last_table(method):
    problem = Problem(
        slots=[0],
        tables=["T1"],
        participants=[school("S1"), school("S2"), school("S3"), enterprise("E1"), enterprise("E2"), enterprise("E3")],
        requests=[
            MeetingRequest("S1", "E1", Tier.NICE, 1.0),
            MeetingRequest("S2", "E2", Tier.WANT, 0.1),
            MeetingRequest("S3", "E3", Tier.WANT, 0.2),
        ],
        recommendations=[Recommendation("S1", "E2", 1.0)],
    )
    result = schedule(problem, method=method)
    assert pairs(result) == {("S3", "E3")}
    assert {r for r, _ in reasons(result).values()} == {NO_TABLE_FREE}


@pytest.mark.parametrize("method", METHODS)
def test_recommendations_only_fill_tables_nobody_asked_for(method):
    problem = Problem(
        slots=[0, 1],
        tables=["T1"],
        participants=[school("S1"), enterprise("E1"), enterprise("E2"), enterprise("E3")],
        requests=[MeetingRequest("S1", "E1", Tier.NICE, 0.0)],
        recommendations=[Recommendation("S1", "E2", 0.4), Recommendation("S1", "E3", 0.9)],
    )
    result = schedule(problem, method=method)
    assert pairs(result) == {("S1", "E1"), ("S1", "E3")}
    assert result.stats.recommended_placed == 1
    assert result.unplaced == ()  # recommendations are suggestions, never reported


@pytest.mark.parametrize("method", METHODS)
def test_unavailable_slots_are_respected(method):
    problem = Problem(
        slots=[0, 1, 2, 3],
        tables=["T1"],
        participants=[school("S1", unavailable={0, 1}), enterprise("E1", unavailable={3}), enterprise("E2")],
        requests=[MeetingRequest("S1", "E1", Tier.MUTUAL), MeetingRequest("S1", "E2", Tier.MUTUAL)],
    )
    result = schedule(problem, method=method)
    check_schedule(problem, result)
    assert {(m.pair, m.slot) for m in result.meetings} == {(("S1", "E1"), 2), (("S1", "E2"), 3)}


@pytest.mark.parametrize("method", METHODS)
def test_meetings_are_spread_rather_than_bunched(method):
    # Two meetings in five consecutive slots: never back to back.
    problem = Problem(
        slots=[0, 1, 2, 3, 4],
        tables=["T1", "T2"],
        participants=[school("S1"), enterprise("E1"), enterprise("E2"), school("S2"), enterprise("E3")],
        requests=[
            MeetingRequest("S1", "E1", Tier.WANT),
            MeetingRequest("S1", "E2", Tier.WANT),
            MeetingRequest("S2", "E3", Tier.WANT),
            MeetingRequest("S2", "E1", Tier.WANT),
        ],
    )
    result = schedule(problem, method=method)
    assert len(result.meetings) == 4
    assert result.stats.back_to_back == 0
    for pid in ("S1", "S2", "E1"):
        slots = sorted(m.slot for m in result.for_participant(pid))
        assert all(b - a > 1 for a, b in zip(slots, slots[1:]))


@pytest.mark.parametrize("method", METHODS)
def test_a_gap_in_slot_numbers_is_a_break(method):
    # Slots 0, 1 | 3: meeting in 1 and 3 is not back to back, so 3 meetings fit without a run.
    problem = Problem(
        slots=[0, 1, 3],
        tables=["T1"],
        participants=[school("S1"), enterprise("E1"), enterprise("E2")],
        requests=[MeetingRequest("S1", "E1", Tier.WANT), MeetingRequest("S1", "E2", Tier.WANT)],
    )
    result = schedule(problem, method=method)
    assert sorted(m.slot for m in result.meetings) in ([0, 3], [1, 3])
    assert result.stats.back_to_back == 0


def test_every_reason_is_reported():
    problem = Problem(
        slots=[0, 1],
        tables=["T1"],
        participants=[
            school("S1"),
            school("S2", unavailable={0, 1}),
            school("S3", unavailable={1}),
            school("S4", cap=1),
            school("S5"),
            enterprise("E1", unavailable={0}),
            enterprise("E2"),
            enterprise("E3"),
        ],
        requests=[
            MeetingRequest("S1", "NOBODY", Tier.MUTUAL),
            MeetingRequest("S1", "S3", Tier.MUTUAL),
            MeetingRequest("S2", "E2", Tier.MUTUAL),
            MeetingRequest("S3", "E1", Tier.MUTUAL),
            MeetingRequest("S4", "E2", Tier.MUTUAL, 1.0),  # slot 0 or 1
            MeetingRequest("S4", "E3", Tier.MUST),  # S4 is capped at one meeting
            MeetingRequest("S5", "E1", Tier.MUST),  # slot 1
            MeetingRequest("S3", "E3", Tier.NICE),  # S3 free at 0 only; table there taken
        ],
    )
    result = schedule(problem)
    check_schedule(problem, result)
    got = reasons(result)
    assert got[("S1", "NOBODY")] == (UNKNOWN_PARTICIPANT, "NOBODY")
    assert got[("S1", "S3")] == (SAME_SIDE, None)
    assert got[("S2", "E2")] == (PARTICIPANT_UNAVAILABLE, "S2")
    assert got[("S3", "E1")] == (NO_COMMON_FREE_SLOT, None)
    assert got[("S4", "E3")] == (PARTICIPANT_FULL, "S4")
    assert got[("S3", "E3")] == (NO_TABLE_FREE, None)
    assert len(result.meetings) == 2


@pytest.mark.parametrize("method", METHODS)
def test_free_at_different_times_is_a_schedule_conflict(method):
    problem = Problem(
        slots=[0, 1],
        tables=["T1", "T2"],
        participants=[school("S1"), school("S2", unavailable={0}), enterprise("E1", unavailable={1}), enterprise("E2")],
        requests=[
            MeetingRequest("S1", "E1", Tier.MUTUAL),  # slot 0 only
            MeetingRequest("S2", "E2", Tier.MUTUAL),  # slot 1 only
            MeetingRequest("S1", "E2", Tier.MUST),  # S1 is free at 1, E2 at 0
        ],
    )
    result = schedule(problem, method=method)
    assert reasons(result) == {("S1", "E2"): (SCHEDULE_CONFLICT, None)}


@pytest.mark.parametrize("method", METHODS)
def test_meeting_caps_per_event_and_per_participant(method):
    people = [school("S1"), school("S2", cap=1)] + [enterprise(f"E{i}") for i in range(4)]
    requests = [MeetingRequest(s, f"E{i}", Tier.WANT) for s in ("S1", "S2") for i in range(4)]
    problem = Problem(range(4), ["T1", "T2"], people, requests, max_meetings_per_participant=2)
    result = schedule(problem, method=method)
    check_schedule(problem, result)
    assert len(result.for_participant("S1")) == 2
    assert len(result.for_participant("S2")) == 1


def test_duplicate_requests_make_one_meeting_at_the_best_tier():
    problem = Problem(
        slots=[0],
        tables=["T1"],
        participants=[school("S1"), enterprise("E1")],
        requests=[MeetingRequest("S1", "E1", Tier.NICE, 0.3), MeetingRequest("E1", "S1", Tier.MUST, 0.6)],
    )
    result = schedule(problem)
    assert [(m.pair, m.tier, m.weight) for m in result.meetings] == [(("S1", "E1"), Tier.MUST, 0.6)]
    assert result.stats.requested == (0, 1, 0, 0) and result.stats.placed == (0, 1, 0, 0)


def test_an_enterprise_keeps_its_table_between_consecutive_meetings():
    problem = Problem(
        slots=[0, 1, 2],
        tables=["T1", "T2", "T3"],
        participants=[school(f"S{i}") for i in range(3)] + [enterprise("E1"), enterprise("E2")],
        requests=[MeetingRequest(f"S{i}", "E1", Tier.MUTUAL) for i in range(3)]
        + [MeetingRequest(f"S{i}", "E2", Tier.WANT) for i in range(2)],
    )
    result = schedule(problem)
    assert len({m.table for m in result.for_participant("E1")}) == 1


@pytest.mark.parametrize(
    "build",
    [
        lambda: Participant("X", "ministry"),
        lambda: MeetingRequest("A", "B", tier=4),
        lambda: MeetingRequest("A", "B", weight=1.5),
        lambda: Recommendation("A", "B", score=-0.1),
        lambda: Problem([2, 1], ["T"], []),
        lambda: Problem([1], ["T", "T"], []),
        lambda: Problem([1], ["T"], [school("S"), enterprise("S")]),
    ],
)
def test_malformed_input_is_refused(build):
    with pytest.raises(ValueError):
        build()


def test_unknown_method_is_refused():
    with pytest.raises(ValueError):
        schedule(Problem([0], ["T"], []), method="magic")


def test_an_empty_event_gives_an_empty_schedule():
    result = schedule(Problem([], [], []))
    assert result.meetings == () and result.unplaced == ()
    assert result.stats.proven_optimal
