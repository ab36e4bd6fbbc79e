"""Everything the case page shows, read from the log.  [I/O: reads one sqlite connection]

:func:`case_page` runs on the UI's read-only connection (inside Datasette's
``execute_fn``) and returns plain dicts in local time and words, ready for
the ``eabot_case.html`` template. Message bodies are not read here (see
:mod:`bot.review.message_text`).
"""

from __future__ import annotations

import email
import sqlite3
from datetime import datetime
from email import policy
from email.message import EmailMessage
from typing import Any

from bot.config import Config
from bot.deadlines import business_days_left
from bot.escalation import time_left_text
from bot.review import schedule, words


def rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    cols = [c[0] for c in cur.description or ()]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def find_case(conn: sqlite3.Connection, tag: str) -> dict[str, Any] | None:
    found = rows(conn, "SELECT * FROM cases WHERE tag = ? OR CAST(id AS TEXT) = ?",
                 (tag.strip().upper(), tag.strip()))
    return found[0] if found else None


def clock(case: dict[str, Any], cfg: Config, now: datetime) -> dict[str, str]:
    """The time left in words and its colour class: overdue, today, soon, ok or stopped."""
    if schedule.clock_stopped(case, cfg):
        return {"text": "clock stopped", "css": "stopped"}
    if not case.get("due_at"):
        return {"text": "no deadline", "css": "ok"}
    due = datetime.fromisoformat(case["due_at"])
    text = time_left_text(due, now, cfg.calendar)
    if now >= due:
        return {"text": text, "css": "overdue"}
    left = business_days_left(now, due, cfg.calendar)
    return {"text": text, "css": "today" if left == 0 else "soon" if left <= 2 else "ok"}


def rendered_text(raw: str | None) -> str:
    """The text/plain part of a message eabot sent (its rendered template)."""
    if not raw:
        return ""
    msg = email.message_from_string(raw, policy=policy.default)
    if not isinstance(msg, EmailMessage):
        return raw
    part = msg.get_body(preferencelist=("plain", "html"))
    try:
        return str(part.get_content()) if part is not None else ""
    except (LookupError, KeyError, ValueError):
        return raw


def case_page(conn: sqlite3.Connection, tag: str, cfg: Config, now: datetime) -> dict[str, Any] | None:
    """The facts of one case (tag or number), or None when there is no such case."""
    case = find_case(conn, tag)
    if case is None:
        return None
    tz = cfg.calendar.tz
    cid = case["id"]
    messages = rows(conn, "SELECT * FROM messages WHERE case_id = ? ORDER BY received_at, id", (cid,))
    for m in messages:
        m["received_local"] = words.local(m["received_at"], tz)
        m["category_words"] = words.CATEGORY.get(m["category"], m["category"])
        m["role_words"] = words.ROLE.get(m["requester_role"] or "", "")
        m["reason_list"] = words.reasons_in_words(m["reasons"])
        m["flag_list"] = words.flags(m)
    outbox = rows(conn, "SELECT o.*, t.first_seen AS template_first_seen FROM outbox o LEFT JOIN "
                        "template_versions t ON t.sha256 = o.template_sha256 WHERE o.case_id = ? "
                        "ORDER BY o.id", (cid,))
    for o in outbox:
        o["text"] = rendered_text(o["raw"])
        o["created_local"] = words.local(o["created_at"], tz)
        o["sent_local"] = words.local(o["sent_at"], tz)
        o["version"] = (o["template_sha256"] or "")[:12]
    notices = rows(conn, "SELECT n.*, o.status AS outbox_status, o.recipient FROM notices n "
                         "LEFT JOIN outbox o ON o.id = n.outbox_id WHERE n.case_id = ?", (cid,))
    events = rows(conn, "SELECT * FROM events WHERE case_id = ? OR message_row IN (SELECT id FROM "
                        "messages WHERE case_id = ?) ORDER BY at, id", (cid, cid))
    trail = []
    for e in events:
        what, why = words.event_words(e["kind"], e["detail"], tz)
        trail.append({"when": words.local(e["at"], tz), "who": words.who(e), "what": what,
                      "why": why, "kind": e["kind"], "staff": bool(e.get("actor"))})
    # cases that may be the same patient: the one this case was linked to, and those linked to it
    linked = rows(conn, "SELECT tag FROM cases WHERE id = ? OR linked_case_id = ? ORDER BY id",
                  (case.get("linked_case_id") or 0, cid))
    return {
        "linked_tags": [r["tag"] for r in linked],
        "case": case, "tag": case["tag"], "status_words": words.status_words(case["status"]),
        "role_words": words.ROLE.get(case["requester_role"] or "", case["requester_role"] or ""),
        "flags": words.flags(case), "clock": clock(case, cfg, now),
        "received_local": words.local(case["received_at"], tz),
        "due_local": words.local(case["due_at"], tz),
        "closed_local": words.local(case["closed_at"], tz),
        "responded_local": words.local(case["responded_at"], tz),
        "acknowledged_local": words.local(case["acknowledged_at"], tz),
        "deadline": schedule.deadline_reasoning(case, cfg),
        "schedule": schedule.escalation_schedule(case, notices, cfg, now),
        "messages": messages, "outbox": outbox, "trail": trail,
        "stop_on": cfg.escalation.stop_on,
    }
