"""The ``eabot`` command group: global options and the command registry.  [I/O]

Command modules import :mod:`bot.cli.common` and the library, never each
other; this module only puts them together.
"""

from __future__ import annotations

import logging

import click

from bot.cli import actions, cases, demo, explain, report, run, templates
from bot.cli.common import Group, config_option
from bot.cli_review import review


@click.group(cls=Group, invoke_without_command=True,
             epilog="Example: eabot run --once --config config.toml")
@config_option
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="eabot")
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """eabot triages an expanded-access mailbox: it classifies every message,
    acknowledges EA requests, logs everything to SQLite and tracks deadlines.

    Every command takes -c FILE (before or after its name); actions on a case
    take --by NAME (default: your login name), recorded in the case's trail.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


for command in (run.run, explain.classify, explain.deadline, cases.cases, report.export,
                report.log_table, report.status, demo.demo, templates.templates, review):
    main.add_command(command)
for command in actions.COMMANDS:
    cases.cases.add_command(command)
