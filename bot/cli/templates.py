"""``eabot templates check|preview``: admins edit templates without fear.  [I/O: reads files]"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from bot.classify import classify
from bot.cli.common import config_option, config_path, load
from bot.config import Config
from bot.deadlines import compute_deadline
from bot.model import Inbound
from bot.parsing import parse
from bot.replies import (
    SAMPLE_CONTEXT,
    Envelope,
    Template,
    TemplateProblem,
    build_message,
    read_templates,
    render_html,
    render_text,
)


def message_context(cfg: Config, msg: Inbound, received: datetime) -> dict[str, Any]:
    """The context an acknowledgement/notice for ``msg`` would be rendered with."""
    from bot.triage import ack_context

    cls = classify(msg, cfg.rules)
    due = compute_deadline(received, cfg.calendar, cfg.business_days).due_at
    tag = f"{cfg.case_tag_prefix}-{received.year}-0001"
    return {**SAMPLE_CONTEXT, **ack_context(cfg, msg, tag, received, due, cls),
            "adverse_event": cls.adverse_event, "sender": msg.from_addr,
            "subject": msg.subject, "reasons": cls.reason_strings,
            "category": cls.category.value}


def _examples(cfg: Config) -> list[Path]:
    for candidate in (cfg.base_dir / "examples" / "mail", Path("examples/mail")):
        if candidate.is_dir():
            return sorted(candidate.glob("*.eml"))
    return []


def check_all(cfg: Config, templates: dict[str, Template],
              examples: list[Path]) -> list[str]:
    from bot.template_vars import check_variables, kind_of

    problems: list[str] = []
    for name in sorted(set(cfg.required_templates()) - set(templates)):
        problems.append(f"{name}: required by the configuration but templates/{name}.txt.j2 "
                        "is missing")
    static: set[str] = set()
    for name, template in sorted(templates.items()):
        for suffix, source in ((".txt.j2", template.source), (".html.j2", template.html_source)):
            if source is None:
                continue
            found = check_variables(str(cfg.templates_dir / f"{name}{suffix}"), source,
                                    kind_of(name, cfg))
            problems += [str(p) for p in found]
            if found:
                static.add(name)
    contexts = [("sample data", SAMPLE_CONTEXT),
                ("sample data (emergency)", {**SAMPLE_CONTEXT, "emergency": True,
                                             "adverse_event": True, "recovered": True})]
    now = datetime.now(UTC)
    for path in examples:
        contexts.append((path.name, message_context(cfg, parse(path.read_bytes()), now)))
    for template in templates.values():
        if template.name in static:
            continue  # its variables are wrong already; rendering would repeat that
        for label, context in contexts:
            try:
                render_text(template, context)
                render_html(template, context)
            except TemplateProblem as exc:
                problems.append(f"{exc} (rendering against {label})")
                break
    return problems


@click.group(epilog="Example: eabot templates check -c config.toml")
@config_option
def templates() -> None:
    """Check and preview the reply and notice templates."""


@templates.command(epilog="Example: eabot templates check -c config.toml")
@config_option
def check() -> None:
    """Check every template: its syntax; every variable it uses (in any branch)
    against the ones documented for its kind (`eabot templates variables`); and
    a render in the sandbox against sample data and every message in
    examples/mail/. Each problem names the file and line. Exit 1 on any problem."""
    from bot.config import ConfigError, load_config

    try:
        cfg = load_config(config_path(), check_templates=False)
    except ConfigError as exc:
        # Broken templates make the config refuse to load; report them here too.
        raise click.ClickException(str(exc)) from None
    found = read_templates(cfg.templates_dir)
    examples = _examples(cfg)
    problems = check_all(cfg, found, examples)
    for problem in problems:
        click.echo(f"PROBLEM {problem}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo(f"{len(found)} template(s) in {cfg.templates_dir} are fine (every variable "
               f"documented; rendered against sample data and {len(examples)} example "
               "message(s))")


@templates.command(epilog="Example: eabot templates variables -c config.toml")
@config_option
def variables() -> None:
    """List the variables each kind of template may use, and which templates
    of the configuration are of that kind."""
    from bot.template_vars import VARIABLES, kinds

    cfg = load()
    by_kind = kinds(cfg)
    for kind, names in VARIABLES.items():
        used = sorted(n for n, k in by_kind.items() if k == kind)
        click.echo(f"{kind} ({', '.join(used) or 'no template configured'}):")
        click.echo("  " + ", ".join(sorted(names)))


@templates.command(epilog="Example: eabot templates preview ack_patient "
                   "examples/mail/07_wife_request_saturday_night.eml --html")
@click.argument("name")
@click.argument("message", type=click.Path(exists=True, dir_okay=False))
@config_option
@click.option("--html", is_flag=True, help="Print the HTML alternative part too.")
def preview(name: str, message: str, html: bool) -> None:
    """Print the full message (headers included) the bot would send with
    template NAME in answer to MESSAGE (.eml)."""
    cfg = load()
    found = read_templates(cfg.templates_dir)
    if name not in found:
        raise click.ClickException(f"no template {name!r} in {cfg.templates_dir}; there are: "
                                   f"{', '.join(sorted(found))}")
    msg = parse(Path(message).read_bytes())
    now = datetime.now(UTC)
    context = message_context(cfg, msg, now)
    template = found[name]
    try:
        subject, body = render_text(template, context)
        html_body = render_html(template, context)
    except TemplateProblem as exc:
        raise click.ClickException(str(exc)) from None
    email = build_message(subject, body, Envelope(
        from_name=cfg.from_name, from_address=cfg.from_address, to_address=msg.from_addr,
        message_id_domain=cfg.message_id_domain, in_reply_to=msg.message_id,
        references=msg.references, case_tag=context["case_tag"]), now,
        html=html_body if html else None)
    click.echo(email.as_string())
    if html_body is None and html:
        click.echo(f"(no {name}.html.j2: plain text only)", err=True)
