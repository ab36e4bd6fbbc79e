"""The review queue of messages: filed as other but marked for review, no case.  [SQL + one sqlite connection]

The dashboard's "Messages to review" tile counts them (and how many are past
their review deadline, :mod:`bot.review_clock`); ``/list/messages_to_review``
lists them, the overdue ones first and red, as overdue cases are, then by
receipt. A message leaves the queue when staff handle it: open it as a
request (``eabot cases reclassify mROW ea_request``: its case and clock start)
or check it as not a request (``eabot cases dismiss mROW``); the list's forms
do either (:mod:`bot.review.message_actions`).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from bot.config import Config
from bot.escalation import time_left_text
from bot.review import words
from bot.review_clock import review_due, review_reasons, waiting_sql
from bot.store import parse_utc

TITLE = "Messages to review"
PATH = "/list/messages_to_review"
DESCRIPTION = ("Filed as other, but with some request evidence: no case, no acknowledgement "
               "clock. Each has a review deadline. Open a request as one (its case and clock "
               "start; eabot cases reclassify mROW ea_request) or mark it checked, not a "
               "request (eabot cases dismiss mROW); either takes it off this list.")
COLUMNS = (("row", "Message"), ("flags", "Flags"), ("clock", "Review"),
           ("due_local", "Review by (local time)"), ("sender", "Sender"), ("subject", "Subject"),
           ("received_local", "Received (local time)"), ("why", "Why marked for review"))


def _waiting(conn: sqlite3.Connection, columns: str) -> list[dict[str, Any]]:
    cur = conn.execute(f"SELECT {columns} FROM messages m WHERE {waiting_sql('m')} "
                       "ORDER BY m.received_at, m.id")
    cols = [c[0] for c in cur.description or ()]
    return [dict(zip(cols, values, strict=True)) for values in cur.fetchall()]


def _due(row: dict[str, Any], cfg: Config) -> datetime | None:
    received = parse_utc(row["received_at"])
    days = cfg.escalation.review_message_days
    return None if received is None or days is None else review_due(received, cfg.calendar, days)


def counts(conn: sqlite3.Connection, cfg: Config, now: datetime) -> dict[str, int]:
    """``waiting``: messages in the queue; ``overdue``: those past their review deadline."""
    rows = _waiting(conn, "m.received_at")
    late = sum(1 for r in rows if (due := _due(r, cfg)) is not None and due <= now)
    return {"waiting": len(rows), "overdue": late}


def clock(due: datetime | None, cfg: Config, now: datetime) -> dict[str, str]:
    """The review time left in words and its colour class (as a case's clock)."""
    if due is None:
        return {"text": "no review deadline", "css": "ok"}
    text = time_left_text(due, now, cfg.calendar)
    if now >= due:
        return {"text": text, "css": "overdue"}
    same_day = now.astimezone(cfg.calendar.tz).date() == due.astimezone(cfg.calendar.tz).date()
    return {"text": text, "css": "today" if same_day else "ok"}


def rows(conn: sqlite3.Connection, cfg: Config, now: datetime) -> list[dict[str, Any]]:
    """The queue, those past their review deadline first, then by receipt (oldest first)."""
    tz = cfg.calendar.tz
    out = []
    for m in _waiting(conn, "m.id, m.received_at, m.from_name, m.from_addr, m.subject, "
                            "m.emergency, m.adverse_event, m.needs_review, m.reasons"):
        due = _due(m, cfg)
        name = m["from_name"] or ""
        try:
            reasons = [str(r) for r in json.loads(m["reasons"] or "[]")]
        except ValueError:
            reasons = []
        out.append({
            "row": m["id"], "flags": words.flags(m), "clock": clock(due, cfg, now),
            "overdue": due is not None and due <= now,
            "due_local": due.astimezone(tz).strftime("%a %Y-%m-%d %H:%M %Z") if due else "",
            "sender": f"{name} <{m['from_addr']}>" if name else m["from_addr"] or "",
            "subject": m["subject"] or "", "received_local": words.local(m["received_at"], tz),
            "why": [words.reason_words(r)[1] for r in review_reasons(reasons)],
        })
    return sorted(out, key=lambda r: not r["overdue"])
