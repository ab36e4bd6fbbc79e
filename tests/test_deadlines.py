"""Deadline arithmetic: business days, holidays, closures, cut-off, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.deadlines import business_days_left, compute_deadline, make_calendar

NY = ZoneInfo("America/New_York")
CAL = make_calendar(timezone="America/New_York", country="US",
                    closures={date(2026, 11, 27): "Day after Thanksgiving",
                              date(2026, 12, 24): "Christmas Eve"},
                    cutoff=time(17, 0), due_time=time(17, 0))


def ny(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=NY)


@pytest.mark.parametrize(("received", "due_day", "why"), [
    (ny(2026, 11, 2), date(2026, 11, 9), "plain Monday: next Monday"),
    (ny(2026, 11, 6, 16, 59), date(2026, 11, 16), "Friday before cut-off; Veterans Day"),
    (ny(2026, 11, 6, 18, 30), date(2026, 11, 17), "Friday evening counts from Monday"),
    (ny(2026, 11, 7), date(2026, 11, 17), "Saturday counts from Monday"),
    (ny(2026, 11, 8, 23, 59), date(2026, 11, 17), "Sunday night"),
    (ny(2026, 11, 5), date(2026, 11, 13), "skips Veterans Day (Wed 11 Nov)"),
    (ny(2026, 11, 23), date(2026, 12, 2), "Thanksgiving and the company closure"),
    (ny(2026, 11, 26), date(2026, 12, 7), "received on Thanksgiving"),
    (ny(2026, 12, 21), date(2026, 12, 30), "Christmas Eve closure and Christmas"),
    (ny(2026, 12, 31, 17, 0), date(2027, 1, 11), "New Year's Eve at cut-off, New Year's Day"),
    (ny(2027, 7, 1), date(2027, 7, 9), "Independence Day observed on Monday 5 July 2027"),
    (ny(2026, 7, 2), date(2026, 7, 10), "observed Friday 3 July 2026"),
])
def test_due_dates(received: datetime, due_day: date, why: str) -> None:
    d = compute_deadline(received, CAL, 5)
    assert d.due_local.date() == due_day, why
    assert d.due_local.time() == time(17, 0)
    assert all(CAL.is_business_day(day) for day in d.counted)
    assert len(d.counted) == 5


def test_dst_spring_forward_and_fall_back() -> None:
    # Received Friday 6 March 2026 (EST, UTC-5); due Friday 13 March (EDT, UTC-4).
    spring = compute_deadline(ny(2026, 3, 6, 9), CAL, 5)
    assert spring.due_at == datetime(2026, 3, 13, 21, 0, tzinfo=UTC)
    # Received Friday 30 Oct 2026 (EDT); due Friday 6 Nov (EST, UTC-5).
    fall = compute_deadline(ny(2026, 10, 30, 9), CAL, 5)
    assert fall.due_at == datetime(2026, 11, 6, 22, 0, tzinfo=UTC)


def test_receipt_time_is_converted_to_company_zone() -> None:
    # 03:00 UTC Tuesday is still Monday evening (after cut-off) in New York.
    d = compute_deadline(datetime(2026, 11, 3, 3, 0, tzinfo=UTC), CAL, 5)
    assert d.received_local.date() == date(2026, 11, 2)
    assert d.day0 == date(2026, 11, 3)
    assert "cut-off" in d.day0_note


def test_skipped_days_are_named() -> None:
    d = compute_deadline(ny(2026, 11, 25), CAL, 5)
    reasons = dict(d.skipped)
    assert "Thanksgiving" in reasons[date(2026, 11, 26)]
    assert "company closure" in reasons[date(2026, 11, 27)]
    assert reasons[date(2026, 11, 28)] == "weekend (Saturday)"


def test_inputs_allow_recomputation() -> None:
    d = compute_deadline(ny(2026, 11, 25, 12), CAL, 5)
    inputs = d.inputs(CAL)
    cal2 = make_calendar(timezone=inputs["calendar"]["timezone"], country=inputs["calendar"]["country"],
                         closures={date.fromisoformat(k): v
                                   for k, v in inputs["calendar"]["closures"].items()},
                         cutoff=time.fromisoformat(inputs["calendar"]["cutoff"]),
                         due_time=time.fromisoformat(inputs["calendar"]["due_time"]))
    again = compute_deadline(datetime.fromisoformat(inputs["received_at"]), cal2,
                             inputs["business_days"])
    assert again.due_at == d.due_at


def test_naive_time_refused() -> None:
    with pytest.raises(ValueError):
        compute_deadline(datetime(2026, 11, 2, 10), CAL, 5)


def test_business_days_left_and_offsets() -> None:
    due = compute_deadline(ny(2026, 11, 2), CAL, 5).due_at
    assert business_days_left(ny(2026, 11, 2), due, CAL) == 5
    assert business_days_left(ny(2026, 11, 9), due, CAL) == 0
    assert business_days_left(ny(2026, 11, 10), due, CAL) == -1
    assert CAL.add_business_days(date(2026, 11, 30), -2) == date(2026, 11, 24)
