"""Pure escalation choice: fire times, exactly once, late start, business hours."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.deadlines import make_calendar
from bot.escalation import CaseClock, Hours, Level, due_firings, parse_at, time_left_text

NY = ZoneInfo("America/New_York")
CAL = make_calendar(timezone="America/New_York", country="US")
HOURS = Hours(time(8, 0), time(18, 0))
TO = ("staff@cellectar.example",)
LEVELS = (
    Level("two-days-left", -2, None, TO, "escalation"),
    Level("one-day-left", -1, None, TO, "escalation"),
    Level("last-day", 0, time(9, 0), TO, "escalation"),
    Level("overdue", None, None, TO, "escalation", repeat_daily=True),
)
# Due Monday 7 Dec 2026 17:00 New York.
DUE = datetime(2026, 12, 7, 17, 0, tzinfo=NY)


def ny(d: int, hh: int, mm: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, d, hh, mm, tzinfo=NY)


def fire(now: datetime, already: frozenset[str] = frozenset(), *, stopped: bool = False,
         emergency: bool = False) -> list[tuple[str, bool]]:
    case = CaseClock(1, DUE.astimezone(UTC), stopped, emergency)
    return [(f.key, f.send) for f in due_firings(case, LEVELS, already, CAL, HOURS, now)]


@pytest.mark.parametrize(("text", "expected"), [
    ("-2d", (-2, None)), ("-1d", (-1, None)), ("0d 09:00", (0, time(9, 0))),
    ("overdue", (None, None)), ("overdue 10:30", (None, time(10, 30))),
])
def test_parse_at(text: str, expected: tuple[int | None, time | None]) -> None:
    assert parse_at(text) == expected


@pytest.mark.parametrize("bad", ["2d", "-2", "tomorrow", "0d 25:00"])
def test_parse_at_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_at(bad)


def test_each_level_in_turn_exactly_once() -> None:
    already: set[str] = set()
    timeline = [
        (ny(2, 12), []),                                   # Wed: nothing yet
        (ny(3, 7, 59), []),                                # Thu before hours: -2d not yet
        (ny(3, 8, 0), [("two-days-left", True)]),          # Thu 08:00: two business days left
        (ny(3, 15), []),                                   # again Thursday: nothing twice
        (ny(4, 8, 30), [("one-day-left", True)]),          # Fri
        (ny(5, 12), []),                                   # Saturday: nothing
        (ny(7, 8, 59), []),                                # Mon before 09:00
        (ny(7, 9, 0), [("last-day", True)]),               # Mon 09:00
        (ny(7, 17, 30), [("overdue#2026-12-07", True)]),   # Mon after the deadline
        (ny(7, 19), []),
        (ny(8, 8, 0), [("overdue#2026-12-08", True)]),     # every business day until it stops
        (ny(8, 12), []),
    ]
    for now, expected in timeline:
        got = fire(now, frozenset(already))
        assert got == expected, now
        already |= {k for k, _ in got}


def test_late_start_sends_only_the_most_severe() -> None:
    # The daemon was down from Wednesday to Monday 10:00.
    got = fire(ny(7, 10))
    assert got == [("two-days-left", False), ("one-day-left", False), ("last-day", True)]
    got = fire(ny(8, 10))  # down until Tuesday: only today's overdue notice
    assert got[-1] == ("overdue#2026-12-08", True)
    assert [send for _, send in got].count(True) == 1


def test_outside_business_hours_waits_except_emergencies() -> None:
    assert fire(ny(3, 22)) == []         # Thursday night: waits for the morning
    assert fire(ny(5, 10)) == []         # Saturday
    assert fire(ny(3, 22), emergency=True) == [("two-days-left", True)]


def test_stopped_case_gets_nothing() -> None:
    assert fire(ny(9, 10), stopped=True) == []


def test_clock_jumping_back_does_not_refire() -> None:
    already = frozenset({"two-days-left", "one-day-left"})
    assert fire(ny(3, 10), already) == []   # back to Thursday after Friday's notice
    assert fire(ny(4, 10), already) == []


def test_time_left_text() -> None:
    assert time_left_text(DUE, ny(3, 10), CAL) == "2 business day(s) left"
    assert time_left_text(DUE, ny(7, 10), CAL).startswith("due today")
    assert time_left_text(DUE, ny(7, 20), CAL) == "OVERDUE by 3 h"
    assert time_left_text(DUE, ny(9, 10), CAL) == "OVERDUE by 2 business day(s)"
