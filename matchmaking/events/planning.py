"""Building the scheduler's Problem from an event. `build_problem` is pure (plain data in);
`problem_for` loads the data of one event from the database."""
from dataclasses import dataclass

from .. import scheduler as sch

TIER_OF_PRIORITY = {"must": sch.Tier.MUST, "want": sch.Tier.WANT, "nice": sch.Tier.NICE}
#: Recommended filler pairs below this score are not worth a table.
FILLER_MIN_SCORE = 0.15
FILLER_LIMIT = 500


@dataclass(frozen=True)
class Wish:
    """A meeting request as plain data."""

    school_id: int
    enterprise_id: int
    requested_by: str  # school, enterprise or bureau
    priority: str  # must, want, nice or bureau
    status: str  # pending, accepted or declined


def _clamp(score):
    return min(1.0, max(0.0, float(score or 0.0)))


def merge_wishes(wishes):
    """{(school, enterprise): tier}: bureau or both sides asking → mutual; otherwise an accepted
    one-sided request at its priority. Pending and declined one-sided requests are left out."""
    by_pair = {}
    for wish in wishes:
        by_pair.setdefault((wish.school_id, wish.enterprise_id), []).append(wish)
    tiers = {}
    for pair, rows in by_pair.items():
        sides = {w.requested_by for w in rows if w.status != "declined"}
        if "bureau" in sides or {"school", "enterprise"} <= sides:
            tiers[pair] = sch.Tier.MUTUAL
            continue
        accepted = [TIER_OF_PRIORITY[w.priority] for w in rows if w.status == "accepted" and w.priority in TIER_OF_PRIORITY]
        if accepted:
            tiers[pair] = min(accepted)
    return tiers


def build_problem(*, slots, tables, participants, wishes=(), scores=None, filler_min=FILLER_MIN_SCORE,
                  filler_limit=FILLER_LIMIT):
    """A scheduler Problem. `participants` are (organisation id, side, unavailable slot numbers);
    `scores` maps (school id, enterprise id) to the best suggestion score between them."""
    scores = scores or {}
    present = {org_id for org_id, _, _ in participants}
    people = tuple(sch.Participant(str(org_id), side, frozenset(unavailable)) for org_id, side, unavailable in
                   sorted(participants))
    tiers = {pair: tier for pair, tier in merge_wishes(wishes).items() if set(pair) <= present}
    requests = tuple(sch.MeetingRequest(str(s), str(e), tier=int(tier), weight=_clamp(scores.get((s, e))))
                     for (s, e), tier in sorted(tiers.items()))
    schools = {org_id for org_id, side, _ in participants if side == sch.SCHOOL}
    enterprises = present - schools
    fillers = sorted(((score, pair) for pair, score in scores.items()
                      if pair not in tiers and pair[0] in schools and pair[1] in enterprises and score >= filler_min),
                     key=lambda item: (-item[0], item[1]))[:filler_limit]
    recommendations = tuple(sch.Recommendation(str(s), str(e), _clamp(score)) for score, (s, e) in fillers)
    return sch.Problem(slots=tuple(slots), tables=tuple(str(t) for t in tables), participants=people,
                       requests=requests, recommendations=recommendations)


def problem_for(event):
    """The event's Problem as it is now: approved registrants, open slots, tables, wishes, scores."""
    from . import queries, wishes
    from .slots import event_slots

    approved = queries.registrations(event, status="approved")
    participants = [(r.organisation_id, r.side, r.unavailable_slots or []) for r in approved]
    schools = [r.organisation_id for r in approved if r.side == "school"]
    enterprises = [r.organisation_id for r in approved if r.side == "enterprise"]
    scores = {pair: value[0] for pair, value in queries.pair_scores(schools, enterprises).items()}
    rows = [Wish(r.school_id, r.enterprise_id, r.requested_by, r.priority, r.status) for r in wishes.all_of(event)]
    # Meetings already marked held or no-show happened: they stay wanted, so rescheduling keeps them in place.
    rows += [Wish(m.school_id, m.enterprise_id, "bureau", "bureau", "accepted") for m in event.meetings
             if m.status in ("held", "no_show")]
    return build_problem(slots=[s.number for s in event_slots(event)], tables=range(1, event.tables + 1),
                         participants=participants, wishes=rows, scores=scores)
