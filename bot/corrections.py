"""Staff corrections of a classification (``eabot cases reclassify``).  [I/O: store]

A correction never rewrites history: the bot's own verdict stays in
``classified_as``, the message's ``category`` becomes the staff's, the reason
goes to ``staff_correction`` and an event records who changed what. Effects:

* a case's request re-filed as ``other``/``auto_reply``: the case is closed
  (no more escalations) and an unsent acknowledgement is cancelled;
* a message re-filed as ``ea_request``: a case is opened with the deadline
  from the message's receipt time, and acknowledged (unless told not to);
* re-filed as ``ea_followup``: the message joins the case given with ``into``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot import queries
from bot.backends.base import RawMessage
from bot.config import Config
from bot.decide import Decision
from bot.model import AckStatus, Category, Classification, Inbound, Reason, Role
from bot.replies import TemplateSet
from bot.store import Store, iso
from bot.triage import open_case, queue_ack


class CorrectionError(Exception):
    """The correction cannot be applied; the message says why."""


def find_message(store: Store, ident: str) -> dict[str, Any]:
    """``m42`` → message row 42; a case tag or number → the case's first message."""
    if ident.lower().startswith("m") and ident[1:].isdigit():
        row = store.one("SELECT * FROM messages WHERE id = ?", (int(ident[1:]),))
    else:
        case = queries.case_by_tag(store, ident)
        row = store.one("SELECT * FROM messages WHERE case_id = ? ORDER BY id LIMIT 1",
                        (case["id"],)) if case else None
    if row is None:
        raise CorrectionError(f"no case or message {ident!r}; use a case tag (EA-2026-0001) or "
                              "a message row like m42 (shown by `eabot log`)")
    return row


def reclassify(store: Store, cfg: Config, templates: TemplateSet, ident: str, category: str,
               reason: str, now: datetime, *, role: str | None = None, into: str | None = None,
               send_ack: bool = True) -> str:
    """Apply a correction; returns a one-line summary."""
    row = find_message(store, ident)
    target = Category(category)
    if not reason.strip():
        raise CorrectionError("a reason is required (--reason)")
    with store.transaction():
        store.update("messages", row["id"], {
            "classified_as": row["classified_as"] or row["category"], "category": target.value,
            "staff_correction": reason,
            "requester_role": (role or row["requester_role"] or "other")
            if target is Category.EA_REQUEST else None})
        store.event(now, "reclassified", {"from": row["category"], "to": target.value,
                                          "reason": reason, "role": role},
                    case_id=row["case_id"], message_row=row["id"])
        if target in (Category.OTHER, Category.AUTO_REPLY):
            return _drop_case(store, row, target, reason, now)
        if target is Category.EA_FOLLOWUP:
            return _move(store, row, into, now)
        if row["case_id"] is not None:
            if role:
                store.update("cases", row["case_id"], {"requester_role": role})
            return f"message {row['id']} is now ea_request (its case is unchanged)"
        return _open(store, cfg, templates, row, role, reason, now, send_ack)


def _drop_case(store: Store, row: dict[str, Any], target: Category, reason: str,
               now: datetime) -> str:
    if row["case_id"] is None:
        return f"message {row['id']} is now {target.value}"
    case = store.one("SELECT * FROM cases WHERE id = ?", (row["case_id"],)) or {}
    store.update("cases", row["case_id"], {"status": "closed", "closed_at": iso(now),
                                           "close_reason": f"reclassified as {target.value}: "
                                                           f"{reason}"})
    cancelled = store.conn.execute(
        "UPDATE outbox SET status = 'cancelled', last_error = 'cancelled: reclassified by staff' "
        "WHERE case_id = ? AND kind = 'ack' AND status = 'pending'", (row["case_id"],)).rowcount
    if cancelled:
        store.update("messages", row["id"], {"ack_status": AckStatus.SUPPRESSED.value})
    store.event(now, "closed", {"reason": f"reclassified as {target.value}", "cancelled_acks":
                                cancelled}, case_id=row["case_id"])
    return f"{case.get('tag')} closed: its request is now {target.value}"


def _move(store: Store, row: dict[str, Any], into: str | None, now: datetime) -> str:
    case = queries.case_by_tag(store, into or "")
    if case is None:
        raise CorrectionError("ea_followup needs --into CASE (the case it belongs to)")
    store.update("messages", row["id"], {"case_id": case["id"]})
    store.event(now, "attached", {"why": "reclassified by staff", "from_case": row["case_id"]},
                case_id=case["id"], message_row=row["id"])
    return f"message {row['id']} now follows up {case['tag']}"


def _open(store: Store, cfg: Config, templates: TemplateSet, row: dict[str, Any],
          role: str | None, reason: str, now: datetime, send_ack: bool) -> str:
    received = datetime.fromisoformat(row["received_at"])
    raw = RawMessage(row["backend_key"], b"", received, row["mailbox"])
    msg = Inbound(message_id=row["message_id"], from_addr=row["from_addr"],
                  from_name=row["from_name"] or "", to_addrs=(), subject=row["subject"] or "",
                  date_header="", in_reply_to=tuple((row["in_reply_to"] or "").split()),
                  references=tuple(json.loads(row["refs"] or "[]")), headers=(),
                  content_type="text/plain", body_text="", raw_sha256=row["raw_sha256"],
                  raw_size=row["raw_size"])
    the_role = Role(role or row["requester_role"] or "other")
    cls = Classification(Category.EA_REQUEST, the_role, bool(row["emergency"]),
                         bool(row["adverse_event"]), False, None,
                         (Reason("staff", "reclassified", reason),))
    case_id, tag = open_case(store, cfg, raw, msg, cls, now, row["id"])
    store.update("messages", row["id"], {"case_id": case_id})
    template = cfg.ack.templates.get(the_role.value)
    if send_ack and template and "@" in msg.from_addr:
        decision = Decision(True, None, AckStatus.PENDING, template, "staff reclassification")
        queue_ack(store, cfg, templates, msg, cls, decision, raw, case_id, tag, row["id"], now)
        store.update("messages", row["id"], {"ack_status": AckStatus.PENDING.value})
    else:
        store.update("messages", row["id"], {"ack_status": AckStatus.SUPPRESSED.value})
    store.event(now, "case_opened_by_staff", {"reason": reason}, case_id=case_id,
                message_row=row["id"])
    due = (store.one("SELECT due_at FROM cases WHERE id = ?", (case_id,)) or {}).get("due_at")
    return f"{tag} opened, due {due}; acknowledgement {'queued' if send_ack else 'not sent'}"
