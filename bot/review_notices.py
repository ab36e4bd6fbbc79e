"""Queue the one notice about messages past their review deadline.  [I/O: store]

Which messages are due is decided by the pure :mod:`bot.review_clock`. One
notice lists every message due now (a burst is one mail). It is recorded as a
``notices`` row per message (key ``msg:ROW:review_overdue``, unique, all
pointing at the one outbox row) in the same transaction as its outbox row, so
each message is in at most one notice in its life, across restarts, crashes and
clock jumps; sending goes through the normal outbox. The notice carries the
sender, the receipt time and the review reasons, never the text or subject.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from bot.config import Config
from bot.outbox_rows import enqueue, render
from bot.replies import Envelope, TemplateProblem, TemplateSet
from bot.review_clock import WaitingMessage, due_for_notice, review_due, review_reasons, waiting_sql
from bot.store import Store, iso, parse_utc
from bot.triage import fmt_local

log = logging.getLogger(__name__)

KIND = "review_overdue"
LIST_PATH = "/list/messages_to_review"  # the review UI's list of these messages


def notice_key(row: int) -> str:
    return f"msg:{row}:{KIND}"


def review_list_link(cfg: Config) -> str:
    base = cfg.escalation.review_url.rstrip("/")
    return base + LIST_PATH if base else ""


def notice_context(cfg: Config, due: list[WaitingMessage], rows: dict[int, dict[str, Any]],
                   deadlines: dict[int, datetime], total: int) -> dict[str, Any]:
    """The template context: the messages listed (``rows``: their message rows by id)."""
    return {
        "count": len(due), "waiting_total": max(total, len(due)),
        "messages": [{
            "row": m.row, "sender": rows[m.row]["from_addr"] or "",
            "received_local": fmt_local(m.received_at, cfg),
            "due_local": fmt_local(deadlines[m.row], cfg), "emergency": m.emergency,
            "reasons": review_reasons(json.loads(rows[m.row]["reasons"] or "[]"))}
            for m in due],
        "review_link": review_list_link(cfg),
        "cli_command": "eabot log (rows marked review without a case)",
        "company_name": cfg.company_name, "from_name": cfg.from_name,
    }


def queue_review_notice(store: Store, cfg: Config, templates: TemplateSet, now: datetime) -> int:
    """Record and queue the notice for the messages newly past their review deadline;
    returns 1 when one was queued, else 0."""
    esc = cfg.escalation
    if not esc.review_notices or esc.review_message_days is None:
        return 0
    days = esc.review_message_days
    rows = {r["id"]: r for r in store.query(
        f"SELECT m.id, m.received_at, m.from_addr, m.emergency, m.reasons FROM messages m WHERE "
        f"{waiting_sql('m')} AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.key = 'msg:' || "
        f"m.id || ':{KIND}') ORDER BY m.received_at, m.id")}
    waiting = [WaitingMessage(r["id"], received, bool(r["emergency"])) for r in rows.values()
               if (received := parse_utc(r["received_at"])) is not None]
    due = due_for_notice(waiting, days, cfg.calendar, esc.hours, now)
    if not due:
        return 0
    total = (store.one(f"SELECT count(*) AS n FROM messages m WHERE {waiting_sql('m')}")
             or {"n": 0})["n"]
    deadlines = {m.row: review_due(m.received_at, cfg.calendar, days) for m in due}
    context = notice_context(cfg, due, rows, deadlines, int(total))
    to = esc.review_message_to
    envelope = Envelope(from_name=cfg.from_name, from_address=cfg.from_address,
                        to_address=", ".join(to), message_id_domain=cfg.message_id_domain)
    first = due[0].row
    try:
        email, tpl = render(templates, esc.review_message_template, context, envelope, now,
                            "auto-generated")
    except TemplateProblem as exc:
        log.error("cannot render the review notice for message(s) %s: %s",
                  ", ".join(f"m{m.row}" for m in due), exc)
        store.event(now, f"{KIND}_render_failed", {"key": notice_key(first), "error": str(exc)},
                    message_row=first)
        return 0
    with store.transaction():
        keys = [notice_key(m.row) for m in due]
        marks = ", ".join("?" for _ in keys)
        if store.one(f"SELECT 1 AS x FROM notices WHERE key IN ({marks})", tuple(keys)):
            return 0  # another process recorded some of them meanwhile; the next cycle decides
        outbox_id = enqueue(store, email, now, kind=KIND, recipient=", ".join(to), template=tpl,
                            message_row=first if len(due) == 1 else None,
                            dedupe_key=f"notice:{notice_key(first)}")
        for m, key in zip(due, keys, strict=True):
            store.insert("notices", {"key": key, "kind": KIND, "message_row": m.row,
                                     "status": "queued", "fire_at": iso(deadlines[m.row]),
                                     "recorded_at": iso(now), "outbox_id": outbox_id})
            store.event(now, f"{KIND}_queued", {"key": key, "to": list(to), "listed": len(due),
                                                "review_due": iso(deadlines[m.row])},
                        message_row=m.row)
    return 1
