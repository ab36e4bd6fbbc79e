"""Messages waiting for review without a case: "checked, not a request".  [I/O: writes the store]

Triage may file a message as ``other`` (or as machine mail) yet mark it for
review without opening a case: it doubted it. Such a message waits in the
review queue (:func:`bot.review_clock.waiting_sql`) until staff handle it.
Opening it as a request is a reclassification (``eabot cases reclassify mROW
ea_request``); this module records the other answer, "I read it, it is not a
request". Like a reclassification it never rewrites history: the bot's
verdict stays in ``classified_as`` (and the message keeps its category and its
``needs_review`` flag, what the bot asked for), ``staff_correction`` records
the check and the reason, and a ``review_dismissed`` event names the staff
member. A staff correction is what takes a message off the queue: the
dashboard, the list, the digest, the overdue notice and ``eabot status``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import queries
from bot.casework.checks import actor_or_refuse, local, text_or_refuse
from bot.casework.errors import ActionRefused
from bot.config import Config
from bot.store import Store

CHECKED = "checked: not a request"


def is_message_row(ident: str) -> bool:
    """``m42`` names a message row; anything else a case (tag or number)."""
    ident = ident.strip()
    return ident[:1] in ("m", "M") and ident[1:].isdigit()


def waiting_or_refuse(store: Store, cfg: Config, ident: str) -> dict[str, Any]:
    """The message row ``mN`` if it waits for review; else why not, in words."""
    row = None
    if is_message_row(ident):
        row = store.one("SELECT * FROM messages WHERE id = ?", (int(ident.strip()[1:]),))
    elif ident.strip() and (case := queries.case_by_tag(store, ident.strip())) is not None:
        raise ActionRefused(f"{case['tag']} is a case, not a message waiting for review; "
                            f"confirm, dismiss or reclassify the case itself")
    if row is None:
        raise ActionRefused(f"there is no message {ident.strip()!r}; give a message row like m42 "
                            "(the review UI's messages to review, `eabot log`)")
    name = f"m{row['id']}"
    if row["case_id"] is not None:
        tag = (store.one("SELECT tag FROM cases WHERE id = ?", (row["case_id"],)) or {}).get("tag")
        raise ActionRefused(f"{name} belongs to case {tag}; act on the case instead "
                            f"(eabot cases confirm|dismiss|reclassify {tag}, or its page)")
    if row["staff_correction"] is not None:
        raise ActionRefused(f"{name} was already handled{_by_whom(store, cfg, row['id'])} "
                            f"({row['category']}: {row['staff_correction']}); it no longer waits "
                            "for review")
    if not row["needs_review"] or row["direction"] != "in":
        raise ActionRefused(f"{name} is not marked for review; to re-file it, reclassify it")
    return row


def _by_whom(store: Store, cfg: Config, row: int) -> str:
    last = store.one("SELECT actor, at FROM events WHERE message_row = ? AND actor IS NOT NULL "
                     "AND actor != '' ORDER BY id DESC LIMIT 1", (row,))
    return f" by {last['actor']} on {local(last['at'], cfg)}" if last else ""


def dismiss_message(store: Store, cfg: Config, ident: str, *, actor: str, now: datetime,
                    reason: str = "") -> str:
    """Staff read message ``ident`` (``mN``, waiting for review) and it is not a request:
    record the check; the message leaves the review queue and keeps its category."""
    who = actor_or_refuse(actor)
    why = text_or_refuse(reason, "reason") if reason.strip() else ""
    row = waiting_or_refuse(store, cfg, ident)
    correction = f"{CHECKED}: {why}" if why else CHECKED
    with store.transaction():
        changed = store.conn.execute(
            "UPDATE messages SET staff_correction = ?, classified_as = ? WHERE id = ? AND "
            "staff_correction IS NULL AND case_id IS NULL",
            (correction, row["classified_as"] or row["category"], row["id"])).rowcount
        if not changed:  # another staff member acted in between
            raise ActionRefused(f"m{row['id']} was changed by someone else meanwhile; "
                                 "look at it again")
        store.event(now, "review_dismissed", {"reason": why, "checked": "not a request",
                                              "category": row["category"]},
                    message_row=row["id"], actor=who)
    said = f": {why}" if why else ""
    return (f"m{row['id']}: checked by {who}: not a request{said}; it stays {row['category']} "
            "and leaves the review queue")
