"""Deliver queued outbox rows through the Outbox backend.  [I/O]

States: ``pending`` → ``sending`` (committed before the transport is touched)
→ ``sent`` | ``pending`` again (transient failure, with backoff) | ``failed``
(permanent failure or too many attempts).

A row found in ``sending`` at the start of a flush was interrupted by a crash.
The backend is asked whether it already left (``already_sent``): yes → sent,
no → send again, cannot tell → recorded as sent *unconfirmed* and the case is
marked for review. The same happens when the transport reports an uncertain
outcome (e.g. an SMTP timeout after the final "."). We never resend blindly:
duplicate replies after timeouts are the classic helpdesk failure, and the
clock and escalations still watch a case whose acknowledgement is unconfirmed.

A backend with ``send_raw`` and ``sync`` (:class:`RawOutbox`, e.g. the
Maildir outbox) gets the stored text and Message-ID, and the rows it accepted
are marked sent a batch at a time, after one ``sync`` made them durable (a
crash before that leaves them ``sending``, resolved by ``already_sent`` as
above); one whose ``batch_sync`` is False (SMTP: accepted means the server has
it) gets the stored text too, each row marked as soon as its send returns. The
other backends get the text parsed into a message, each row marked as soon as
its send returns.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import message_from_string
from typing import Any, Protocol, runtime_checkable

from bot.backends.base import (
    Outbox,
    PermanentSendError,
    SendError,
    UncertainSendError,
)
from bot.config import AckSettings
from bot.replies import OUTBOUND_POLICY
from bot.store import Store, iso

log = logging.getLogger(__name__)


@runtime_checkable
class RawOutbox(Protocol):
    """An Outbox that sends a row's stored text as it is (no parse, no re-serialising)
    and, with ``batch_sync``, makes a batch of deliveries durable at once: a message
    given to ``send_raw`` may be lost in a crash until ``sync`` has returned, so
    rows are marked sent only after it. Without (SMTP: accepted means the server
    has it), each row is marked sent as soon as ``send_raw`` returns."""

    batch_sync: bool

    def send_raw(self, raw: str, message_id: str) -> None: ...

    def sync(self) -> None: ...


_BATCH = 100  # rows sent through a RawOutbox before one sync() and their marking


@dataclass
class FlushStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    unconfirmed: int = 0


def flush(store: Store, outbox: Outbox, ack: AckSettings, now: datetime, *,
          stop: threading.Event | None = None, stats: FlushStats | None = None) -> FlushStats:
    """Send what is due; ``stop``, once set, ends the flush before its next row (the rest
    waits for the next flush); counts go into ``stats`` as rows are settled (so they stand
    even if the flush raises)."""
    stats = stats if stats is not None else FlushStats()
    raw_outbox = outbox if isinstance(outbox, RawOutbox) else None
    accepted: list[dict[str, Any]] = []  # sent through raw_outbox, to mark sent once synced
    # Ids first, each row (with its raw message) loaded only when it is sent, so a
    # large backlog of pending mail does not sit in memory at once.
    ids = [int(r["id"]) for r in store.query(
        "SELECT id FROM outbox WHERE status = 'sending' OR (status = 'pending' "
        "AND next_attempt_at <= ?) ORDER BY id", (iso(now),))]
    try:
        for row_id in ids:
            if stop is not None and stop.is_set():
                break
            row = store.one("SELECT * FROM outbox WHERE id = ?", (row_id,))
            if row is None:
                continue
            if row["status"] == "sending":
                known = outbox.already_sent(row["message_id"])
                if known:
                    _finish(store, row, now, "sent", stats, note="found delivered after a restart")
                    continue
                if known is None:
                    _finish(store, row, now, "sent", stats, unconfirmed=True,
                            note="interrupted mid-send; the transport cannot tell whether it left")
                    continue
            with store.transaction():
                store.update("outbox", row["id"], {"status": "sending",
                                                   "attempts": int(row["attempts"]) + 1})
            try:
                if raw_outbox is not None:
                    raw_outbox.send_raw(row["raw"], row["message_id"])
                else:
                    outbox.send(message_from_string(row["raw"], policy=OUTBOUND_POLICY))
            except UncertainSendError as exc:
                known = outbox.already_sent(row["message_id"])
                _finish(store, row, now, "sent", stats, unconfirmed=not known,
                        note=f"uncertain send: {exc}")
            except PermanentSendError as exc:
                _finish(store, row, now, "failed", stats, error=str(exc))
            except SendError as exc:  # transient (and any other send failure): retry
                _retry(store, row, now, exc, ack, stats)
            else:
                if raw_outbox is None or not raw_outbox.batch_sync:
                    _finish(store, row, now, "sent", stats)
                else:
                    accepted.append({k: v for k, v in row.items() if k != "raw"})
                    if len(accepted) >= _BATCH:
                        _settle(store, raw_outbox, accepted, now, ack, stats)
    except BaseException:
        if raw_outbox is not None and accepted:  # else resolved by already_sent next time
            with contextlib.suppress(Exception):
                _settle(store, raw_outbox, accepted, now, ack, stats)
        raise
    if raw_outbox is not None and accepted:
        _settle(store, raw_outbox, accepted, now, ack, stats)
    return stats


def _settle(store: Store, outbox: RawOutbox, accepted: list[dict[str, Any]], now: datetime,
            ack: AckSettings, stats: FlushStats) -> None:
    """Make the accepted deliveries durable, then mark their rows sent (one transaction)."""
    rows = list(accepted)
    accepted.clear()
    try:
        outbox.sync()
    except SendError as exc:  # not known to be durable: send them again later
        for row in rows:
            _retry(store, row, now, exc, ack, stats)
        return
    with store.transaction():
        for row in rows:
            _record(store, row, now, "sent")
    for row in rows:
        _count(stats, row, "sent")


def _retry(store: Store, row: dict[str, Any], now: datetime, exc: SendError, ack: AckSettings,
           stats: FlushStats) -> None:
    attempts = int(row["attempts"]) + 1
    if attempts >= ack.max_attempts:
        _finish(store, row, now, "failed", stats,
                error=f"gave up after {attempts} attempts: {exc}")
        return
    delay = ack.retry_backoff[min(attempts - 1, len(ack.retry_backoff) - 1)]
    with store.transaction():
        store.update("outbox", row["id"], {
            "status": "pending", "last_error": str(exc)[:500],
            "next_attempt_at": iso(now + timedelta(seconds=delay))})
        store.event(now, f"{row['kind']}_retry", {"error": str(exc)[:500], "attempt": attempts,
                                                  "next_in_s": delay},
                    case_id=row["case_id"], message_row=row["message_row"])
    stats.retried += 1


def _finish(store: Store, row: dict[str, Any], now: datetime, status: str, stats: FlushStats,
            *, unconfirmed: bool = False, error: str | None = None, note: str | None = None) -> None:
    with store.transaction():
        _record(store, row, now, status, unconfirmed=unconfirmed, error=error, note=note)
    _count(stats, row, status, unconfirmed=unconfirmed, error=error)


def _record(store: Store, row: dict[str, Any], now: datetime, status: str, *,
            unconfirmed: bool = False, error: str | None = None, note: str | None = None) -> None:
    """The row's final state, its message's ack status, an event, its case (caller's transaction)."""
    kind = str(row["kind"])
    values: dict[str, Any] = {"status": status, "unconfirmed": int(unconfirmed)}
    if status == "sent":
        values["sent_at"] = iso(now)
    if error:
        values["last_error"] = error[:500]
    store.update("outbox", row["id"], values)
    if row["message_row"] and kind == "ack":
        store.update("messages", row["message_row"], {"ack_status": status})
    detail: dict[str, Any] = {"to": row["recipient"], "message_id": row["message_id"]}
    if error:
        detail["error"] = error[:500]
    if note:
        detail["note"] = note
    if unconfirmed:
        detail["unconfirmed"] = True
    store.event(now, f"{kind}_{status}", detail, case_id=row["case_id"],
                message_row=row["message_row"])
    if row["case_id"] and kind == "ack" and status == "sent":
        store.conn.execute("UPDATE cases SET acknowledged_at = COALESCE(acknowledged_at, ?) "
                           "WHERE id = ?", (iso(now), row["case_id"]))
    if row["case_id"] and (unconfirmed or status == "failed"):
        store.update("cases", row["case_id"], {"needs_review": 1})


def _count(stats: FlushStats, row: dict[str, Any], status: str, *, unconfirmed: bool = False,
           error: str | None = None) -> None:
    if status == "sent":
        stats.sent += 1
        stats.unconfirmed += int(unconfirmed)
    else:
        stats.failed += 1
        log.error("outbox row %s to %s failed: %s", row["id"], row["recipient"], error)
