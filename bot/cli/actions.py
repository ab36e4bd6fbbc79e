"""Staff actions on one case: ``eabot cases respond|close|reopen|reclassify|assign|note|confirm|dismiss``.

Each is a thin shell over :mod:`bot.casework` (the code path the review UI
uses too); ``--by`` names who acts (default: the login user) and goes into
the trail. A refused action exits non-zero with the reason.  [I/O]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from bot import casework
from bot.cli.common import CATEGORIES, ROLES, by_option, config_option, load, now, parse_when
from bot.config import Config
from bot.store import Store


def _act(action: Callable[[Store, Config], str]) -> None:
    cfg = load()
    store = Store(cfg.store_path)
    try:
        click.echo(action(store, cfg))
    finally:
        store.close()


def _reason() -> Callable[[Any], Any]:
    return click.option("--reason", required=True, help="Why (kept in the trail; no patient data).")


@click.command(epilog="Example: eabot cases respond EA-2026-0001 --by 'Dr. Lee' --note 'called him'")
@click.argument("case_id")
@config_option
@by_option
@click.option("--at", "at", default=None, help="When (ISO 8601, local time unless an offset is "
              "given; default now).")
@click.option("--note", default="", help="A short note for the trail (no patient data).")
def respond(case_id: str, by: str, at: str | None, note: str) -> None:
    """Record that staff answered the requester (status answered; stops the clock
    with stop_on = "staff_reply"), e.g. after a phone call or a reply sent
    outside the mailbox."""
    def action(store: Store, cfg: Config) -> str:
        when = parse_when(at, cfg.calendar.tz, "--at") if at else None
        return casework.respond(store, cfg, case_id, actor=by, now=now(), at=when, note=note)
    _act(action)


@click.command(epilog="Example: eabot cases close EA-2026-0001 --reason 'LOA sent'")
@click.argument("case_id")
@config_option
@by_option
@_reason()
def close(case_id: str, by: str, reason: str) -> None:
    """Close a case: no more escalations. A later follow-up reopens it when
    escalation.reopen_on_followup is true."""
    _act(lambda store, cfg: casework.close(store, cfg, case_id, actor=by, reason=reason,
                                           now=now()))


@click.command(epilog="Example: eabot cases reopen EA-2026-0001 --reason 'new records'")
@click.argument("case_id")
@config_option
@by_option
@_reason()
def reopen(case_id: str, by: str, reason: str) -> None:
    """Reopen a closed case: the close reason and any recorded answer are cleared
    (both stay in the trail) and the clock runs again toward its deadline."""
    _act(lambda store, cfg: casework.reopen(store, cfg, case_id, actor=by, reason=reason,
                                            now=now()))


@click.command(epilog="Example: eabot cases reclassify m12 ea_request --role physician "
               "--reason 'a referral letter, really a request'")
@click.argument("ident", metavar="ID")
@click.argument("category", type=click.Choice(CATEGORIES))
@config_option
@by_option
@_reason()
@click.option("--role", type=click.Choice(ROLES), default=None,
              help="Requester role, for ea_request.")
@click.option("--into", default=None, help="For ea_followup: the case the message belongs to.")
@click.option("--emergency/--no-emergency", default=None, help="Set or clear the emergency flag.")
@click.option("--adverse-event/--no-adverse-event", default=None,
              help="Set or clear the adverse-event flag.")
@click.option("--no-ack", is_flag=True, help="Do not acknowledge a newly opened case.")
def reclassify(ident: str, category: str, by: str, reason: str, role: str | None,
               into: str | None, emergency: bool | None, adverse_event: bool | None,
               no_ack: bool) -> None:
    """Correct a classification. ID is a case (EA-2026-0001) or a message row
    (m42, see `eabot log`). Re-filing a request as other/auto_reply closes its
    case; re-filing a message as ea_request opens a case and queues its
    acknowledgement (the summary says when it goes out)."""
    from bot.template_store import load_templates

    def action(store: Store, cfg: Config) -> str:
        at = now()
        templates, _problems = load_templates(store, cfg.templates_dir,
                                              cfg.required_templates(), at)
        return casework.reclassify(store, cfg, templates, ident, actor=by, category=category,
                                   reason=reason, now=at, role=role, into=into,
                                   emergency=emergency, adverse_event=adverse_event,
                                   send_ack=not no_ack)
    _act(action)


@click.command(epilog="Example: eabot cases assign EA-2026-0001 --to 'Ann Chu'; "
               "eabot cases assign EA-2026-0001 --me")
@click.argument("case_id")
@config_option
@by_option
@click.option("--to", "owner", default=None, help="The new owner.")
@click.option("--me", is_flag=True, help="Take the case yourself (the --by name).")
@click.option("--nobody", is_flag=True, help="Unassign the case.")
def assign(case_id: str, by: str, owner: str | None, me: bool, nobody: bool) -> None:
    """Give a case an owner (--to NAME), take it (--me) or unassign it (--nobody)."""
    if sum((owner is not None, me, nobody)) != 1:
        raise click.UsageError("give exactly one of --to NAME, --me or --nobody")
    new = by if me else None if nobody else owner
    _act(lambda store, _cfg: casework.assign(store, case_id, actor=by, owner=new, now=now()))


@click.command(epilog="Example: eabot cases note EA-2026-0001 'left a voicemail for Dr. Lee'")
@click.argument("case_id")
@click.argument("text")
@config_option
@by_option
def note(case_id: str, text: str, by: str) -> None:
    """Add an internal note to the case's trail (never mailed; no patient data)."""
    _act(lambda store, _cfg: casework.add_note(store, case_id, actor=by, text=text, now=now()))


@click.command(epilog="Example: eabot cases confirm EA-2026-0001 --note 'a real request'")
@click.argument("case_id")
@config_option
@by_option
@click.option("--note", default="", help="A short note for the trail.")
def confirm(case_id: str, by: str, note: str) -> None:
    """Confirm a case under review: the flag is cleared and a held
    acknowledgement is released (the summary says when it goes out)."""
    _act(lambda store, cfg: casework.confirm_review(store, cfg, case_id, actor=by, now=now(),
                                                    note=note))


@click.command(epilog="Examples: eabot cases dismiss EA-2026-0001 --reason 'a trial enquiry'; "
               "eabot cases dismiss m42 --reason 'a vendor asking about our pipeline'")
@click.argument("ident", metavar="ID")
@config_option
@by_option
@click.option("--reason", default="", help="Why (kept in the trail; no patient data). Required "
              "for a case; optional for a message row.")
def dismiss(ident: str, by: str, reason: str) -> None:
    """Dismiss as not a request. ID is a case under review (EA-2026-0001): it is
    closed with the reason, its unsent acknowledgements are cancelled and its
    first message is re-filed as other. Or ID is a message row (m42) waiting for
    review without a case (filed as other or machine mail but marked for review;
    see `eabot status`, the digest, the review UI's messages to review): it is
    recorded as checked by staff, not a request, keeps its category and leaves
    the review queue (no overdue notice names it afterwards)."""
    if casework.is_message_row(ident):
        _act(lambda store, cfg: casework.dismiss_message(store, cfg, ident, actor=by, now=now(),
                                                         reason=reason))
        return
    _act(lambda store, cfg: casework.dismiss_review(store, cfg, ident, actor=by, reason=reason,
                                                    now=now()))


COMMANDS = (respond, close, reopen, reclassify, assign, note, confirm, dismiss)
