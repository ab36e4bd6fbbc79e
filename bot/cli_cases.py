"""Staff commands over the log: cases, export, log.  [I/O: reads the store]"""

from __future__ import annotations

import json
from typing import Any

import click

from bot import queries
from bot.store import Store, iso
from bot.tables import flags_text, table

MESSAGES_SQL = (
    "SELECT m.*, c.tag AS case_tag, c.due_at AS due_at FROM messages m "
    "LEFT JOIN cases c ON c.id = m.case_id"
)


def _store(config_path: str) -> Store:
    from bot.cli import load

    return Store(load(config_path).store_path, readonly=True)


def _config_option(f: Any) -> Any:
    from bot.cli import config_option

    return config_option(f)


@click.group(invoke_without_command=True,
             epilog="Examples: eabot cases --status open --emergency; eabot cases show EA-2026-0001")
@_config_option
@click.option("--status", type=click.Choice(["open", "acknowledged", "responded", "closed",
                                             "all"]), default="all", show_default=True)
@click.option("--category", type=click.Choice(["ea_request", "ea_followup", "other",
                                               "auto_reply"]), default=None,
              help="Only cases with a message of this (effective) category.")
@click.option("--role", type=click.Choice(["physician", "patient_or_family", "other"]),
              default=None, help="Only cases of this requester role.")
@click.option("--sender", default=None, help="Only cases of this requester address.")
@click.option("--due-before", default=None, help="Only cases due before this time (ISO 8601).")
@click.option("--emergency", is_flag=True, help="Only emergency cases.")
@click.option("--adverse-event", is_flag=True, help="Only cases carrying an adverse event.")
@click.option("--review", is_flag=True, help="Only cases marked for review.")
@click.pass_context
def cases(ctx: click.Context, config_path: str, status: str, category: str | None,
          role: str | None, sender: str | None, due_before: str | None, emergency: bool,
          adverse_event: bool, review: bool) -> None:
    """List cases, most urgent first (emergencies, then by deadline)."""
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path
    if ctx.invoked_subcommand is not None:
        return
    store = _store(config_path)
    where, params = ["1=1"], []
    if status != "all":
        where.append("c.status = ?")
        params.append(status)
    if emergency:
        where.append("c.emergency = 1")
    if adverse_event:
        where.append("c.adverse_event = 1")
    if role:
        where.append("c.requester_role = ?")
        params.append(role)
    if sender:
        where.append("c.requester_addr = ?")
        params.append(sender.strip().lower())
    if due_before:
        from datetime import datetime

        try:
            limit = datetime.fromisoformat(due_before)
        except ValueError:
            raise click.ClickException(f"cannot read --due-before {due_before!r}; write it like "
                                       "2026-12-01 or 2026-12-01T17:00-05:00") from None
        if limit.tzinfo is None:
            from bot.cli import load

            limit = limit.replace(tzinfo=load(config_path).calendar.tz)
        where.append("c.due_at < ?")
        params.append(iso(limit))
    if review:
        where.append("c.needs_review = 1")
    if category:
        where.append("EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id AND m.category = ?)")
        params.append(category)
    rows = store.query(
        "SELECT c.*, (SELECT group_concat(o.status) FROM outbox o WHERE o.case_id = c.id AND "
        "o.kind = 'ack') AS ack, (SELECT count(*) FROM messages m WHERE m.case_id = c.id) AS n "
        f"FROM cases c WHERE {' AND '.join(where)} ORDER BY c.emergency DESC, c.due_at",
        tuple(params))
    store.close()
    if not rows:
        click.echo("no cases match")
        return
    click.echo(table([[r["tag"], r["status"], r["requester_role"], r["requester_addr"],
                       flags_text(r), r["ack"] or "-", r["due_at"], r["n"], r["subject"]]
                      for r in rows],
                     ["case", "status", "role", "requester", "flags", "ack", "due (UTC)", "msgs",
                      "subject"]))


