"""Credentials and transport settings shared by the network backends.  [does I/O]

Reads environment variables, runs configured secret commands (no shell) and
asks Microsoft Entra ID for OAuth tokens through msal. Secret values never
appear in exception messages or logs; messages name the config key instead.

:class:`ServerSettings` is the frozen base of ``ImapSettings`` and
``SmtpSettings``: host, port, TLS and login fields plus their validation, so
both backends check and resolve credentials the same way.
"""

from __future__ import annotations

import os
import shlex
import ssl
import subprocess
from dataclasses import dataclass
from typing import Any, ClassVar

OUTLOOK_SCOPE = "https://outlook.office365.com/.default"
COMMAND_TIMEOUT_S = 30
SECURITY_MODES = ("tls", "starttls", "plain")


class SecretError(Exception):
    """A credential could not be obtained; the message says how to fix it."""


def resolve_secret(*, env: str | None, command: str | None, what: str) -> str:
    """Return the secret from environment variable ``env`` or from ``command``.

    ``what`` is the config key the secret is for (e.g. ``imap.password``); the
    command is split with :func:`shlex.split`, run without a shell with a 30 s
    timeout, and its stripped stdout is the secret.
    """
    if env:
        value = os.environ.get(env, "").strip()
        if not value:
            raise SecretError(
                f"environment variable {env} for {what} is not set; "
                f"export it or set {what}_command"
            )
        return value
    if command:
        return _run_secret_command(command, what)
    raise SecretError(f"no {what} configured; set {what}_env or {what}_command")


def _run_secret_command(command: str, what: str) -> str:
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise SecretError(f"{what}_command cannot be parsed ({exc}); fix its quoting") from None
    if not argv:
        raise SecretError(f"{what}_command is empty; give a command that prints the secret")
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False
        )
    except FileNotFoundError:
        raise SecretError(f"{what}_command program {argv[0]!r} was not found") from None
    except subprocess.TimeoutExpired:
        raise SecretError(
            f"{what}_command {argv[0]!r} did not finish within {COMMAND_TIMEOUT_S} s"
        ) from None
    except OSError as exc:
        raise SecretError(f"{what}_command {argv[0]!r} could not run: {exc.strerror}") from None
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["no message"])[0][:200]
        raise SecretError(
            f"{what}_command {argv[0]!r} failed with exit status {done.returncode}: {detail}"
        )
    value = done.stdout.strip()
    if not value:
        raise SecretError(f"{what}_command {argv[0]!r} printed nothing; it must print {what}")
    return value


@dataclass(frozen=True, kw_only=True)
class ServerSettings:
    """Where a server is, how to secure the connection and how to log in.

    ``security`` is ``tls`` (implicit TLS), ``starttls`` or ``plain``; plain
    text needs ``insecure_plaintext=True``. Certificates are verified unless
    ``danger_skip_tls_verify=True``. ``auth`` is ``password`` (from
    ``password_env``/``password_command``) or ``xoauth2`` (a token from
    ``token_command`` or from msal client credentials).
    """

    section: ClassVar[str] = "server"
    allowed_auth: ClassVar[tuple[str, ...]] = ("password", "xoauth2")

    host: str
    port: int | None = None
    security: str = "tls"
    insecure_plaintext: bool = False
    danger_skip_tls_verify: bool = False
    timeout: float = 30.0
    username: str | None = None
    auth: str = "password"
    password_env: str | None = None
    password_command: str | None = None
    tenant_id: str | None = None
    client_id: str | None = None
    client_secret_env: str | None = None
    scope: str = OUTLOOK_SCOPE
    token_command: str | None = None

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def verify_tls(self) -> bool:
        return not self.danger_skip_tls_verify

    def problems(self) -> list[str]:
        """Every configuration mistake, each naming its key."""
        s, out = self.section, []
        if not self.host:
            out.append(f"{s}.host is empty")
        if self.security not in SECURITY_MODES:
            out.append(f"{s}.security must be one of {', '.join(SECURITY_MODES)}")
        elif self.security == "plain" and not self.insecure_plaintext:
            out.append(
                f'{s}.security = "plain" sends credentials and mail unencrypted; '
                f"set {s}.insecure_plaintext = true to allow it"
            )
        if self.timeout <= 0:
            out.append(f"{s}.timeout must be positive")
        if self.auth not in self.allowed_auth:
            out.append(f"{s}.auth must be one of {', '.join(self.allowed_auth)}")
        elif self.auth != "none" and not self.username:
            out.append(f"{s}.username is required for auth = {self.auth!r}")
        if self.auth == "password" and bool(self.password_env) == bool(self.password_command):
            out.append(f"set exactly one of {s}.password_env and {s}.password_command")
        if self.auth == "xoauth2":
            msal_set = [f for f in (self.tenant_id, self.client_id, self.client_secret_env) if f]
            if (self.token_command and msal_set) or (not self.token_command and len(msal_set) < 3):
                out.append(
                    f"for auth = 'xoauth2' set either {s}.token_command or all of "
                    f"{s}.tenant_id, {s}.client_id and {s}.client_secret_env"
                )
        return out

    def ssl_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.danger_skip_tls_verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context


class Credentials:
    """Fetches the login secret (password or OAuth token) for each connect."""

    def __init__(self, settings: ServerSettings) -> None:
        self._settings = settings
        self._app: Any = None  # msal.ConfidentialClientApplication, built lazily

    def secret(self) -> str:
        """The password, or an access token that is valid right now."""
        s = self._settings
        if s.auth == "password":
            return resolve_secret(
                env=s.password_env, command=s.password_command, what=f"{s.section}.password"
            )
        if s.token_command:
            return resolve_secret(env=None, command=s.token_command, what=f"{s.section}.token")
        return self._msal_token()

    def _msal_token(self) -> str:
        s, what = self._settings, f"{self._settings.section}.client_secret"
        if self._app is None:
            client_secret = resolve_secret(env=s.client_secret_env, command=None, what=what)
            try:
                import msal

                self._app = msal.ConfidentialClientApplication(
                    s.client_id,
                    client_credential=client_secret,
                    authority=f"https://login.microsoftonline.com/{s.tenant_id}",
                )
            except Exception as exc:  # msal raises ValueError and requests errors
                raise SecretError(
                    f"cannot set up OAuth for {s.section} (tenant {s.tenant_id}): "
                    f"{type(exc).__name__}"
                ) from None
        try:
            # msal serves a cached token until shortly before it expires.
            result = self._app.acquire_token_for_client(scopes=[s.scope])
        except Exception as exc:
            raise SecretError(
                f"cannot reach Entra ID for a {s.section} token: {type(exc).__name__}"
            ) from None
        token = result.get("access_token") if isinstance(result, dict) else None
        if not token:
            result = result if isinstance(result, dict) else {}
            error = str(result.get("error_description") or result.get("error") or "no token")
            error = error.splitlines()[0][:200]
            raise SecretError(
                f"Entra ID refused a {s.section} token for client {s.client_id}: {error}; "
                f"check {s.section}.tenant_id, client_id and the secret in {s.client_secret_env}"
            )
        return str(token)
