"""Rescheduling: still-feasible meetings stay exactly where they were, the rest move
or are dropped with a reason, and the diff accounts for every previous meeting."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaking.scheduler import (
    PARTICIPANT_WITHDRAWN,
    REASONS,
    REQUEST_WITHDRAWN,
    MeetingRequest,
    Participant,
    Problem,
    Recommendation,
    Tier,
    reschedule,
    schedule,
    validate,
)

from .support import check_schedule, problems

METHODS = ["heuristic", "exact"]


def event(**changes):
    schools = [Participant(f"S{i}", "school") for i in range(4)]
    enterprises = [Participant(f"E{i}", "enterprise") for i in range(5)]
    requests = [
        MeetingRequest(f"S{i}", f"E{j}", Tier((i + j) % 4), 0.5) for i in range(4) for j in range(5) if (i * j) % 3 != 2
    ]
    base = Problem(range(4), ["T1", "T2", "T3"], schools + enterprises, requests)
    return replace(base, **changes)


def without(problem, pid):
    return replace(problem, participants=[p for p in problem.participants if p.id != pid])


def check_diff(old_problem, before, new_problem, after, diff):
    """The invariants every reschedule must satisfy."""
    check_schedule(new_problem, after, previous=before)
    assert validate(new_problem, after, previous=before) == []
    previous = {m.pair: m for m in before.meetings}
    accounted = [m.pair for m in diff.kept] + [mv.before.pair for mv in diff.moved]
    accounted += [d.meeting.pair for d in diff.dropped]
    assert sorted(accounted) == sorted(previous), "every previous meeting is kept, moved or dropped"
    now = {m.pair: m for m in after.meetings}
    for m in diff.kept:
        assert previous[m.pair].place == m.place == now[m.pair].place
    for mv in diff.moved:
        assert mv.before == previous[mv.before.pair]
        assert now[mv.after.pair] == mv.after and mv.after.place != mv.before.place
    for d in diff.dropped:
        assert d.reason in REASONS and d.meeting.pair not in now
    for m in diff.added:
        assert m.pair not in previous and now[m.pair] == m
    assert len(now) == len(diff.kept) + len(diff.moved) + len(diff.added)
    # everything still feasible where it was stays there
    people = {p.id: p for p in new_problem.participants}
    wanted = {frozenset((r.a, r.b)) for r in new_problem.requests + new_problem.recommendations}
    wanted |= {frozenset(m.pair) for m in before.meetings if m.tier == Tier.RECOMMENDED}
    kept = {m.pair for m in diff.kept}
    for m in before.meetings:
        still_feasible = (
            all(pid in people and m.slot not in people[pid].unavailable for pid in m.pair)
            and frozenset(m.pair) in wanted
            and m.slot in new_problem.slots
            and m.table in new_problem.tables
        )
        assert still_feasible == (m.pair in kept), m
    notify = set(diff.participants_to_notify())
    for mv in diff.moved:
        assert set(mv.before.pair) <= notify
    for d in diff.dropped:
        assert set(d.meeting.pair) <= notify


@pytest.mark.parametrize("method", METHODS)
def test_nothing_changes_when_nothing_changed(method):
    problem = event()
    before = schedule(problem, method=method)
    after, diff = reschedule(before, problem, method=method)
    assert diff.moved == diff.dropped == diff.added == ()
    assert set(diff.kept) == set(before.meetings) == set(after.meetings)
    assert diff.participants_to_notify() == ()


@pytest.mark.parametrize("method", METHODS)
def test_late_cancellation_drops_only_that_participants_meetings(method):
    problem = event()
    before = schedule(problem, method=method)
    gone = "E1"
    new_problem = without(problem, gone)
    after, diff = reschedule(before, new_problem, method=method)
    check_diff(problem, before, new_problem, after, diff)
    assert {d.meeting.pair for d in diff.dropped} == {m.pair for m in before.for_participant(gone)}
    assert all(d.reason == PARTICIPANT_WITHDRAWN and d.participant == gone for d in diff.dropped)
    assert diff.moved == ()


@pytest.mark.parametrize("method", METHODS)
def test_freed_time_is_offered_to_requests_that_did_not_fit(method):
    problem = event(tables=["T1"])
    before = schedule(problem, method=method)
    assert before.unplaced
    gone = before.meetings[0].enterprise
    after, diff = reschedule(before, without(problem, gone), method=method)
    assert diff.added  # the freed table is used again
    assert not diff.moved


@pytest.mark.parametrize("method", METHODS)
def test_removed_slot_moves_its_meetings(method):
    problem = event(slots=range(8), tables=["T1", "T2", "T3", "T4"])
    before = schedule(problem, method=method)
    lost = before.meetings[0].slot
    new_problem = replace(problem, slots=[s for s in problem.slots if s != lost])
    after, diff = reschedule(before, new_problem, method=method)
    check_diff(problem, before, new_problem, after, diff)
    in_lost_slot = {m.pair for m in before.meetings if m.slot == lost}
    assert {mv.before.pair for mv in diff.moved} | {d.meeting.pair for d in diff.dropped} == in_lost_slot
    assert diff.moved


@pytest.mark.parametrize("method", METHODS)
def test_removed_table_keeps_the_slot_when_another_table_is_free(method):
    problem = event(tables=["T1", "T2", "T3", "T4", "T5"])
    before = schedule(problem, method=method)
    used = {m.table for m in before.meetings}
    table = sorted(used)[0]
    new_problem = replace(problem, tables=[t for t in problem.tables if t != table])
    after, diff = reschedule(before, new_problem, method=method)
    check_diff(problem, before, new_problem, after, diff)
    assert {mv.before.pair for mv in diff.moved} == {m.pair for m in before.meetings if m.table == table}
    for mv in diff.moved:
        full = sum(m.slot == mv.before.slot for m in before.meetings) > len(new_problem.tables)
        if not full:
            assert mv.after.slot == mv.before.slot  # only the table changed


@pytest.mark.parametrize("method", METHODS)
def test_new_registrant_keeps_everything_and_adds_their_meetings(method):
    problem = event(slots=range(8), tables=["T1", "T2", "T3", "T4"])
    before = schedule(problem, method=method)
    newcomer = Participant("E9", "enterprise")
    new_problem = replace(
        problem,
        participants=list(problem.participants) + [newcomer],
        requests=list(problem.requests) + [MeetingRequest("S0", "E9", Tier.MUTUAL), MeetingRequest("E9", "S3")],
    )
    after, diff = reschedule(before, new_problem, method=method)
    check_diff(problem, before, new_problem, after, diff)
    assert set(diff.kept) == set(before.meetings)
    assert ("S0", "E9") in {m.pair for m in diff.added}


@pytest.mark.parametrize("method", METHODS)
def test_newly_unavailable_participant_and_withdrawn_request(method):
    problem = event()
    before = schedule(problem, method=method)
    first = before.meetings[0]
    busy = replace(next(p for p in problem.participants if p.id == first.school), unavailable={first.slot})
    withdrawn = before.meetings[-1]
    new_problem = replace(
        problem,
        participants=[busy if p.id == busy.id else p for p in problem.participants],
        requests=[r for r in problem.requests if {r.a, r.b} != set(withdrawn.pair)],
    )
    after, diff = reschedule(before, new_problem, method=method)
    check_diff(problem, before, new_problem, after, diff)
    changed = {mv.before.pair for mv in diff.moved} | {d.meeting.pair for d in diff.dropped}
    assert first.pair in changed
    assert (withdrawn.pair, REQUEST_WITHDRAWN) in {(d.meeting.pair, d.reason) for d in diff.dropped}


@pytest.mark.parametrize("method", METHODS)
def test_recommended_meetings_survive_a_recomputed_recommendation_list(method):
    problem = event(
        slots=range(8),
        tables=["T1", "T2", "T3", "T4"],
        recommendations=[Recommendation("S1", "E2", 0.9), Recommendation("S2", "E4", 0.8)],
    )
    before = schedule(problem, method=method)
    recommended = {m.pair for m in before.meetings if m.tier == Tier.RECOMMENDED}
    assert recommended
    new_problem = replace(problem, recommendations=())
    after, diff = reschedule(before, new_problem, method=method)
    check_diff(problem, before, new_problem, after, diff)
    assert recommended <= {m.pair for m in diff.kept}


@st.composite
def changes(draw, problem):
    """One to three random changes of the kinds an event goes through."""
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["leave", "slot", "table", "join", "busy", "withdraw", "recommend"]))
        if kind == "leave" and problem.participants:
            gone = draw(st.sampled_from(problem.participants)).id
            problem = without(problem, gone)
        elif kind == "slot" and problem.slots:
            lost = draw(st.sampled_from(problem.slots))
            problem = replace(problem, slots=[s for s in problem.slots if s != lost])
        elif kind == "table" and problem.tables:
            lost = draw(st.sampled_from(problem.tables))
            problem = replace(problem, tables=[t for t in problem.tables if t != lost])
        elif kind == "join":
            schools = [p.id for p in problem.participants if p.side == "school"] or ["S0"]
            new = Participant("E99", "enterprise", frozenset(draw(st.sets(st.sampled_from(range(8)), max_size=3))))
            if all(p.id != "E99" for p in problem.participants):
                extra = [MeetingRequest(s, "E99", draw(st.integers(0, 3))) for s in schools[:3]]
                problem = replace(
                    problem, participants=list(problem.participants) + [new], requests=problem.requests + tuple(extra)
                )
        elif kind == "busy" and problem.participants and problem.slots:
            who = draw(st.sampled_from(problem.participants))
            slot = draw(st.sampled_from(problem.slots))
            who2 = replace(who, unavailable=who.unavailable | {slot})
            problem = replace(problem, participants=[who2 if p.id == who.id else p for p in problem.participants])
        elif kind == "recommend" and problem.recommendations:
            problem = replace(problem, recommendations=problem.recommendations[1:])
        elif kind == "withdraw" and problem.requests:
            k = draw(st.integers(0, len(problem.requests) - 1))
            problem = replace(problem, requests=problem.requests[:k] + problem.requests[k + 1 :])
    return problem


RANDOM = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RANDOM
@given(st.data())
def test_random_changes_never_lose_a_meeting_silently(data):
    problem = data.draw(problems(max_side=5, max_slots=5, max_requests=16, invalid=False))
    method = data.draw(st.sampled_from(["heuristic", "auto"]))
    before = schedule(problem, method=method)
    new_problem = data.draw(changes(problem))
    after, diff = reschedule(before, new_problem, method=method)
    check_diff(problem, before, new_problem, after, diff)
