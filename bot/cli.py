"""The ``eabot`` command line: a thin click layer over the library.  [I/O]

Library errors become one-sentence ``click.ClickException`` messages that
say how to fix the problem; no command prints a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from bot.classify import classify as classify_message
from bot.config import Config, ConfigError, load_config
from bot.deadlines import RULE_TEXT, compute_deadline, make_calendar
from bot.model import ThreadContext

CONFIG_HELP = "Configuration file (default: $EABOT_CONFIG, else ./config.toml)."


def config_option(f: Any) -> Any:
    return click.option("--config", "-c", "config_path", envvar="EABOT_CONFIG",
                        default="config.toml", show_default=True,
                        type=click.Path(dir_okay=False), help=CONFIG_HELP)(f)


def load(config_path: str, *, check_templates: bool = False) -> Config:
    """Load for a command. Only commands that send mail check the templates."""
    try:
        return load_config(config_path, check_templates=check_templates)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def load_for_daemon(config_path: str) -> Config:
    """Templates are checked at start. A broken template with a last good version
    in the log does not stop the daemon (it keeps using that version, loudly);
    one that never had a good version does."""
    try:
        return load_config(config_path, check_templates=True)
    except ConfigError as exc:
        if any(key != "bot.templates_dir" for key, _ in exc.problems):
            raise click.ClickException(str(exc)) from None
        cfg = load(config_path)
        if not cfg.store_path.exists():
            raise click.ClickException(str(exc)) from None
        from bot.store import Store

        store = Store(cfg.store_path, readonly=True)
        good = {r["name"] for r in store.query(
            "SELECT DISTINCT name FROM template_versions WHERE status = 'ok'")}
        store.close()
        missing = set(cfg.required_templates()) - good
        if missing:
            raise click.ClickException(str(exc)) from None
        for _key, problem in exc.problems:
            logging.getLogger("bot").error("template problem, using the last good version: %s",
                                           problem)
        return cfg


class Group(click.Group):
    """Turns expected library errors into one clear sentence."""

    def invoke(self, ctx: click.Context) -> Any:
        from bot.backends.base import BackendError
        from bot.replies import TemplateProblem
        from bot.store import StoreError

        try:
            return super().invoke(ctx)
        except (StoreError, BackendError, TemplateProblem, OSError) as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=Group, epilog="Example: eabot run --once --config config.toml")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="eabot")
def main(verbose: int) -> None:
    """eabot triages an expanded-access mailbox: it classifies every message,
    acknowledges EA requests, logs everything to SQLite and tracks deadlines."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@main.command(epilog="Example: eabot run --once -c config.toml")
@config_option
@click.option("--once", is_flag=True, help="Run one cycle and exit (non-zero if it failed).")
def run(config_path: str, once: bool) -> None:
    """Poll the mailbox, classify, acknowledge and log, every poll_interval.

    Without --once this runs as a daemon until SIGTERM or SIGINT, finishing
    the current cycle before it stops.
    """
    from bot.daemon import run_cycle, serve
    from bot.lock import AlreadyRunning, InstanceLock

    cfg = load_for_daemon(config_path)
    try:
        lock = InstanceLock(cfg.store_path).acquire()
    except AlreadyRunning as exc:
        raise click.ClickException(str(exc)) from None
    try:
        if not once:
            logging.getLogger().setLevel(min(logging.getLogger().level, logging.INFO))
            serve(cfg)
            return
        report = run_cycle(cfg)
    finally:
        lock.release()
    click.echo(f"fetched {report.fetched}, logged {report.logged} new, {report.known} already "
               f"known, {report.duplicates} duplicates; sent {report.sent}, retrying "
               f"{report.retried}, failed {report.failed}")
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    if not report.ok:
        raise click.ClickException("the cycle could not run completely; see the errors above")


@main.command(epilog="Example: eabot classify examples/mail/01_physician_request.eml --json")
@click.argument("message", type=click.Path(exists=True, dir_okay=False))
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def classify(message: str, config_path: str, as_json: bool) -> None:
    """Explain how MESSAGE (an .eml file) would be classified; the log is not touched.

    Threading is judged as if no case existed yet unless the store named in
    the configuration exists, in which case it is read (never written).
    """
    from bot.parsing import parse

    cfg = load(config_path)
    from bot.classify.relay import unwrap

    msg = unwrap(parse(Path(message).read_bytes()))
    ctx = ThreadContext()
    if cfg.store_path.exists():
        from bot import queries
        from bot.store import Store

        store = Store(cfg.store_path, readonly=True)
        ctx = queries.thread_context(store, msg, cfg.rules)
        store.close()
    cls = classify_message(msg, cfg.rules, ctx)
    would_ack = cls.category.value == "ea_request" and cfg.ack.enabled and not (
        cls.role is not None and cls.role.value == "other" and not cfg.ack.acknowledge_other_role)
    template = cfg.ack.templates.get(cls.role.value) if (would_ack and cls.role) else None
    out = {
        "category": cls.category.value,
        "requester_role": cls.role.value if cls.role else None,
        "emergency": cls.emergency, "adverse_event": cls.adverse_event,
        "needs_review": cls.needs_review, "case": cls.case_tag,
        "would_ack": would_ack, "template": template,
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
    click.echo(f"would ack: {'yes, template ' + str(template) if would_ack else 'no'}")
    click.echo("reasons:")
    for reason in cls.reason_strings:
        click.echo(f"  - {reason}")
    for defect in msg.defects:
        click.echo(f"  ! {defect}")


@main.command(epilog="Example: eabot deadline 2026-11-25T18:30:00-05:00 -c config.toml")
@click.argument("received")
@click.option("--config", "-c", "config_path", envvar="EABOT_CONFIG", default=None,
              type=click.Path(dir_okay=False),
              help="Configuration file; without it: 5 business days, US holidays, New York.")
def deadline(received: str, config_path: str | None) -> None:
    """Print the acknowledgement deadline for a receipt time (ISO 8601; a time
    without an offset is taken in the company's time zone), and every day it
    counted or skipped."""
    if config_path:
        cfg = load(config_path)
        calendar, days = cfg.calendar, cfg.business_days
    else:
        calendar, days = make_calendar(timezone="America/New_York", country="US"), 5
    try:
        when = datetime.fromisoformat(received.replace("Z", "+00:00"))
    except ValueError:
        raise click.ClickException(f"cannot read {received!r} as a time; write it like "
                                   "2026-11-25T18:30 or 2026-11-25T23:30:00Z") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=calendar.tz)
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


def _register() -> None:
    from bot.cli_cases import cases
    from bot.cli_demo import demo
    from bot.cli_report import export, log_table, status
    from bot.cli_review import review
    from bot.cli_templates import templates

    main.add_command(cases)
    main.add_command(export)
    main.add_command(log_table)
    main.add_command(status)
    main.add_command(demo)
    main.add_command(templates)
    main.add_command(review)


_register()


def entry() -> None:  # pragma: no cover - console script shim
    main(prog_name="eabot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
