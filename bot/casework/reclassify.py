"""Staff corrections of a classification.  [I/O: writes the store]

A correction never rewrites history: the bot's own verdict stays in
``classified_as``, the message's ``category`` becomes the staff's, the reason
goes to ``staff_correction`` and an event records who changed what. Effects:

* a case's request re-filed as ``other``/``auto_reply``: the case is closed
  (no more escalations) and its unsent (pending or held) acknowledgement is
  cancelled;
* a message re-filed as ``ea_request``: a case is opened with the deadline
  from the message's receipt time, and acknowledged (unless told not to);
* re-filed as ``ea_followup``: the message joins the case given with ``into``;
* the flags (emergency, adverse event) and the role can be set with any of these.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot import queries
from bot.backends.base import RawMessage
from bot.casework.checks import actor_or_refuse, goes_out_text, local, text_or_refuse
from bot.casework.errors import ActionRefused
from bot.casework.lifecycle import cancel_acks
from bot.config import Config
from bot.decide import Decision
from bot.model import AckStatus, CaseStatus, Category, Classification, Inbound, Reason, Role
from bot.replies import TemplateSet
from bot.store import Store, iso
from bot.triage import open_case, queue_ack


def find_message(store: Store, ident: str) -> dict[str, Any]:
    """``m42`` → message row 42; a case tag or number → the case's first message."""
    ident = ident.strip()
    if ident.lower().startswith("m") and ident[1:].isdigit():
        row = store.one("SELECT * FROM messages WHERE id = ?", (int(ident[1:]),))
    else:
        case = queries.case_by_tag(store, ident) if ident else None
        row = store.one("SELECT * FROM messages WHERE case_id = ? ORDER BY id LIMIT 1",
                        (case["id"],)) if case else None
    if row is None:
        raise ActionRefused(f"there is no case or message {ident!r}; use a case tag "
                            "(EA-2026-0001) or a message row like m42 (shown by `eabot log`)")
    return row


def _parse(category: str, role: str | None) -> tuple[Category, Role | None]:
    try:
        target = Category(category)
    except ValueError:
        raise ActionRefused(f"{category!r} is not a category; use one of "
                            f"{', '.join(c.value for c in Category)}") from None
    try:
        the_role = Role(role) if role else None
    except ValueError:
        raise ActionRefused(f"{role!r} is not a requester role; use one of "
                            f"{', '.join(r.value for r in Role)}") from None
    if the_role is not None and target is not Category.EA_REQUEST:
        raise ActionRefused("a requester role only goes with ea_request")
    return target, the_role


def reclassify(store: Store, cfg: Config, templates: TemplateSet, ident: str, *, actor: str,
               category: str, reason: str, now: datetime, role: str | None = None,
               into: str | None = None, emergency: bool | None = None,
               adverse_event: bool | None = None, send_ack: bool = True) -> str:
    """Apply a correction; returns a one-line summary."""
    who = actor_or_refuse(actor)
    why = text_or_refuse(reason, "reason")
    target, _role = _parse(category, role)
    if into and target is not Category.EA_FOLLOWUP:
        raise ActionRefused("--into (the case a message follows up) only goes with ea_followup")
    row = find_message(store, ident)
    with store.transaction():
        return apply(store, cfg, templates, row, who=who, target=target, reason=why, now=now,
                     role=role, into=into, emergency=emergency, adverse_event=adverse_event,
                     send_ack=send_ack)


def apply(store: Store, cfg: Config, templates: TemplateSet, row: dict[str, Any], *, who: str,
          target: Category, reason: str, now: datetime, role: str | None = None,
          into: str | None = None, emergency: bool | None = None,
          adverse_event: bool | None = None, send_ack: bool = True) -> str:
    """The correction of message ``row``, inside the caller's transaction."""
    flags = {k: int(v) for k, v in (("emergency", emergency), ("adverse_event", adverse_event))
             if v is not None and int(v) != row[k]}
    same_role = role is None or role == row["requester_role"]
    if target.value == row["category"] and same_role and not flags and not into:
        raise ActionRefused(f"message m{row['id']} is already {target.value}; nothing to change")
    store.update("messages", row["id"], {
        "classified_as": row["classified_as"] or row["category"], "category": target.value,
        "staff_correction": reason, **flags,
        "requester_role": (role or row["requester_role"] or "other")
        if target is Category.EA_REQUEST else None})
    if row["case_id"] is not None and flags:
        store.update("cases", row["case_id"], flags)
    store.event(now, "reclassified", {"from": row["category"], "to": target.value,
                                      "reason": reason, "role": role, **flags},
                case_id=row["case_id"], message_row=row["id"], actor=who)
    if target in (Category.OTHER, Category.AUTO_REPLY):
        return _drop_case(store, row, target, reason, who, now)
    if target is Category.EA_FOLLOWUP:
        return _move(store, row, into, who, now)
    if row["case_id"] is not None:
        if role:
            store.update("cases", row["case_id"], {"requester_role": role})
        case = store.one("SELECT * FROM cases WHERE id = ?", (row["case_id"],)) or {}
        if case.get("status") == CaseStatus.CLOSED and row["category"] != Category.EA_REQUEST:
            # undoing a dismissal ("not a request"): the request's case runs again
            store.update("cases", row["case_id"], {"status": CaseStatus.OPEN.value,
                                                   "closed_at": None, "close_reason": None})
            store.event(now, "reopened", {"reason": f"re-filed as ea_request: {reason}"},
                        case_id=row["case_id"], actor=who)
            return (f"message m{row['id']} is now ea_request; {case.get('tag')} reopened, its "
                    "clock runs (an acknowledgement it never sent: confirm or answer it)")
        return f"message m{row['id']} is now ea_request (its case is unchanged)"
    return _open(store, cfg, templates, row, role, reason, who, now, send_ack)


