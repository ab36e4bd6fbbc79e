"""``eabot classify`` and ``eabot deadline``: explain a decision; the log is not touched.  [I/O: reads]"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import click

from bot.cli.common import config_option, given_config, load, parse_when

_HEADER = re.compile(rb"^(?:From |[!-9;-~]+:)")


def looks_like_email(raw: bytes) -> bool:
    """Mail starts with header fields (``Name: value``, or an mbox ``From `` line)."""
    head = raw.lstrip(b"\r\n\t ")[:4096]
    return bool(head) and b"\x00" not in head and _HEADER.match(head) is not None


@click.command(epilog="Example: eabot classify examples/mail/01_physician_wm_loa.eml --json")
@click.argument("message", type=click.Path(exists=True, dir_okay=False))
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def classify(message: str, as_json: bool) -> None:
    """Explain how MESSAGE (an .eml file) would be classified; the log is not touched.

    Threading is judged as if no case existed yet unless the store named in
    the configuration exists, in which case it is read (never written).
    """
    from bot.classify import analyse
    from bot.classify import classify as classify_message
    from bot.classify.relay import unwrap
    from bot.model import ThreadContext
    from bot.parsing import parse

    raw = Path(message).read_bytes()
    if not looks_like_email(raw):
        raise click.ClickException(f"{message} is not an email: a message file (.eml) starts "
                                   "with header lines such as 'From: …' and 'Subject: …'")
    cfg = load()
    msg = unwrap(parse(raw), cfg.rules.own_domains)  # a form's relay reads as the person's
    ctx = ThreadContext()
    analysis = analyse(msg, cfg.rules)
    if cfg.store_path.exists():
        from bot import queries
        from bot.store import Store

        store = Store(cfg.store_path, readonly=True)
        now = datetime.now(UTC)
        # (as the daemon asks: the marks of the cases a letter names compared only when it
        # may be another patient's)
        ctx = queries.thread_context(store, msg, cfg.rules, now, at=now,
                                     patients=not analysis.machine, patient=analysis.patient,
                                     other_patient=analysis.new_patient,
                                     request=analysis.request.is_request)
        store.close()
    cls = classify_message(msg, cfg.rules, ctx, analysis)
    would_ack = cls.category.value == "ea_request" and cfg.ack.enabled and not (
        cls.role is not None and cls.role.value == "other" and not cfg.ack.acknowledge_other_role)
    template = cfg.ack.templates.get(cls.role.value) if (would_ack and cls.role) else None
    held = would_ack and cls.needs_review and cfg.ack.review_cases == "hold"
    out = {
        "category": cls.category.value,
        "requester_role": cls.role.value if cls.role else None,
        "emergency": cls.emergency, "adverse_event": cls.adverse_event,
        "needs_review": cls.needs_review, "case": cls.case_tag,
        "would_ack": would_ack, "ack_held_for_review": held, "template": template,
        "linked_case": cls.linked_case,
        "reasons": cls.reason_strings,
        "from": msg.from_addr, "subject": msg.subject, "message_id": msg.message_id,
        "defects": list(msg.defects),
    }
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(f"from:      {msg.from_addr}\nsubject:   {msg.subject}")
    click.echo(f"category:  {out['category']}\nrole:      {out['requester_role'] or '-'}")
    flags = [k for k in ("emergency", "adverse_event", "needs_review") if out[k]]
    click.echo(f"flags:     {', '.join(flags) or '-'}")
    click.echo(f"follows:   {cls.case_tag or '-'}")
    if cls.linked_case:
        click.echo(f"linked to: {cls.linked_case} (possibly the same patient)")
    ack = "no"
    if would_ack:
        ack = f"{'held for review, then ' if held else 'yes, '}template {template}"
    click.echo(f"would ack: {ack}")
    click.echo("reasons:")
    for reason in cls.reason_strings:
        click.echo(f"  - {reason}")
    for defect in msg.defects:
        click.echo(f"  ! {defect}")


@click.command(epilog="Example: eabot deadline 2026-11-25T18:30:00-05:00 -c config.toml")
@click.argument("received")
@config_option
def deadline(received: str) -> None:
    """Print the acknowledgement deadline for a receipt time (ISO 8601; a time
    without an offset is taken in the company's time zone), and every day it
    counted or skipped. Without a configuration (-c or $EABOT_CONFIG): 5
    business days, US holidays, New York."""
    from bot.deadlines import RULE_TEXT, compute_deadline, make_calendar

    path = given_config()
    if path:
        cfg = load(path)
        calendar, days = cfg.calendar, cfg.business_days
    else:
        calendar, days = make_calendar(timezone="America/New_York", country="US"), 5
    when = parse_when(received, calendar.tz, "the receipt time")
    d = compute_deadline(when, calendar, days)
    fmt = "%a %Y-%m-%d %H:%M %Z"
    click.echo(f"received:  {d.received_local.strftime(fmt)} ({d.received_at.isoformat()})")
    click.echo(f"day 0:     {d.day0.strftime('%a %Y-%m-%d')} ({d.day0_note})")
    for i, day in enumerate(d.counted, 1):
        click.echo(f"  day {i}:   {day.strftime('%a %Y-%m-%d')}")
    for day, why in d.skipped:
        click.echo(f"  skipped: {day.strftime('%a %Y-%m-%d')} {why}")
    click.echo(f"due:       {d.due_local.strftime(fmt)} ({d.due_at.isoformat()})")
    click.echo(f"rule:      {days} business days; {RULE_TEXT}")
