"""The one shared end-to-end assertion: every backend decides like the Maildir run."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.backends.maildir import deliver
from bot.cli_demo import delivery_time, load_examples
from bot.config import Config, load_config
from bot.daemon import run_cycle
from bot.store import Store
from tests.conftest import EXAMPLES, write_config


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
