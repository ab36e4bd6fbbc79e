"""``eabot review``: the read-only review UI (Datasette) over the live log.  [I/O]"""

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
    """Browse the log in a web browser (Datasette), read-only, while the daemon runs.

    Serves the store named in the configuration as the database "eabot"
    (http://HOST:PORT/eabot) with table descriptions and the staff queries:
    open cases by time left, due within 2 business days, overdue,
    emergencies, adverse events, marked for review, failed or pending sends,
    one sender, one message's trail, volume per day. Nothing in the UI can
    change the log. Set EABOT_REVIEW_PASSWORD_HASH (from `datasette
    hash-password`) to require a login (user "staff", or $EABOT_REVIEW_USER).
    """
    from bot.review import build_metadata, login_user_from_env, make_datasette, serve
    from bot.store import StoreError

    cfg = load()
    busy = port_in_use(host, port)
    if busy:
        raise click.ClickException(busy)
    user = login_user_from_env()
    metadata = build_metadata(calendar=cfg.calendar, stop_on=cfg.escalation.stop_on,
                              business_days=cfg.business_days, login_user=user)
    try:
        ds = make_datasette(cfg.store_path, metadata)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if not _is_loopback(host) and user is None:
        click.echo(f"warning: serving on {host} without a login; set EABOT_REVIEW_PASSWORD_HASH "
                   "and put a TLS reverse proxy in front", err=True)
    login = f", login as {user!r}" if user else ""
    click.echo(f"eabot review: http://{host}:{port}/eabot (read-only{login}); Ctrl-C stops it",
               err=True)
    serve(ds, host, port)


if __name__ == "__main__":  # pragma: no cover - `python -m bot.cli_review` before registration
    review()
