"""The review UI's SQL functions and its read-only database.  [pure functions; sqlite glue]

On every connection Datasette opens to the ``eabot`` database the plugin
(:mod:`bot.review.plugin`) adds these SQL functions (times are the stored UTC ISO 8601 strings; they
return NULL for NULL or unreadable input):

- ``business_days_left(due_at)``: whole business days from today to the due
  date in the company's time zone, skipping weekends, holidays and closures
  (negative when late): the same rule as ``eabot status`` and the notices;
- ``time_left(due_at)``: the wording of the notices ("2 business day(s) left",
  "OVERDUE by 3 h");
- ``local_time(ts)`` / ``local_date(ts)``: a time or date in the company's
  time zone; ``utc_now()``: now, in the stored format;
- ``review_due(received_at)``: the review deadline of a message marked for
  review without a case (``escalation.review_message_within``; NULL when off).

The calendar reaches the plugin through the metadata
(``plugins.eabot.calendar``, the :meth:`BusinessCalendar.describe` dict built
from the configuration), and the review deadline as ``plugins.eabot.review_days``.
Every connection is also set to ``PRAGMA query_only``: together with
:class:`ReadOnlyDatabase` (``mode=ro`` even for Datasette's write
connection) nothing typed into the UI can change the log.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any

from datasette.database import Database  # type: ignore[import-untyped]

from bot.deadlines import BusinessCalendar, business_days_left, make_calendar
from bot.escalation import time_left_text
from bot.review_clock import review_due
from bot.store import parse_utc

PLUGIN_NAME = "eabot"
DATABASE = "eabot"
Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


clock: Clock = _utcnow  # replaced only by tests


class ReadOnlyDatabase(Database):  # type: ignore[misc]
    """A live (mutable, never ``immutable=1``) database whose every connection,
    including the one Datasette would use for writes, is opened ``mode=ro``."""

    def connect(self, write: bool = False) -> sqlite3.Connection:
        conn: sqlite3.Connection = super().connect(write=False)
        conn.execute("PRAGMA query_only = 1")
        return conn


def calendar_from(described: dict[str, Any]) -> BusinessCalendar:
    """Rebuild a calendar from :meth:`BusinessCalendar.describe` output (pure)."""
    return _calendar(json.dumps(described, sort_keys=True))


@lru_cache(maxsize=8)
def _calendar(key: str) -> BusinessCalendar:
    d = json.loads(key)
    return make_calendar(
        timezone=d["timezone"], country=d["country"], subdivision=d.get("subdivision"),
        weekend=frozenset(int(x) for x in d.get("weekend", (5, 6))),
        closures={date.fromisoformat(k): str(v) for k, v in d.get("closures", {}).items()},
        cutoff=time.fromisoformat(d.get("cutoff", "17:00")),
        due_time=time.fromisoformat(d.get("due_time", "17:00")))


def sql_functions(calendar: BusinessCalendar, now: Clock, review_days: int | None = None
                  ) -> dict[str, tuple[int, Callable[..., Any]]]:
    """name -> (number of arguments, function), bound to a calendar, a clock and the
    review deadline of messages marked for review (business days; None: off)."""

    def days_left(due_at: object) -> int | None:
        due = parse_utc(due_at)
        return None if due is None else business_days_left(now(), due, calendar)

    def time_left(due_at: object) -> str | None:
        due = parse_utc(due_at)
        return None if due is None else time_left_text(due, now(), calendar)

    def local_time(ts: object) -> str | None:
        when = parse_utc(ts)
        return None if when is None else when.astimezone(calendar.tz).strftime("%a %Y-%m-%d %H:%M %Z")

    def local_date(ts: object) -> str | None:
        when = parse_utc(ts)
        return None if when is None else when.astimezone(calendar.tz).date().isoformat()

    def utc_now() -> str:
        return now().astimezone(UTC).isoformat(timespec="seconds")

    def message_review_due(received_at: object) -> str | None:
        when = parse_utc(received_at)
        if when is None or review_days is None:
            return None
        return review_due(when, calendar, review_days).isoformat(timespec="seconds")

    return {"business_days_left": (1, days_left), "time_left": (1, time_left),
            "local_time": (1, local_time), "local_date": (1, local_date), "utc_now": (0, utc_now),
            "review_due": (1, message_review_due)}
