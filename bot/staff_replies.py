"""Record human replies seen in the Sent folder.  [I/O: store]

A message in Sent is a *staff reply* to a case when its In-Reply-To or
References point at a message of the case (or at our acknowledgement), or
its subject carries the case tag, and it is not one the bot sent itself (its
Message-ID is not in the outbox and it has no ``X-EABot-Case`` header). The
first one sets ``cases.responded_at``; the escalation policy can stop the
clock on it.
"""

from __future__ import annotations

from datetime import datetime

from bot import queries
from bot.backends.base import RawMessage
from bot.classify.thread import find_case
from bot.config import Config
from bot.model import ThreadContext
from bot.parsing import parse
from bot.store import Store, iso


def record_sent_message(store: Store, cfg: Config, raw: RawMessage, now: datetime) -> str | None:
    """Returns the case tag a new staff reply was recorded on, else None."""
    if store.one("SELECT 1 AS x FROM staff_replies WHERE backend_key = ?", (raw.backend_key,)):
        return None
    msg = parse(raw.raw)
    ours = msg.header("x-eabot-case") is not None or (
        msg.message_id is not None and store.one(
            "SELECT 1 AS x FROM outbox WHERE message_id = ?", (msg.message_id,)) is not None)
    ctx = queries.thread_context(store, msg, cfg.rules, other_patient=False)
    ctx = ThreadContext(ctx.case_by_message_id, ctx.known_case_tags, ())  # no same-sender rule
    tag, _reason = find_case(msg, msg.subject, ctx, cfg.rules)
    case = queries.case_by_tag(store, tag) if tag and not ours else None
    with store.transaction():
        store.insert("staff_replies", {
            "backend_key": raw.backend_key, "message_id": msg.message_id,
            "case_id": case["id"] if case else None, "from_addr": msg.from_addr,
            "sent_at": iso(raw.received_at), "logged_at": iso(now)})
        if case is None:
            return None
        first = case["responded_at"] is None
        if first:
            store.conn.execute(
                "UPDATE cases SET responded_at = ?, status = CASE WHEN status = 'open' THEN "
                "'answered' ELSE status END WHERE id = ?",
                (iso(raw.received_at), case["id"]))
        store.event(now, "staff_reply", {"from": msg.from_addr, "message_id": msg.message_id,
                                         "first": first, "sent_at": iso(raw.received_at)},
                    case_id=case["id"])
    return str(case["tag"])
