"""Which case needs which notice now.  [pure: no I/O, ``now`` is a parameter]

Escalation levels sit at business-day offsets from a case's deadline
(``-2d``, ``-1d``, ``0d 09:00``, ``overdue``). A level is *due* once its fire
time has passed; each fires exactly once per case (the store keeps a unique
key per notice). When several levels are due at once (the daemon was down, or
the clock jumped forward) only the most severe is sent and the others are
recorded as skipped. Notices wait for business hours, except emergencies and
adverse events, which go out at once, any hour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.deadlines import BusinessCalendar

_AT = re.compile(r"^\s*(?:(overdue)|([+-]?\d+)d)(?:\s+(\d{1,2}:\d{2}))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Level:
    name: str
    offset_days: int | None  # None for "overdue"
    at_time: time | None
    recipients: tuple[str, ...]
    template: str
    repeat_daily: bool = False  # "overdue": again every business day until the case stops

    @property
    def overdue(self) -> bool:
        return self.offset_days is None


def parse_at(text: str) -> tuple[int | None, time | None]:
    """``"-2d"`` → (-2, None); ``"0d 09:00"`` → (0, 09:00); ``"overdue"`` → (None, None)."""
    m = _AT.match(text)
    if not m:
        raise ValueError(f"cannot read {text!r}; write e.g. \"-2d\", \"0d 09:00\" or \"overdue\"")
    at_time = time.fromisoformat(m.group(3).zfill(5)) if m.group(3) else None
    if m.group(1):
        return None, at_time
    days = int(m.group(2))
    if days > 0:
        raise ValueError(f"{text!r} is after the deadline; use \"overdue\" for late cases")
    return days, at_time


@dataclass(frozen=True)
class Hours:
    start: time
    end: time

    def contains(self, now: datetime, calendar: BusinessCalendar) -> bool:
        local = now.astimezone(calendar.tz)
        return calendar.is_business_day(local.date()) and self.start <= local.time() < self.end


@dataclass(frozen=True)
class CaseClock:
    """What escalation needs of a case."""

    case_id: int
    due_at: datetime
    stopped: bool  # acknowledged/responded (per stop_on) or closed
    emergency: bool


@dataclass(frozen=True)
class Firing:
    key: str  # unique per case: level name, or "overdue#YYYY-MM-DD"
    level: Level
    fire_at: datetime
    send: bool  # False: recorded as skipped (superseded by a more severe level)


def fire_time(level: Level, due_at: datetime, calendar: BusinessCalendar, hours: Hours,
              on_day: date | None = None) -> datetime:
    tz = calendar.tz
    due_local = due_at.astimezone(tz)
    if level.overdue:
        if on_day is None:
            return due_at
        return datetime.combine(on_day, level.at_time or hours.start, tzinfo=tz)
    day = calendar.add_business_days(due_local.date(), level.offset_days or 0)
    return datetime.combine(day, level.at_time or hours.start, tzinfo=tz)


def due_firings(case: CaseClock, levels: tuple[Level, ...], already: frozenset[str],
                calendar: BusinessCalendar, hours: Hours, now: datetime) -> list[Firing]:
    """The notices of one case to record now: at most one of them is sent."""
    if case.stopped:
        return []
    candidates: list[tuple[datetime, str, Level]] = []
    for level in levels:
        if level.overdue:
            if now <= case.due_at:
                continue
            if level.repeat_daily:
                today = now.astimezone(calendar.tz).date()
                if not calendar.is_business_day(today):
                    continue
                key = f"{level.name}#{today.isoformat()}"
                at = max(case.due_at, fire_time(level, case.due_at, calendar, hours, on_day=today))
            else:
                key, at = level.name, case.due_at
        else:
            key = level.name
            at = fire_time(level, case.due_at, calendar, hours)
        if key in already or at > now:
            continue
        candidates.append((at, key, level))
    if not candidates:
        return []
    candidates.sort(key=lambda c: c[0])
    if not case.emergency and not hours.contains(now, calendar):
        return []  # wait for business hours; nothing is recorded yet
    *older, latest = candidates
    firings = [Firing(key, level, at, False) for at, key, level in older]
    firings.append(Firing(latest[1], latest[2], latest[0], True))
    return firings


def time_left_text(due_at: datetime, now: datetime, calendar: BusinessCalendar) -> str:
    """Human wording for the notices: '2 business days left', 'overdue by 3 h'."""
    from bot.deadlines import business_days_left

    if now >= due_at:
        late = now - due_at
        if late < timedelta(days=1):
            return f"OVERDUE by {int(late.total_seconds() // 3600)} h"
        return f"OVERDUE by {-business_days_left(now, due_at, calendar)} business day(s)"
    left = business_days_left(now, due_at, calendar)
    if left == 0:
        hours_left = (due_at - now).total_seconds() / 3600
        return f"due today, in {hours_left:.0f} h"
    return f"{left} business day(s) left"
