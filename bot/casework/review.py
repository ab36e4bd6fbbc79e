"""The staff side of review: confirm a case under review, or dismiss it.  [I/O: writes the store]

Triage may put a case under review (``cases.needs_review = 1``) and hold its
acknowledgement (an outbox row with ``status = 'held'``) until a human looks.
Confirming clears the flag and releases the held acknowledgement (``pending``,
due now). Dismissing ("not a request") re-files the case's first message as
``other``, which closes the case with the reason and cancels its unsent
acknowledgements.
"""

from __future__ import annotations

from datetime import datetime

from bot.casework.checks import (
    actor_or_refuse,
    case_or_refuse,
    goes_out_text,
    text_or_refuse,
)
from bot.casework.errors import ActionRefused
from bot.casework.lifecycle import cancel_acks
from bot.casework.reclassify import apply
from bot.config import Config
from bot.model import CaseStatus, Category
from bot.replies import TemplateSet
from bot.store import Store, iso


def confirm_review(store: Store, cfg: Config, tag: str, *, actor: str, now: datetime,
                   note: str = "") -> str:
    """The case is what the bot thought: clear the flag, send what was held."""
    who = actor_or_refuse(actor)
    case = case_or_refuse(store, tag)
    if not case["needs_review"]:
        raise ActionRefused(f"{case['tag']} is not under review; nothing to confirm")
    closed = case["status"] == CaseStatus.CLOSED
    with store.transaction():
        store.update("cases", case["id"], {"needs_review": 0})
        if closed:
            released = 0
            cancelled = cancel_acks(store, case["id"], ("held",),
                                    f"cancelled: review confirmed by {who} on a closed case")
        else:
            released = store.conn.execute(
                "UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE case_id = ? "
                "AND kind = 'ack' AND status = 'held'", (iso(now), case["id"])).rowcount
            store.conn.execute("UPDATE messages SET ack_status = 'pending' WHERE id IN (SELECT "
                               "message_row FROM outbox WHERE case_id = ? AND kind = 'ack' AND "
                               "status = 'pending')", (case["id"],))
            cancelled = 0
        store.event(now, "review_confirmed", {"note": note.strip(), "released_acks": released,
                                              "cancelled_acks": cancelled},
                    case_id=case["id"], actor=who)
    if released:
        return (f"{case['tag']}: review confirmed by {who}; the held acknowledgement is released, "
                f"{goes_out_text(cfg)}")
    if cancelled:
        return (f"{case['tag']}: review confirmed by {who}; the case is closed, so its held "
                "acknowledgement was cancelled")
    return f"{case['tag']}: review confirmed by {who}"


def dismiss_review(store: Store, cfg: Config, tag: str, *, actor: str, reason: str,
                   now: datetime) -> str:
    """Not a request: close the case with the reason, cancel its acknowledgements,
    re-file its first message as ``other``."""
    who = actor_or_refuse(actor)
    why = text_or_refuse(reason, "reason")
    case = case_or_refuse(store, tag)
    if not case["needs_review"]:
        raise ActionRefused(f"{case['tag']} is not under review; to re-file it, reclassify it")
    first = store.one("SELECT id, category FROM messages WHERE case_id = ? ORDER BY id LIMIT 1",
                      (case["id"],))
    if first is None or first["category"] == "other":
        with store.transaction():
            cancelled = cancel_acks(store, case["id"], ("pending", "held"),
                                    f"cancelled: review dismissed by {who}")
            values: dict[str, object] = {"needs_review": 0}
            if case["status"] != CaseStatus.CLOSED:
                values.update(status=CaseStatus.CLOSED.value, closed_at=iso(now),
                              close_reason=f"not a request: {why}")
            store.update("cases", case["id"], values)
            store.event(now, "review_dismissed", {"reason": why, "cancelled_acks": cancelled},
                        case_id=case["id"], actor=who)
        return f"{case['tag']}: review dismissed by {who}: not a request; closed"
    row = store.one("SELECT * FROM messages WHERE id = ?", (first["id"],)) or {}
    with store.transaction():  # one change: the re-filing, the close and the dismissal
        summary = apply(store, cfg, TemplateSet({}), row, who=who, target=Category.OTHER,
                        reason=f"not a request: {why}", now=now)
        store.event(now, "review_dismissed", {"reason": why}, case_id=case["id"], actor=who)
    return f"{case['tag']}: review dismissed by {who}: not a request; {summary}"
