"""``eabot review``: the staff workspace (Datasette + the eabot plugin) over the live log.  [I/O]"""

from __future__ import annotations

import ipaddress

import click

from bot.cli.common import config_option, load

HELP_EPILOG = "Example: eabot review -c config.toml --port 8001"


def port_in_use(host: str, port: int) -> str | None:
    """One sentence when the UI could not listen on host:port (before Datasette starts)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return f"cannot listen on {host}: that address does not resolve; use --host 127.0.0.1"
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except PermissionError:
            return f"port {port} on {host} needs privileges; choose a port above 1023 with --port"
        except OSError:
            return (f"port {port} on {host} is already in use (another `eabot review`?); "
                    "stop it or choose another port with --port")
    return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command(epilog=HELP_EPILOG)
@config_option
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535),
              help="TCP port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 and put a TLS reverse proxy in front.")
def review(port: int, host: str) -> None:
    """The staff workspace in a web browser (Datasette), while the daemon runs.

    http://HOST:PORT/ is a dashboard (overdue, due today, due within 2
    business days, emergencies, adverse events, review queue, unassigned, my
    cases), each count linking to its list; every case has a page
    (/case/EA-2026-0001) with its deadline reasoning, escalation schedule,
    messages (text from the store or the mailbox), outgoing mail and trail.
    Staff act there (record the answer, close, reopen, reclassify, assign,
    note, confirm or dismiss a review), each action recorded with their name;
    viewers can look but not act. Accounts: [review] staff = [...] and
    viewers = [...] in the configuration, each password hash (from `datasette
    hash-password`) in EABOT_REVIEW_PASSWORD_HASH_<USER>. The tables and
    staff queries stay read-only under /eabot.
    """
    from bot.review.access import accounts_from_env
    from bot.review.server import make_datasette, serve
    from bot.store import StoreError

    cfg = load()
    busy = port_in_use(host, port)
    if busy:
        raise click.ClickException(busy)
    accounts = accounts_from_env(cfg.review)
    try:
        ds = make_datasette(cfg, accounts)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if not _is_loopback(host) and not accounts.login_required:
        click.echo(f"warning: serving on {host} without a login; configure [review] accounts and "
                   "their EABOT_REVIEW_PASSWORD_HASH_<USER>, and put a TLS reverse proxy in front",
                   err=True)
    staff = accounts.staff_names()
    who = (f"login required; staff who may act: {', '.join(staff) or 'none'}"
           if accounts.login_required else "no accounts: read-only for everyone")
    click.echo(f"eabot review: http://{host}:{port}/ ({who}); Ctrl-C stops it", err=True)
    serve(ds, host, port)


if __name__ == "__main__":  # pragma: no cover - `python -m bot.cli_review` before registration
    review()