def _drop_case(store: Store, row: dict[str, Any], target: Category, reason: str, who: str,
               now: datetime) -> str:
    if row["case_id"] is None:
        return f"message m{row['id']} is now {target.value}"
    case = store.one("SELECT * FROM cases WHERE id = ?", (row["case_id"],)) or {}
    cancelled = cancel_acks(store, row["case_id"], ("pending", "held"),
                            f"cancelled: reclassified by {who}")
    store.update("cases", row["case_id"], {"needs_review": 0})
    if case.get("status") == CaseStatus.CLOSED:
        return f"{case.get('tag')} (already closed): its request is now {target.value}"
    store.update("cases", row["case_id"], {
        "status": CaseStatus.CLOSED.value, "closed_at": iso(now),
        "close_reason": f"reclassified as {target.value}: {reason}"})
    store.event(now, "closed", {"reason": f"reclassified as {target.value}: {reason}",
                                "cancelled_acks": cancelled}, case_id=row["case_id"], actor=who)
    extra = f"; {cancelled} unsent acknowledgement(s) cancelled" if cancelled else ""
    return f"{case.get('tag')} closed: its request is now {target.value}{extra}"


def _move(store: Store, row: dict[str, Any], into: str | None, who: str, now: datetime) -> str:
    case = queries.case_by_tag(store, into) if into and into.strip() else None
    if case is None:
        raise ActionRefused("ea_followup needs the case the message belongs to (--into CASE)"
                            if not into else f"there is no case {into!r} to attach it to")
    if case["id"] == row["case_id"]:
        raise ActionRefused(f"message m{row['id']} already belongs to {case['tag']}")
    store.update("messages", row["id"], {"case_id": case["id"]})
    store.event(now, "attached", {"why": "reclassified by staff", "from_case": row["case_id"]},
                case_id=case["id"], message_row=row["id"], actor=who)
    return f"message m{row['id']} now follows up {case['tag']}"


def _open(store: Store, cfg: Config, templates: TemplateSet, row: dict[str, Any],
          role: str | None, reason: str, who: str, now: datetime, send_ack: bool) -> str:
    received = datetime.fromisoformat(row["received_at"])
    raw = RawMessage(row["backend_key"], b"", received, row["mailbox"])
    msg = Inbound(message_id=row["message_id"], from_addr=row["from_addr"],
                  from_name=row["from_name"] or "", to_addrs=(), subject=row["subject"] or "",
                  date_header="", in_reply_to=tuple((row["in_reply_to"] or "").split()),
                  references=tuple(json.loads(row["refs"] or "[]")), headers=(),
                  content_type="text/plain", body_text="", raw_sha256=row["raw_sha256"],
                  raw_size=row["raw_size"])
    the_role = Role(role or row["requester_role"] or "other")
    current = store.one("SELECT emergency, adverse_event FROM messages WHERE id = ?",
                        (row["id"],)) or row
    cls = Classification(Category.EA_REQUEST, the_role, bool(current["emergency"]),
                         bool(current["adverse_event"]), False, None,
                         (Reason("staff", "reclassified", reason),))
    case_id, tag = open_case(store, cfg, raw, msg, cls, now, row["id"])
    store.update("messages", row["id"], {"case_id": case_id})
    template = cfg.ack.templates.get(the_role.value)
    ack = "no acknowledgement sent (as asked)"
    if send_ack and not template:
        ack = f"no acknowledgement: none is configured for the role {the_role.value}"
    elif send_ack and "@" not in msg.from_addr:
        ack = "no acknowledgement: the sender has no usable address"
    if send_ack and template and "@" in msg.from_addr:
        decision = Decision(True, None, AckStatus.PENDING, template, "staff reclassification")
        store.update("messages", row["id"], {"ack_status": AckStatus.PENDING.value})
        queue_ack(store, cfg, templates, msg, cls, decision, raw, case_id, tag, row["id"], now)
        queued = store.one("SELECT 1 AS x FROM outbox WHERE case_id = ? AND kind = 'ack' AND "
                           "status = 'pending'", (case_id,)) is not None
        ack = (f"acknowledgement to {msg.from_addr} queued; {goes_out_text(cfg)}" if queued
               else "the acknowledgement could not be rendered; see `eabot cases show`")
    else:
        store.update("messages", row["id"], {"ack_status": AckStatus.SUPPRESSED.value})
    store.event(now, "case_opened_by_staff", {"reason": reason}, case_id=case_id,
                message_row=row["id"], actor=who)
    due = (store.one("SELECT due_at FROM cases WHERE id = ?", (case_id,)) or {}).get("due_at")
    return f"{tag} opened, due {local(due, cfg) if due else '-'}; {ack}"
