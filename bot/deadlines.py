"""Business-day arithmetic for the acknowledgement clock.  [pure: no I/O]

The rule (also printed by ``eabot deadline``):

1. Convert the server's receipt time to the company's time zone.
2. Day 0 is the receipt day if it is a business day and the receipt is before
   the cut-off time; otherwise day 0 is the next business day.
3. The deadline is the N-th business day after day 0, at the due time
   (local), converted back to UTC.

A business day is a day that is not a weekend day, not a national/regional
holiday of the configured ``holidays`` calendar (observed days included), and
not a company closure day from the configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

RULE_TEXT = (
    "day 0 = the receipt day if it is a business day and the receipt is before the "
    "cut-off, else the next business day; due = the N-th business day after day 0 "
    "at the due time (company time zone)"
)

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class BusinessCalendar:
    """A resolved business calendar; build it with :func:`make_calendar`."""

    timezone: str
    country: str
    subdivision: str | None
    weekend: frozenset[int]  # 0 = Monday ... 6 = Sunday
    closures: Mapping[date, str]
    cutoff: time
    due_time: time
    _holidays: Any = field(repr=False, compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def non_business_reason(self, day: date) -> str | None:
        """Why ``day`` is not a business day, or None when it is one."""
        if day.weekday() in self.weekend:
            return f"weekend ({WEEKDAY_NAMES[day.weekday()]})"
        if day in self.closures:
            return f"company closure ({self.closures[day]})"
        name = self._holidays.get(day)
        if name:
            return f"holiday ({name})"
        return None

    def is_business_day(self, day: date) -> bool:
        return self.non_business_reason(day) is None

    def next_business_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def add_business_days(self, day: date, n: int) -> date:
        """Move ``n`` business days from ``day`` (negative moves back)."""
        step = timedelta(days=1 if n >= 0 else -1)
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_business_day(day):
                remaining -= 1
        return day

    def describe(self) -> dict[str, Any]:
        """The calendar's inputs, for storing next to a deadline."""
        return {
            "timezone": self.timezone,
            "country": self.country,
            "subdivision": self.subdivision,
            "weekend": sorted(self.weekend),
            "closures": {d.isoformat(): n for d, n in sorted(self.closures.items())},
            "cutoff": self.cutoff.strftime("%H:%M"),
            "due_time": self.due_time.strftime("%H:%M"),
            "holidays_version": getattr(holidays, "__version__", "unknown"),
        }


def make_calendar(
    *,
    timezone: str,
    country: str,
    subdivision: str | None = None,
    weekend: frozenset[int] = frozenset({5, 6}),
    closures: Mapping[date, str] | None = None,
    cutoff: time = time(17, 0),
    due_time: time = time(17, 0),
) -> BusinessCalendar:
    """Resolve a calendar; raises ValueError/KeyError on an unknown zone/country."""
    ZoneInfo(timezone)  # raises on an unknown zone
    hol = holidays.country_holidays(country, subdiv=subdivision)
    return BusinessCalendar(
        timezone=timezone,
        country=country,
        subdivision=subdivision,
        weekend=weekend,
        closures=dict(closures or {}),
        cutoff=cutoff,
        due_time=due_time,
        _holidays=hol,
    )


@dataclass(frozen=True)
class Deadline:
    received_at: datetime  # UTC
    received_local: datetime
    day0: date
    due_at: datetime  # UTC
    due_local: datetime
    business_days: int
    counted: tuple[date, ...]
    skipped: tuple[tuple[date, str], ...]
    day0_note: str

    def inputs(self, calendar: BusinessCalendar) -> dict[str, Any]:
        """Everything an auditor needs to recompute the deadline."""
        return {
            "received_at": self.received_at.isoformat(),
            "business_days": self.business_days,
            "rule": RULE_TEXT,
            "calendar": calendar.describe(),
            "day0": self.day0.isoformat(),
            "skipped": [[d.isoformat(), why] for d, why in self.skipped],
        }


def compute_deadline(received_at: datetime, calendar: BusinessCalendar, days: int) -> Deadline:
    """The acknowledgement deadline for a receipt time (see the module rule)."""
    if received_at.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    tz = calendar.tz
    local = received_at.astimezone(tz)
    skipped: list[tuple[date, str]] = []
    day = local.date()
    reason = calendar.non_business_reason(day)
    if reason is not None:
        note = f"received on a non-business day: {reason}"
        skipped.append((day, reason))
        day = _next_collecting(calendar, day, skipped)
    elif local.time() >= calendar.cutoff:
        note = f"received after the {calendar.cutoff.strftime('%H:%M')} cut-off"
        day = _next_collecting(calendar, day, skipped)
    else:
        note = "received on a business day before the cut-off"
    day0 = day
    counted: list[date] = []
    while len(counted) < days:
        day = _next_collecting(calendar, day, skipped)
        counted.append(day)
    due_local = datetime.combine(day, calendar.due_time, tzinfo=tz)
    return Deadline(
        received_at=received_at.astimezone(UTC),
        received_local=local,
        day0=day0,
        due_at=due_local.astimezone(UTC),
        due_local=due_local,
        business_days=days,
        counted=tuple(counted),
        skipped=tuple(skipped),
        day0_note=note,
    )


def _next_collecting(calendar: BusinessCalendar, day: date, skipped: list[tuple[date, str]]) -> date:
    day += timedelta(days=1)
    while (why := calendar.non_business_reason(day)) is not None:
        skipped.append((day, why))
        day += timedelta(days=1)
    return day


def business_days_left(now: datetime, due_at: datetime, calendar: BusinessCalendar) -> int:
    """Whole business days from ``now``'s local date to the due date (negative when late)."""
    today = now.astimezone(calendar.tz).date()
    due_day = due_at.astimezone(calendar.tz).date()
    if today == due_day:
        return 0
    sign = 1 if due_day > today else -1
    count = 0
    day = today
    step = timedelta(days=sign)
    while day != due_day:
        day += step
        if calendar.is_business_day(day):
            count += sign
    return count
