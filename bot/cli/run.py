"""``eabot run``: one cycle or the daemon.  [I/O]"""

from __future__ import annotations

import gc
import logging

import click

from bot.cli.common import config_option, config_path, load_for_daemon


@click.command(epilog="Example: eabot run --once -c config.toml")
@config_option
@click.option("--once", is_flag=True, help="Run one cycle and exit (non-zero if it failed).")
def run(once: bool) -> None:
    """Poll the mailbox, classify, acknowledge and log, every poll_interval.

    Without --once this runs as a daemon until SIGTERM or SIGINT, finishing
    the current cycle before it stops.
    """
    from bot.daemon import run_cycle, serve
    from bot.lock import AlreadyRunning, InstanceLock

    cfg = load_for_daemon(config_path())
    gc.freeze()  # the rules and imports live as long as the process: the collector skips them
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
