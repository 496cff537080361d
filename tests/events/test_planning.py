"""The Problem builder: who takes part, how requests merge into tiers, recommended fillers (pure)."""
from matchmaking import scheduler as sch
from matchmaking.events.planning import Wish, build_problem, merge_wishes

S1, S2, E1, E2 = 1, 2, 11, 12
PEOPLE = [(S1, "school", [0]), (S2, "school", []), (E1, "enterprise", []), (E2, "enterprise", [2, 3])]


def test_participants_slots_and_tables():
    problem = build_problem(slots=[0, 1, 3], tables=range(1, 3), participants=PEOPLE)
    assert problem.slots == (0, 1, 3) and problem.tables == ("1", "2")
    by_id = {p.id: p for p in problem.participants}
    assert by_id["1"].side == "school" and by_id["1"].unavailable == frozenset({0})
    assert by_id["12"].unavailable == frozenset({2, 3})


def test_both_sides_asking_is_mutual_and_the_bureau_counts_as_mutual():
    tiers = merge_wishes([
        Wish(S1, E1, "school", "nice", "pending"), Wish(S1, E1, "enterprise", "want", "pending"),
        Wish(S2, E2, "bureau", "bureau", "accepted"),
    ])
    assert tiers == {(S1, E1): sch.Tier.MUTUAL, (S2, E2): sch.Tier.MUTUAL}


def test_one_sided_requests_count_only_when_accepted_at_their_priority():
    tiers = merge_wishes([
        Wish(S1, E1, "school", "must", "accepted"), Wish(S1, E2, "school", "nice", "pending"),
        Wish(S2, E1, "enterprise", "want", "declined"), Wish(S2, E2, "enterprise", "nice", "accepted"),
    ])
    assert tiers == {(S1, E1): sch.Tier.MUST, (S2, E2): sch.Tier.NICE}


def test_a_declined_side_breaks_mutuality():
    tiers = merge_wishes([Wish(S1, E1, "school", "want", "declined"), Wish(S1, E1, "enterprise", "want", "pending")])
    assert tiers == {}


def test_requests_carry_the_best_score_and_fillers_are_unrequested_high_scores():
    problem = build_problem(
        slots=[0, 1], tables=[1], participants=PEOPLE,
        wishes=[Wish(S1, E1, "school", "want", "accepted")],
        scores={(S1, E1): 0.8, (S2, E1): 0.6, (S2, E2): 0.05, (S1, E2): 1.7},
    )
    assert problem.requests == (sch.MeetingRequest("1", "11", tier=sch.Tier.WANT, weight=0.8),)
    assert [(r.a, r.b, r.score) for r in problem.recommendations] == [("1", "12", 1.0), ("2", "11", 0.6)]


def test_wishes_of_organisations_no_longer_taking_part_are_left_out():
    problem = build_problem(slots=[0], tables=[1], participants=PEOPLE[:1] + PEOPLE[2:3],
                            wishes=[Wish(S2, E1, "bureau", "bureau", "accepted")], scores={(S2, E1): 0.9})
    assert problem.requests == () and problem.recommendations == ()


def test_the_built_problem_schedules():
    problem = build_problem(slots=[0, 1, 2], tables=[1, 2], participants=PEOPLE,
                            wishes=[Wish(S1, E1, "bureau", "bureau", "accepted"), Wish(S2, E2, "school", "must", "accepted")])
    result = sch.schedule(problem)
    assert {m.pair for m in result.meetings} >= {("1", "11"), ("2", "12")}
    assert all(m.slot != 0 for m in result.for_participant("1"))
