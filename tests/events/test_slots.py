"""Slot derivation: start/end, meeting length, breaks (pure, no app)."""
from datetime import time

import pytest

from matchmaking.events.slots import derive_slots


def _times(slots):
    return [(s.number, s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in slots]


def test_slots_fill_the_session_and_drop_a_partial_last_one():
    slots = derive_slots(time(9, 0), time(10, 10), 20)
    assert _times(slots) == [(0, "09:00", "09:20"), (1, "09:20", "09:40"), (2, "09:40", "10:00")]


def test_a_lunch_break_removes_slots_and_leaves_a_gap_in_the_numbers():
    slots = derive_slots(time(11, 0), time(14, 0), 30, [["12:00", "13:00"]])
    assert _times(slots) == [(0, "11:00", "11:30"), (1, "11:30", "12:00"), (3, "13:00", "13:30"), (4, "13:30", "14:00")]


def test_the_grid_restarts_at_the_end_of_an_unaligned_break():
    slots = derive_slots(time(9, 0), time(11, 0), 30, [["09:45", "10:05"]])
    assert _times(slots) == [(0, "09:00", "09:30"), (2, "10:05", "10:35")]


def test_two_breaks_and_unsorted_input():
    slots = derive_slots(time(9, 0), time(13, 0), 60, [["11:00", "11:30"], ["10:00", "10:15"]])
    # 10:15–11:15 would run into the second break, so the next meeting starts at 11:30.
    assert [s.start.strftime("%H:%M") for s in slots] == ["09:00", "11:30"]
    assert [s.number for s in slots] == [0, 2]


def test_no_slot_when_the_session_is_shorter_than_a_meeting():
    assert derive_slots(time(9, 0), time(9, 10), 20) == []


def test_meeting_length_must_be_positive():
    with pytest.raises(ValueError):
        derive_slots(time(9, 0), time(10, 0), 0)