@cases.command(epilog="Example: eabot cases show EA-2026-0001")
@click.argument("case_id")
@click.pass_context
def show(ctx: click.Context, case_id: str) -> None:
    """Show one case (tag or number): its messages, outgoing mail and event trail."""
    store = _store(ctx.obj["config_path"])
    case = queries.case_by_tag(store, case_id)
    if case is None:
        raise click.ClickException(f"no case {case_id!r}; list them with `eabot cases`")
    for key in ("tag", "status", "requester_addr", "requester_name", "requester_role", "subject",
                "received_at", "due_at", "acknowledged_at", "responded_at", "closed_at"):
        click.echo(f"{key + ':':<17}{case[key] if case[key] is not None else '-'}")
    click.echo(f"{'flags:':<17}{flags_text(case) or '-'}"
               + (" campaign" if case["campaign"] else ""))
    inputs = json.loads(case["deadline_inputs"] or "{}")
    if inputs:
        click.echo(f"{'deadline rule:':<17}{inputs.get('business_days')} business days, "
                   f"{inputs.get('calendar', {}).get('timezone')}, day 0 {inputs.get('day0')}")
    msgs = store.query("SELECT * FROM messages WHERE case_id = ? ORDER BY received_at",
                       (case["id"],))
    click.echo("\nmessages:")
    click.echo(table([[m["id"], m["received_at"], m["from_addr"], category_text(m), flags_text(m),
                       m["ack_status"], m["subject"]] for m in msgs],
                     ["row", "received", "from", "category", "flags", "ack", "subject"], 60))
    for m in msgs:
        if m["staff_correction"]:
            click.echo(f"  staff correction of row {m['id']}: {m['classified_as']} -> "
                       f"{m['category']}: {m['staff_correction']}")
    out = store.query("SELECT * FROM outbox WHERE case_id = ? ORDER BY id", (case["id"],))
    if out:
        click.echo("\noutgoing:")
        click.echo(table([[o["kind"], o["recipient"], o["status"] + (" (unconfirmed)" if
                           o["unconfirmed"] else ""), o["attempts"], o["template"],
                           (o["template_sha256"] or "")[:12], o["sent_at"], o["last_error"]]
                          for o in out],
                         ["kind", "to", "status", "tries", "template", "version", "sent",
                          "error"], max_width=60))
    events = store.query("SELECT * FROM events WHERE case_id = ? OR message_row IN "
                         "(SELECT id FROM messages WHERE case_id = ?) ORDER BY id",
                         (case["id"], case["id"]))
    click.echo("\nevents:")
    for e in events:
        detail = json.loads(e["detail"] or "{}")
        detail.pop("reasons", None)
        click.echo(f"  {e['at']}  {e['kind']:<15} {json.dumps(detail, ensure_ascii=False)[:150]}")
    store.close()


def _writable(ctx: click.Context) -> tuple[Store, Any]:
    from bot.cli import load

    cfg = load(ctx.obj["config_path"])
    return Store(cfg.store_path), cfg


def _case_or_fail(store: Store, case_id: str) -> dict[str, Any]:
    case = queries.case_by_tag(store, case_id)
    if case is None:
        raise click.ClickException(f"no case {case_id!r}; list them with `eabot cases`")
    return case


@cases.command(epilog="Example: eabot cases respond EA-2026-0001 --by 'Dr. Lee' --note 'called him'")
@click.argument("case_id")
@click.option("--by", "by", default="", help="Who answered (recorded in the trail).")
@click.option("--at", "at", default=None, help="When (ISO 8601; default now).")
@click.option("--note", default="", help="A short note for the trail (no patient data).")
@click.pass_context
def respond(ctx: click.Context, case_id: str, by: str, at: str | None, note: str) -> None:
    """Record that staff answered the requester (stops the clock when stop_on =
    "staff_reply"), e.g. after a phone call or a reply sent outside the mailbox."""
    from datetime import UTC, datetime

    store, _cfg = _writable(ctx)
    case = _case_or_fail(store, case_id)
    try:
        when = datetime.fromisoformat(at) if at else datetime.now(UTC)
    except ValueError:
        raise click.ClickException(f"cannot read --at {at!r}; write it like 2026-11-24T10:30") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_cfg.calendar.tz)
    with store.transaction():
        store.conn.execute(
            "UPDATE cases SET responded_at = COALESCE(responded_at, ?), status = CASE WHEN "
            "status IN ('open', 'acknowledged') THEN 'responded' ELSE status END WHERE id = ?",
            (iso(when), case["id"]))
        store.event(datetime.now(UTC), "staff_reply", {"by": by, "note": note, "source": "cli",
                                                       "at": iso(when)}, case_id=case["id"])
    store.close()
    click.echo(f"{case['tag']}: response recorded at {iso(when)}")


