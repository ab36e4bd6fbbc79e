"""The shared end-to-end assertions: every backend decides like the Maildir run.  [does I/O]"""

from __future__ import annotations

import email
from collections.abc import Callable
from datetime import datetime, timedelta
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, Protocol

from bot.backends.base import Mailbox, Outbox
from bot.backends.maildir import deliver
from bot.cli.demo import delivery_time, load_examples
from bot.config import Config, load_config
from bot.daemon import run_cycle
from bot.store import Store
from tests.conftest import EXAMPLES, write_config
from tests.helpers import NOW, Inbox


def outcome(cfg: Config) -> dict[str, tuple[Any, ...]]:
    """What the log decided per Message-ID (the same for every backend)."""
    store = Store(cfg.store_path, readonly=True)
    try:
        rows = store.query("SELECT m.message_id, m.received_at, m.category, m.requester_role, "
                           "m.emergency, m.adverse_event, m.needs_review, m.ack_status, "
                           "c.tag, c.due_at FROM messages m LEFT JOIN cases c ON c.id = m.case_id")
    finally:
        store.close()
    return {r["message_id"]: tuple(r.values())[1:] for r in rows}


def maildir_outcome(tmp: Path, now: datetime,
                    shift: timedelta = timedelta(0)) -> dict[str, tuple[Any, ...]]:
    (tmp / "maildir-run").mkdir()
    cfg = load_config(write_config(tmp / "maildir-run"))
    if shift:
        for f in sorted(EXAMPLES.glob("*.eml")):
            raw = f.read_bytes()
            deliver(cfg.base_dir / cfg.mailbox["path"], raw, (delivery_time(raw) or now) - shift)
    else:
        load_examples(EXAMPLES, cfg.base_dir / cfg.mailbox["path"])
    assert run_cycle(cfg, clock=lambda: now).ok
    return outcome(cfg)


def assert_same_as_maildir(cfg: Config, tmp: Path, now: datetime,
                           shift: timedelta = timedelta(0)) -> None:
    """Same classifications, cases, deadlines and acknowledgements as Maildir.

    ``shift`` moves every receipt time back (IMAP servers refuse future
    INTERNALDATEs, and the sample mail runs to the end of November 2026)."""
    got, expected = outcome(cfg), maildir_outcome(tmp, now, shift)
    assert len(got) == len(list(EXAMPLES.glob("*.eml")))
    diff = {k: (got.get(k), expected.get(k)) for k in set(got) | set(expected)
            if got.get(k) != expected.get(k)}
    assert not diff, diff


class Server(Inbox, Protocol):
    """A fake Exchange server: mail is delivered to it; ``sent`` holds the MIME it was handed."""

    sent: list[bytes]


def assert_examples_like_maildir(tmp: Path, name: str, server: Server, mailbox: Mailbox,
                                 outbox: Outbox, lose_read_position: Callable[[], object]) -> None:
    """The example mail, delivered to ``server`` and read and answered through
    ``mailbox``/``outbox``, is decided as in the Maildir run; after
    ``lose_read_position`` (the server forgets every sync state or delta
    link) everything comes again, the store recognises it and nothing is
    sent twice."""
    files = sorted(EXAMPLES.glob("*.eml"))
    for f in files:
        raw = f.read_bytes()
        server.deliver(raw, received=delivery_time(raw))
    (tmp / name).mkdir()
    cfg = load_config(write_config(tmp / name))
    report = run_cycle(cfg, clock=lambda: NOW, mailbox=mailbox, outbox=outbox)
    assert report.ok, report.errors
    assert report.logged == len(files) and report.unexplained == 0
    assert_same_as_maildir(cfg, tmp, NOW)
    acks = [email.message_from_bytes(r, policy=default_policy) for r in server.sent]
    assert acks and all(a["Auto-Submitted"] == "auto-replied" for a in acks)
    lose_read_position()
    again = run_cycle(cfg, clock=lambda: NOW + timedelta(minutes=5), mailbox=mailbox, outbox=outbox)
    assert again.ok and again.logged == 0 and again.known + again.duplicates == len(files)
    assert len(server.sent) == len(acks)
