"""What every command shares: the config option, --by, loading, time parsing, errors.  [I/O]

The command modules import this one and nothing of each other. ``-c FILE``
works before or after a subcommand (``eabot cases show EA-… -c FILE``): each
command declares the option and the last one given wins.
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Any, TypeVar

import click

from bot.config import Config, ConfigError, load_config
from bot.store import Store

F = TypeVar("F", bound=Callable[..., Any])
CONFIG_HELP = "Configuration file (default: $EABOT_CONFIG, else ./config.toml)."
_KEY = "eabot.config"
CATEGORIES = ["ea_request", "ea_followup", "other", "auto_reply"]
ROLES = ["physician", "patient_or_family", "other"]


def _remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[_KEY] = value  # meta is shared by a command and its subcommands


def config_option(f: F) -> F:
    """``--config/-c``, accepted by groups and by every subcommand."""
    option = click.option("--config", "-c", default=None, expose_value=False,
                          callback=_remember, type=click.Path(dir_okay=False), help=CONFIG_HELP)
    return option(f)


def given_config(*, env: bool = True) -> str | None:
    """The --config given anywhere on the line, else $EABOT_CONFIG (when ``env``)."""
    value = click.get_current_context().meta.get(_KEY)
    if value is None and env:
        value = os.environ.get("EABOT_CONFIG")
    return str(value) if value is not None else None


def config_path() -> str:
    return given_config() or "config.toml"


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without $USER): --by is needed
        return ""


def by_option(f: F) -> F:
    """``--by NAME``: who acts, recorded in the trail; defaults to the login user."""
    option = click.option("--by", "by", default=default_actor, show_default="your login name",
                          help="Who acts (recorded in the case's trail).")
    return option(f)


def load(path: str | None = None, *, check_templates: bool = False) -> Config:
    """Load for a command. Only commands that send mail check the templates."""
    try:
        return load_config(path or config_path(), check_templates=check_templates)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def read_store(cfg: Config | None = None) -> Store:
    return Store((cfg or load()).store_path, readonly=True)


def now() -> datetime:
    return datetime.now(UTC)


def parse_when(text: str, tz: tzinfo, option: str) -> datetime:
    """An ISO 8601 time from the command line; without an offset it is local time
    in ``tz``, and a local time that does not exist (the hour skipped when the
    clocks go forward) is refused rather than guessed."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.ClickException(f"cannot read {option} {text!r} as a time; write it like "
                                   "2026-11-25T18:30 or 2026-11-25T23:30:00Z") from None
    if when.tzinfo is not None:
        return when
    local = when.replace(tzinfo=tz)
    if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != when:
        raise click.ClickException(
            f"{option} {text}: that local time does not exist in {tz} (the clocks skip that "
            "hour when summer time starts); give the time with its UTC offset, or a time "
            "after the jump")
    return local


def load_for_daemon(path: str) -> Config:
    """Templates are checked at start. A broken template with a last good version
    in the log does not stop the daemon (it keeps using that version, loudly);
    one that never had a good version does."""
    try:
        return load_config(path, check_templates=True)
    except ConfigError as exc:
        if any(key != "bot.templates_dir" for key, _ in exc.problems):
            raise click.ClickException(str(exc)) from None
        cfg = load(path)
        if not cfg.store_path.exists():
            raise click.ClickException(str(exc)) from None
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
    """Turns expected library errors into one clear sentence; a closed pipe
    (``eabot export | head``) ends the command quietly."""

    def invoke(self, ctx: click.Context) -> Any:
        from bot.backends.base import BackendError
        from bot.casework import ActionRefused
        from bot.replies import TemplateProblem
        from bot.store import StoreError

        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # click's main() silences it
        except ActionRefused as exc:
            raise click.ClickException(f"refused: {exc}") from None
        except (StoreError, BackendError, TemplateProblem, OSError) as exc:
            raise click.ClickException(str(exc)) from None