@cases.command(epilog="Example: eabot cases close EA-2026-0001 --reason 'LOA sent'")
@click.argument("case_id")
@click.option("--reason", required=True, help="Why the case ends (kept in the trail).")
@click.pass_context
def close(ctx: click.Context, case_id: str, reason: str) -> None:
    """Close a case: no more escalations. A later follow-up reopens it when
    escalation.reopen_on_followup is true."""
    from datetime import UTC, datetime

    store, _cfg = _writable(ctx)
    case = _case_or_fail(store, case_id)
    now = datetime.now(UTC)
    with store.transaction():
        store.update("cases", case["id"], {"status": "closed", "closed_at": iso(now),
                                           "close_reason": reason})
        store.event(now, "closed", {"reason": reason, "source": "cli"}, case_id=case["id"])
    store.close()
    click.echo(f"{case['tag']}: closed")


@cases.command(epilog="Example: eabot cases reopen EA-2026-0001 --reason 'new records'")
@click.argument("case_id")
@click.option("--reason", required=True, help="Why the case is reopened.")
@click.pass_context
def reopen(ctx: click.Context, case_id: str, reason: str) -> None:
    """Reopen a closed case; its deadline and escalations resume."""
    from datetime import UTC, datetime

    store, _cfg = _writable(ctx)
    case = _case_or_fail(store, case_id)
    now = datetime.now(UTC)
    with store.transaction():
        store.update("cases", case["id"], {"status": "open", "closed_at": None})
        store.event(now, "reopened", {"reason": reason, "source": "cli"}, case_id=case["id"])
    store.close()
    click.echo(f"{case['tag']}: reopened")


@cases.command(epilog="Example: eabot cases reclassify m12 ea_request --role physician "
               "--reason 'a referral letter, really a request'")
@click.argument("ident", metavar="ID")
@click.argument("category", type=click.Choice(["ea_request", "ea_followup", "other",
                                               "auto_reply"]))
@click.option("--reason", required=True, help="Why (stored, shown and exported).")
@click.option("--role", type=click.Choice(["physician", "patient_or_family", "other"]),
              default=None, help="Requester role, for ea_request.")
@click.option("--into", default=None, help="For ea_followup: the case the message belongs to.")
@click.option("--no-ack", is_flag=True, help="Do not acknowledge a newly opened case.")
@click.pass_context
def reclassify(ctx: click.Context, ident: str, category: str, reason: str, role: str | None,
               into: str | None, no_ack: bool) -> None:
    """Correct a classification. ID is a case (EA-2026-0001) or a message row
    (m42, see `eabot log`). Re-filing a request as other/auto_reply closes its
    case; re-filing a message as ea_request opens a case and acknowledges it."""
    from datetime import UTC, datetime

    from bot.corrections import CorrectionError
    from bot.corrections import reclassify as apply
    from bot.template_store import load_templates

    store, cfg = _writable(ctx)
    now = datetime.now(UTC)
    templates, _problems = load_templates(store, cfg.templates_dir, cfg.required_templates(), now)
    try:
        summary = apply(store, cfg, templates, ident, category, reason, now, role=role,
                        into=into, send_ack=not no_ack)
    except CorrectionError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(summary)


def category_text(row: dict[str, Any]) -> str:
    if row.get("staff_correction"):
        return f"{row['category']} (staff; bot: {row['classified_as']})"
    return str(row["category"])
