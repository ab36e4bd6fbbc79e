"""``eabot demo``: load the sample mail into the demo Maildir and run a cycle.  [I/O]"""

from __future__ import annotations

import email
import hashlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import click

from bot.backends.maildir import deliver
from bot.cli.common import config_option, given_config, load


def delivery_time(raw: bytes) -> datetime | None:
    """The time in the top Received header (what an MTA stamped on delivery)."""
    msg = email.message_from_bytes(raw)
    received = msg.get("Received")
    if not received:
        return None
    try:
        return parsedate_to_datetime(str(received).rsplit(";", 1)[-1].strip()).astimezone(UTC)
    except (TypeError, ValueError, IndexError):
        return None


def load_examples(examples: Path, maildir: Path) -> int:
    """Deliver each example not yet in ``maildir``; returns how many were new."""
    present = {p.name for sub in ("new", "cur") if (maildir / sub).is_dir()
               for p in (maildir / sub).iterdir()}
    added = 0
    for file in sorted(examples.glob("*.eml")):
        raw = file.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()[:16]
        if any(f".M{digest}P" in name for name in present):
            continue
        deliver(maildir, raw, delivery_time(raw))
        added += 1
    return added


@click.command(epilog="Example: eabot demo -c config.example.toml")
@config_option
@click.option("--examples", default="examples/mail", show_default=True,
              type=click.Path(file_okay=False, exists=True), help="Directory of .eml files.")
def demo(examples: str) -> None:
    """Copy the sample mail into the demo Maildir, run one cycle, print what happened.

    Uses config.example.toml unless -c names another configuration (one with a
    maildir mailbox). Running it again delivers nothing new and logs nothing twice.
    """
    from bot.daemon import run_cycle
    from bot.store import Store
    from bot.tables import MESSAGES_SQL, log_text

    config_path = given_config(env=False) or "config.example.toml"
    cfg = load(config_path, check_templates=True)
    if cfg.mailbox.get("backend") != "maildir":
        raise click.ClickException("the demo needs mailbox.backend = \"maildir\"")
    maildir = cfg.base_dir / cfg.mailbox["path"]
    added = load_examples(Path(examples), maildir)
    from bot.lock import AlreadyRunning, InstanceLock

    try:
        with InstanceLock(cfg.store_path):
            report = run_cycle(cfg)
    except AlreadyRunning as exc:
        raise click.ClickException(str(exc)) from None
    store = Store(cfg.store_path, readonly=True)
    rows = store.query(MESSAGES_SQL + " ORDER BY m.received_at, m.id")
    store.close()
    click.echo(log_text(rows))
    click.echo(f"\ndelivered {added} new sample message(s) into {maildir}")
    click.echo(f"this cycle: logged {report.logged} new, {report.known} already known; "
               f"sent {report.sent} message(s) (acknowledgements and staff notices), "
               f"{report.failed} failed")
    click.echo(f"SQLite log: {cfg.store_path}")
    click.echo(f"sent mail (Maildir outbox): {cfg.base_dir / cfg.outbox['path']}")
    click.echo("next: eabot cases -c " + config_path + "; eabot cases show EA-2026-0001 -c "
               + config_path)
    if not report.ok:
        raise click.ClickException("the cycle failed: " + "; ".join(report.errors))
