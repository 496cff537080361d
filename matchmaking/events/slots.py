"""Time slots of an event, derived from its hours, meeting length and breaks (pure Python)."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta


@dataclass(frozen=True)
class Slot:
    """One meeting slot; numbers are consecutive except across a break (the scheduler's convention)."""

    number: int
    start: time
    end: time


def parse_hhmm(text):
    """'12:00' → time(12, 0); raises ValueError on anything else."""
    hours, minutes = str(text).split(":")
    return time(int(hours), int(minutes))


def derive_slots(start, end, minutes, breaks=()):
    """Slots of `minutes` from `start` to `end`, none overlapping a break.

    After a break the grid restarts at the break's end and the slot number skips
    one, so the scheduler sees the break and does not count the meetings on either
    side as back to back."""
    if minutes <= 0:
        raise ValueError("meeting length must be positive")
    day = date(2000, 1, 1)
    t, stop = datetime.combine(day, start), datetime.combine(day, end)
    spans = sorted((datetime.combine(day, parse_hhmm(a)), datetime.combine(day, parse_hhmm(b))) for a, b in breaks or ())
    length = timedelta(minutes=minutes)
    out, number, gap = [], 0, False
    while t + length <= stop:
        overlapping = [(a, b) for a, b in spans if a < t + length and t < b]
        if overlapping:
            t = max(b for _, b in overlapping)
            gap = True
            continue
        if gap and out:
            number += 1
        gap = False
        out.append(Slot(number, t.time(), (t + length).time()))
        number += 1
        t += length
    return out


def event_slots(event, *, include_removed=False):
    """The event's slots (without the ones the bureau removed, unless asked)."""
    slots = derive_slots(event.start_time, event.end_time, event.meeting_minutes, event.breaks)
    if include_removed:
        return slots
    removed = set(event.removed_slots or [])
    return [s for s in slots if s.number not in removed]


def slot_times(event, number):
    """(start, end) local datetimes of slot `number`, or None when the slot does not exist."""
    for slot in event_slots(event, include_removed=True):
        if slot.number == number:
            return datetime.combine(event.date, slot.start), datetime.combine(event.date, slot.end)
    return None
