"""Named queries over the store (reads and small writes).  [I/O: SQLite]"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.campaign import similar
from bot.classify.rules import Rules
from bot.model import Inbound, ThreadContext
from bot.store import Store, iso


def known_backend_key(store: Store, key: str) -> bool:
    return store.one("SELECT 1 AS x FROM messages WHERE backend_key = ?", (key,)) is not None


def known_alias(store: Store, key: str) -> bool:
    return store.one("SELECT 1 AS x FROM aliases WHERE backend_key = ?", (key,)) is not None


def count_keys(store: Store, prefix: str) -> int:
    """How many inbound keys with this prefix the store knows (messages and aliases).

    A range over the UNIQUE index (``prefix <= key < prefix-with-last-char+1``)
    rather than a LIKE that would scan every row.
    """
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else "\U0010ffff"
    row = store.one("SELECT (SELECT count(*) FROM messages WHERE backend_key >= ? AND "
                    "backend_key < ?) + (SELECT count(*) FROM aliases WHERE backend_key >= ? AND "
                    "backend_key < ?) AS n", (prefix, upper, prefix, upper))
    return int(row["n"]) if row else 0


def duplicate_of(store: Store, msg: Inbound) -> int | None:
    """The row of a message already logged under another key (same Message-ID,
    or the same raw bytes when there is no Message-ID)."""
    if msg.message_id:
        row = store.one("SELECT id FROM messages WHERE message_id = ? LIMIT 1", (msg.message_id,))
    else:
        row = store.one("SELECT id FROM messages WHERE raw_sha256 = ? LIMIT 1", (msg.raw_sha256,))
    return None if row is None else int(row["id"])


def thread_context(store: Store, msg: Inbound, rules: Rules) -> ThreadContext:
    """What threading needs: which referenced ids and tags belong to which case."""
    refs = list(dict.fromkeys((*msg.in_reply_to, *msg.references)))[:60]
    by_id: dict[str, str] = {}
    if refs:
        marks = ",".join("?" for _ in refs)
        for row in store.query(
            f"SELECT m.message_id AS mid, c.tag AS tag FROM messages m JOIN cases c "
            f"ON c.id = m.case_id WHERE m.message_id IN ({marks}) "
            f"UNION SELECT o.message_id, c.tag FROM outbox o JOIN cases c ON c.id = o.case_id "
            f"WHERE o.message_id IN ({marks})", (*refs, *refs)):
            by_id[str(row["mid"])] = str(row["tag"])
    tags = {m.group(1) for m in rules.case_tag_re.finditer(f"{msg.subject}\n{msg.body_text[:5000]}")}
    known: set[str] = set()
    if tags:
        marks = ",".join("?" for _ in tags)
        known = {str(r["tag"]) for r in store.query(
            f"SELECT tag FROM cases WHERE tag IN ({marks})", tuple(tags))}
    open_tags: tuple[str, ...] = ()
    if msg.from_addr:
        open_tags = tuple(str(r["tag"]) for r in store.query(
            "SELECT tag FROM cases WHERE requester_addr = ? AND status != 'closed' "
            "ORDER BY opened_at DESC LIMIT 5", (msg.from_addr,)))
    return ThreadContext(by_id, frozenset(known), open_tags)


def acks_to_sender_since(store: Store, sender: str, since: datetime) -> int:
    row = store.one("SELECT count(*) AS n FROM outbox WHERE kind = 'ack' AND recipient = ? "
                    "AND created_at >= ?", (sender, iso(since)))
    return int(row["n"]) if row else 0


def campaign_match(store: Store, fingerprint: str | None, sender: str, now: datetime,
                   window_days: int, threshold: int) -> tuple[int | None, list[int]]:
    """(case id the copy should join, ids of cases with similar letters).

    A campaign exists when, with this one, ``threshold`` similar request
    letters from distinct senders arrived within the window.
    """
    if fingerprint is None or threshold < 2:
        return None, []
    rows = store.query(
        "SELECT simhash, from_addr, case_id, received_at FROM messages WHERE category = "
        "'ea_request' AND simhash IS NOT NULL AND logged_at >= ? ORDER BY id",
        (iso(now - timedelta(days=window_days)),))
    matches = [r for r in rows if similar(fingerprint, r["simhash"]) and r["case_id"]]
    senders = {r["from_addr"] for r in matches} | {sender}
    if len(senders) < threshold:
        return None, []
    case_ids = list(dict.fromkeys(int(r["case_id"]) for r in matches))
    campaign_cases = [c for c in case_ids if store.one(
        "SELECT 1 AS x FROM cases WHERE id = ? AND campaign IS NOT NULL", (c,))]
    return (campaign_cases[0] if campaign_cases else case_ids[0]), case_ids


def sender_acked_in_case(store: Store, sender: str, case_id: int) -> bool:
    return store.one("SELECT 1 AS x FROM outbox WHERE case_id = ? AND recipient = ? AND kind = "
                     "'ack'", (case_id, sender)) is not None


def next_case_tag(store: Store, prefix: str, year: int) -> str:
    row = store.one("SELECT tag FROM cases WHERE tag LIKE ? ORDER BY id DESC LIMIT 1",
                    (f"{prefix}-{year}-%",))
    n = int(str(row["tag"]).rsplit("-", 1)[1]) + 1 if row else 1
    return f"{prefix}-{year}-{n:04d}"


def case_by_tag(store: Store, tag_or_id: str) -> dict[str, Any] | None:
    if tag_or_id.isdigit():
        return store.one("SELECT * FROM cases WHERE id = ?", (int(tag_or_id),))
    return store.one("SELECT * FROM cases WHERE tag = ?", (tag_or_id.strip("[]").upper(),))
