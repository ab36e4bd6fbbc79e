"""Reports over the log: export for audits, the message table, health.  [I/O: reads the store]"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import click

from bot.cli.common import config_option, load, parse_when, read_store
from bot.store import iso
from bot.tables import EXPORT_FIELDS, MESSAGES_SQL, export_row, log_text


@click.command(epilog="Example: eabot export --what cases --since 2026-11-01 --until 2026-12-01 "
               "--format csv > cases.csv")
@config_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--what", type=click.Choice(["messages", "cases", "events"]), default="messages",
              show_default=True, help="Logged messages (stable fields), cases, or the event trail.")
@click.option("--since", default=None, help="From this date/time (ISO 8601, inclusive).")
@click.option("--until", default=None, help="Before this date/time (ISO 8601, exclusive).")
def export(fmt: str, what: str, since: str | None, until: str | None) -> None:
    """Export for audits: every logged message (stable field names), every case
    with its deadline inputs and corrections, or the append-only event trail;
    optionally for a date range (messages by receipt, cases by opening, events
    by time), as JSON lines or CSV. Case status is open (nobody answered yet),
    answered (a human answer is recorded) or closed; actions carry their actor."""
    cfg = load()
    bounds = [_bound(since, cfg, "--since"), _bound(until, cfg, "--until")]
    column = {"messages": "m.received_at", "cases": "c.received_at", "events": "e.at"}[what]
    where = " WHERE 1=1" + (f" AND {column} >= ?" if bounds[0] else "") + \
        (f" AND {column} < ?" if bounds[1] else "")
    params = tuple(b for b in bounds if b)
    store = read_store(cfg)
    if what == "messages":
        rows = [export_row(r) for r in store.query(
            MESSAGES_SQL + where + " ORDER BY m.received_at, m.id", params)]
        fields = list(EXPORT_FIELDS)
    elif what == "cases":
        rows = store.query("SELECT c.*, (SELECT group_concat(o.status) FROM outbox o WHERE "
                           "o.case_id = c.id AND o.kind = 'ack') AS ack_status FROM cases c"
                           + where + " ORDER BY c.id", params)
        fields = list(rows[0]) if rows else ["tag"]
    else:
        rows = store.query("SELECT e.*, c.tag AS case_tag FROM events e LEFT JOIN cases c ON "
                           "c.id = e.case_id" + where + " ORDER BY e.id", params)
        fields = list(rows[0]) if rows else ["id"]
    store.close()
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                         for k, v in row.items()})
    click.echo(buf.getvalue(), nl=False)


def _bound(text: str | None, cfg: Any, option: str) -> str | None:
    return iso(parse_when(text, cfg.calendar.tz, option)) if text else None


@click.command("log", epilog="Example: eabot log --last 20")
@config_option
@click.option("--last", type=int, default=0, help="Only the N most recently received.")
def log_table(last: int) -> None:
    """Print a table of logged messages: what the bot did with each."""
    store = read_store()
    rows = store.query(MESSAGES_SQL + " ORDER BY m.received_at, m.id")
    store.close()
    if last:
        rows = rows[-last:]
    click.echo(log_text(rows))



@click.command(epilog="Example: eabot status -c /etc/eabot/config.toml || alert-someone")
@config_option
def status() -> None:
    """Health: last successful poll, last error, sends, open cases by time left,
    messages marked for review without a case (and how many are past their review
    deadline; informational, not part of the exit code).

    Exit code 0 healthy; 1 the bot is unhealthy (polling stale or failing);
    2 the bot works but people must act (failed sends, overdue cases).
    """
    from datetime import UTC, datetime

    from bot.health import assess, gather

    cfg = load()
    store = read_store(cfg)
    health = assess(gather(store), cfg, datetime.now(UTC))
    store.close()
    for line in health.lines:
        click.echo(line)
    raise SystemExit(health.code)
