"""The review clock of messages marked for review without a case.  [pure: no I/O, ``now`` is a parameter]

Triage may file a message as ``other`` (or machine mail) yet mark it for
review (``needs_review = 1``, no case): the classifier doubted it, and it may
be a real request. Such a message has no acknowledgement deadline, so it gets
a *review deadline* instead: ``escalation.review_message_within`` business
days after its receipt, by the rule cases use (:func:`bot.deadlines.compute_deadline`:
day 0 and the cut-off, the company calendar, ``deadline.due_time``).

A message still waiting after its review deadline is *overdue*. Staff get one
notice listing every message newly overdue (a burst is one notice, not one per
message); each message is in at most one notice in its life. Like escalation
levels, the notice waits for business hours on business days, except for
messages with emergency cues, which go at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.deadlines import BusinessCalendar, compute_deadline
from bot.escalation import Hours

DEFAULT_WITHIN = "1d"
MAX_DAYS = 60
_WITHIN = re.compile(r"^\s*(\d{1,2})\s*d\s*$", re.IGNORECASE)
# The rules whose reasons say why a message was marked for review (triage.review_reason too).
REVIEW_RULES = frozenset({"review", "review-other", "possible-duplicate", "borderline",
                          "machine-but-request", "unread-language"})


def waiting_sql(alias: str = "m") -> str:
    """SQL: the message (``alias``) waits for review: marked for review, no case, and no
    staff correction yet (re-filing it as a request, a follow-up or anything else,
    or checking it as not a request, :func:`bot.casework.dismiss_message`, is what
    handles it). The dashboard, the digest, the notice and ``eabot status``
    all use this."""
    a = f"{alias}." if alias else ""
    return (f"{a}needs_review = 1 AND {a}case_id IS NULL AND {a}direction = 'in' AND "
            f"{a}staff_correction IS NULL")


def parse_within(value: object) -> int | None:
    """``"1d"`` → 1 business day; ``"off"`` → None (no review deadline).
    Raises ValueError with what to write instead."""
    if isinstance(value, str) and value.strip().lower() == "off":
        return None
    m = _WITHIN.match(value) if isinstance(value, str) else None
    if m is None or int(m.group(1)) > MAX_DAYS:
        raise ValueError(f"must be business days after receipt like \"1d\" (0d to {MAX_DAYS}d), "
                         f"or \"off\"; got {value!r}")
    return int(m.group(1))


@dataclass(frozen=True)
class WaitingMessage:
    """What the review clock needs of a message waiting for review."""

    row: int
    received_at: datetime
    emergency: bool = False


def review_due(received_at: datetime, calendar: BusinessCalendar, days: int) -> datetime:
    """The review deadline (UTC) of a message received at ``received_at``."""
    return compute_deadline(received_at, calendar, days).due_at


def is_overdue(received_at: datetime, calendar: BusinessCalendar, days: int | None,
               now: datetime) -> bool:
    return days is not None and review_due(received_at, calendar, days) <= now


def due_for_notice(waiting: Iterable[WaitingMessage], days: int | None,
                   calendar: BusinessCalendar, hours: Hours, now: datetime) -> list[WaitingMessage]:
    """Of the messages waiting for review and in no notice yet, those the notice sent
    now lists: past their review deadline. Outside business hours only messages with
    emergency cues; the others wait (nothing is recorded for them)."""
    if days is None:
        return []
    due = [m for m in waiting if review_due(m.received_at, calendar, days) <= now]
    if hours.contains(now, calendar):
        return due
    return [m for m in due if m.emergency]


def review_reasons(reasons: Sequence[str]) -> list[str]:
    """The stored reasons (``"source:rule: detail"``) that say why the message was
    marked for review; all of them when none does (e.g. an ingest error)."""
    picked = [r for r in reasons if _rule(r) in REVIEW_RULES or r.startswith("error:")]
    return picked or list(reasons)


def _rule(reason: str) -> str:
    head = reason.split(": ", 1)[0]
    return head.split(":", 1)[1] if ":" in head else ""
