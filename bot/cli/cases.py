"""``eabot cases`` and ``eabot cases show``: the case list and one case.  [I/O: reads the store]"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import click

from bot import queries
from bot.cli.common import (
    CATEGORIES,
    ROLES,
    config_option,
    load,
    now,
    parse_when,
    read_store,
)
from bot.config import Config
from bot.escalation import time_left_text
from bot.notices import stopped
from bot.store import Store, iso
from bot.tables import category_text, flags_text, table

STATUSES = ["open", "answered", "closed", "all"]
# Emergencies, then cases under review, then by deadline; closed cases last.
URGENT_FIRST = ("c.status = 'closed', c.emergency DESC, c.needs_review DESC, "
                "c.due_at IS NULL, c.due_at")


def local(value: str | None, cfg: Config) -> str:
    if not value:
        return "-"
    return datetime.fromisoformat(value).astimezone(cfg.calendar.tz).strftime("%a %m-%d %H:%M")


def clock_text(case: dict[str, Any], cfg: Config, at: datetime) -> str:
    if case["status"] == "closed":
        return "closed"
    if stopped(case, cfg):
        return "stopped"
    if not case["due_at"]:
        return "no deadline"
    return time_left_text(datetime.fromisoformat(case["due_at"]), at, cfg.calendar)


@click.group(invoke_without_command=True,
             epilog="Examples: eabot cases --status open --emergency; eabot cases show EA-2026-0001")
@config_option
@click.option("--status", type=click.Choice(STATUSES), default="all", show_default=True,
              help="open: nobody answered yet, the clock runs; answered: a human answer is "
                   "recorded; closed.")
@click.option("--category", type=click.Choice(CATEGORIES), default=None,
              help="Only cases with a message of this (effective) category.")
@click.option("--role", type=click.Choice(ROLES), default=None,
              help="Only cases of this requester role.")
@click.option("--sender", default=None, help="Only cases of this requester address.")
@click.option("--owner", default=None, help="Only cases owned by this person.")
@click.option("--due-before", default=None, help="Only cases due before this time (ISO 8601).")
@click.option("--emergency", is_flag=True, help="Only emergency cases.")
@click.option("--adverse-event", is_flag=True, help="Only cases carrying an adverse event.")
@click.option("--review", is_flag=True, help="Only cases under review.")
@click.pass_context
def cases(ctx: click.Context, status: str, category: str | None, role: str | None,
          sender: str | None, owner: str | None, due_before: str | None, emergency: bool,
          adverse_event: bool, review: bool) -> None:
    """List cases, most urgent first: emergencies, then cases under review, then
    by deadline (times in the company's time zone). Subcommands act on one case."""
    if ctx.invoked_subcommand is not None:
        return
    cfg = load()
    where, params = ["1=1"], []
    for flag, column in ((emergency, "emergency"), (adverse_event, "adverse_event"),
                         (review, "needs_review")):
        if flag:
            where.append(f"c.{column} = 1")
    for value, column in ((status if status != "all" else None, "status"), (role, "requester_role"),
                          (sender.strip().lower() if sender else None, "requester_addr"),
                          (owner, "owner")):
        if value:
            where.append(f"c.{column} = ?")
            params.append(value)
    if due_before:
        where.append("c.due_at < ?")
        params.append(iso(parse_when(due_before, cfg.calendar.tz, "--due-before")))
    if category:
        where.append("EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id AND m.category = ?)")
        params.append(category)
    store = read_store(cfg)
    rows = store.query(
        "SELECT c.*, (SELECT group_concat(o.status) FROM outbox o WHERE o.case_id = c.id AND "
        "o.kind = 'ack') AS ack, (SELECT count(*) FROM messages m WHERE m.case_id = c.id) AS n "
        f"FROM cases c WHERE {' AND '.join(where)} ORDER BY {URGENT_FIRST}", tuple(params))
    store.close()
    if not rows:
        click.echo("no cases match")
        return
    at = now()
    click.echo(table([[r["tag"], r["status"], flags_text(r), clock_text(r, cfg, at),
                       local(r["due_at"], cfg), r["owner"] or "-", r["requester_role"],
                       r["requester_addr"], r["ack"] or "-", r["n"], r["subject"]] for r in rows],
                     ["case", "status", "flags", "clock", f"due ({cfg.calendar.tz})", "owner",
                      "role", "requester", "ack", "msgs", "subject"]))


def case_or_fail(store: Store, tag: str) -> dict[str, Any]:
    case = queries.case_by_tag(store, tag)
    if case is None:
        raise click.ClickException(f"no case {tag!r}; list them with `eabot cases`")
    return case


@cases.command(epilog="Example: eabot cases show EA-2026-0001 -c config.toml")
@click.argument("case_id")
@config_option
def show(case_id: str) -> None:
    """Show one case (tag or number): its messages, outgoing mail and trail."""
    cfg = load()
    store = read_store(cfg)
    case = case_or_fail(store, case_id)
    click.echo(f"{'case:':<17}{case['tag']}")
    click.echo(f"{'status:':<17}{case['status']} (clock {clock_text(case, cfg, now())})")
    for key in ("owner", "requester_addr", "requester_name", "requester_role", "subject"):
        click.echo(f"{key + ':':<17}{case[key] if case[key] is not None else '-'}")
    for key in ("received_at", "due_at", "acknowledged_at", "responded_at", "closed_at"):
        click.echo(f"{key + ':':<17}{local(case[key], cfg)}")
    if case["close_reason"]:
        click.echo(f"{'close reason:':<17}{case['close_reason']}")
    click.echo(f"{'flags:':<17}{flags_text(case) or '-'}"
               + (" campaign" if case["campaign"] else ""))
    inputs = json.loads(case["deadline_inputs"] or "{}")
    if inputs:
        click.echo(f"{'deadline rule:':<17}{inputs.get('business_days')} business days, "
                   f"{inputs.get('calendar', {}).get('timezone')}, day 0 {inputs.get('day0')}")
    _messages(store, case, cfg)
    events = store.query("SELECT * FROM events WHERE case_id = ? OR message_row IN "
                         "(SELECT id FROM messages WHERE case_id = ?) ORDER BY id",
                         (case["id"], case["id"]))
    click.echo("\ntrail:")
    for e in events:
        detail = json.loads(e["detail"] or "{}")
        detail.pop("reasons", None)
        who = e["actor"] or "eabot"
        click.echo(f"  {local(e['at'], cfg)}  {who:<12} {e['kind']:<15} "
                   f"{json.dumps(detail, ensure_ascii=False)[:150]}")
    store.close()


def _messages(store: Store, case: dict[str, Any], cfg: Config) -> None:
    msgs = store.query("SELECT * FROM messages WHERE case_id = ? ORDER BY received_at",
                       (case["id"],))
    click.echo("\nmessages:")
    click.echo(table([[f"m{m['id']}", local(m["received_at"], cfg), m["from_addr"],
                       category_text(m), flags_text(m), m["ack_status"], m["subject"]]
                      for m in msgs],
                     ["row", "received", "from", "category", "flags", "ack", "subject"], 60))
    for m in msgs:
        if m["staff_correction"]:
            click.echo(f"  staff correction of m{m['id']}: {m['classified_as']} -> "
                       f"{m['category']}: {m['staff_correction']}")
    out = store.query("SELECT * FROM outbox WHERE case_id = ? ORDER BY id", (case["id"],))
    if out:
        click.echo("\noutgoing:")
        click.echo(table([[o["kind"], o["recipient"], o["status"] + (" (unconfirmed)" if
                           o["unconfirmed"] else ""), o["attempts"], o["template"],
                           (o["template_sha256"] or "")[:12], local(o["sent_at"], cfg),
                           o["last_error"]] for o in out],
                         ["kind", "to", "status", "tries", "template", "version", "sent",
                          "error"], max_width=60))
