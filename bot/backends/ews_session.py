"""EWS settings and the one place an exchangelib account is made.  [does I/O: network]

:class:`EwsSettings` is the frozen, validated configuration of one Exchange
mailbox (``[mailbox] backend = "ews"`` or ``[outbox] backend = "ews"``).
:class:`EwsSession` builds the :class:`exchangelib.Account` lazily (the only
place a connection is configured: explicit endpoint or autodiscover, pinned
version, NTLM/Basic/OAuth2/none), resolves folders, and runs every EWS call
through :meth:`EwsSession.call`, which retries throttling (``ErrorServerBusy``,
waiting the server's ``BackOffMilliseconds``) and connection failures a
bounded number of times. exchangelib itself runs with ``FailFast`` so that
the retry policy is ours and visible. Passwords and secrets never appear in
messages; failures name the config key instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

import requests
from exchangelib import errors as ews_errors

from bot.backends.common import ExchangeSettings
from bot.secrets import SecretError, resolve_secret

log = logging.getLogger(__name__)

T = TypeVar("T")
AUTH_MODES = ("ntlm", "basic", "oauth2", "noauth")
WELL_KNOWN = ("inbox", "sentitems", "msgfolderroot")
# Pinnable server versions -> exchangelib's build constants (the API version follows).
VERSIONS = {"Exchange2010": "EXCHANGE_2010", "Exchange2010_SP1": "EXCHANGE_2010_SP1",
            "Exchange2010_SP2": "EXCHANGE_2010_SP2", "Exchange2013": "EXCHANGE_2013",
            "Exchange2013_SP1": "EXCHANGE_2013_SP1", "Exchange2016": "EXCHANGE_2016",
            "Exchange2019": "EXCHANGE_2019"}
# Safe to send again: the server did not do the work (or only read something).
_RETRYABLE = (ews_errors.ErrorTimeoutExpired, ews_errors.ErrorInternalServerTransientError,
              ews_errors.ErrorTooManyObjectsOpened, ews_errors.ErrorExceededConnectionCount,
              requests.exceptions.RequestException, OSError)


@dataclass(frozen=True, kw_only=True)
class EwsSettings(ExchangeSettings):
    """One Exchange mailbox reached over EWS (on-premises Exchange Server).

    Either ``service_endpoint`` (``https://mail.example.com/EWS/Exchange.asmx``)
    or ``autodiscover = true``. ``version`` pins the server version (no
    version-guessing round trip). ``folder``/``sent_folder`` are a well-known
    folder (``inbox``, ``sentitems``, ``msgfolderroot``) optionally followed by
    ``/Sub/Folder`` names. ``category_on_handled`` tags handled inbox items
    (these three keys come from :class:`~bot.backends.common.ExchangeSettings`).
    ``batch_size`` changes per SyncFolderItems page (the unit of progress),
    ``fetch_size`` messages per GetItem; ``retries`` and ``max_backoff``
    (seconds) bound the waiting on a busy or unreachable server.
    """

    section: ClassVar[str] = "ews"

    primary_smtp_address: str
    service_endpoint: str | None = None
    autodiscover: bool = False
    version: str | None = "Exchange2016"
    auth: str = "ntlm"
    username: str | None = None
    password_env: str | None = None
    password_command: str | None = None
    tenant_id: str | None = None
    client_id: str | None = None
    client_secret_env: str | None = None
    insecure_plaintext: bool = False
    danger_noauth_for_testing: bool = False
    batch_size: int = 100
    fetch_size: int = 10
    timeout: float = 60.0
    retries: int = 3
    max_backoff: float = 300.0

    def problems(self) -> list[str]:
        """Every configuration mistake, each naming its key."""
        s, out = self.section, []
        if "@" not in self.primary_smtp_address:
            out.append(f"{s}.primary_smtp_address must be the mailbox's e-mail address")
        if bool(self.service_endpoint) == self.autodiscover:
            out.append(f"set exactly one of {s}.service_endpoint and {s}.autodiscover = true")
        endpoint = self.service_endpoint or ""
        if endpoint and not endpoint.startswith(("https://", "http://")):
            out.append(f"{s}.service_endpoint must be an https:// URL of Exchange.asmx")
        elif endpoint.startswith("http://") and not self.insecure_plaintext:
            out.append(f"{s}.service_endpoint uses http://, which sends mail and credentials "
                       f"unencrypted; use https:// or set {s}.insecure_plaintext = true")
        if self.version is not None and self.version not in VERSIONS:
            out.append(f"{s}.version must be one of {', '.join(VERSIONS)}")
        out.extend(self._auth_problems())
        for key, value in (("folder", self.folder), ("sent_folder", self.sent_folder)):
            if value is not None and value.split("/")[0].lower() not in WELL_KNOWN:
                out.append(f"{s}.{key} must start with one of {', '.join(WELL_KNOWN)} "
                           f"(e.g. \"inbox/Expanded access\"), got {value!r}")
        out.extend(self._category_problems())
        if not 1 <= self.batch_size <= 512:
            out.append(f"{s}.batch_size must be between 1 and 512 (EWS returns at most 512)")
        if self.fetch_size < 1:
            out.append(f"{s}.fetch_size must be at least 1")
        out.extend(self._limit_problems(timeout=self.timeout, retries=self.retries,
                                        wait_key="max_backoff", wait=self.max_backoff))
        return out

    def _auth_problems(self) -> list[str]:
        s, out = self.section, []
        if self.auth not in AUTH_MODES:
            return [f"{s}.auth must be one of {', '.join(AUTH_MODES)}"]
        if self.auth in ("ntlm", "basic"):
            if not self.username:
                out.append(f"{s}.username is required for auth = {self.auth!r}")
            out.extend(self._exactly_one("password_env", "password_command"))
        if self.auth == "oauth2" and not (self.tenant_id and self.client_id and self.client_secret_env):
            out.append(f"auth = 'oauth2' needs {s}.tenant_id, {s}.client_id and {s}.client_secret_env")
        if self.auth == "noauth" and not self.danger_noauth_for_testing:
            out.append(f"{s}.auth = 'noauth' is for test servers only; "
                       f"set {s}.danger_noauth_for_testing = true to allow it")
        return out


class EwsCallError(Exception):
    """An EWS call failed after the bounded retries; ``str()`` says why.

    ``maybe_done``: the request may have reached the server and been carried
    out (a connection lost while waiting for the answer).
    """

    def __init__(self, message: str, *, code: str, maybe_done: bool) -> None:
        super().__init__(message)
        self.code = code
        self.maybe_done = maybe_done


class EwsSession:
    """A lazily built exchangelib account plus the retry policy around its calls."""

    def __init__(self, settings: EwsSettings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self._sleep = sleep
        self._account: Any = None
        self._folders: dict[str, Any] = {}

    # -- the connection seam -------------------------------------------------

    def account(self) -> Any:
        if self._account is None:
            self._account = self._connect()
        return self._account

    def _connect(self) -> Any:
        from exchangelib import (
            DELEGATE,
            IMPERSONATION,
            Account,
            Configuration,
            Credentials,
            Identity,
            OAuth2Credentials,
            Version,
        )
        from exchangelib import version as ews_version
        from exchangelib.protocol import FailFast
        from exchangelib.transport import BASIC, NOAUTH, NTLM, OAUTH2

        s = self.settings
        credentials: Any = None
        if s.auth in ("ntlm", "basic"):
            password = resolve_secret(env=s.password_env, command=s.password_command,
                                      what=f"{s.section}.password")
            credentials = Credentials(username=str(s.username), password=password)
        elif s.auth == "oauth2":
            secret = resolve_secret(env=s.client_secret_env, command=None,
                                    what=f"{s.section}.client_secret")
            credentials = OAuth2Credentials(
                client_id=s.client_id, client_secret=secret, tenant_id=s.tenant_id,
                identity=Identity(primary_smtp_address=s.primary_smtp_address))
        version = Version(build=getattr(ews_version, VERSIONS[s.version])) if s.version else None
        auth_type = {"ntlm": NTLM, "basic": BASIC, "oauth2": OAUTH2, "noauth": NOAUTH}[s.auth]
        config = Configuration(
            service_endpoint=s.service_endpoint, credentials=credentials, auth_type=auth_type,
            version=version, retry_policy=FailFast(), max_connections=1,
        )
        account = Account(
            primary_smtp_address=s.primary_smtp_address, config=config,
            autodiscover=s.autodiscover, credentials=credentials if s.autodiscover else None,
            access_type=IMPERSONATION if s.auth == "oauth2" else DELEGATE,
        )
        account.protocol.TIMEOUT = s.timeout  # per protocol; exchangelib's default is 120 s
        return account

    def folder(self, name: str) -> Any:
        """The folder ``name`` (well-known id, then ``/``-separated display names)."""
        if name not in self._folders:
            first, *rest = name.split("/")
            account = self.account()
            folder = {"inbox": lambda: account.inbox, "sentitems": lambda: account.sent,
                      "msgfolderroot": lambda: account.msg_folder_root}[first.lower()]()
            for part in rest:
                folder = folder // part  # FindFolder on one level; no full folder walk
            self._folders[name] = folder
        return self._folders[name]

    def close(self) -> None:
        account, self._account = self._account, None
        self._folders.clear()
        if account is not None:
            from exchangelib.protocol import Protocol

            with suppress(Exception):
                account.protocol.close()
            with suppress(Exception):  # exchangelib caches protocols per endpoint
                del Protocol[account.protocol.config]

    # -- the retry policy -----------------------------------------------------

    def call(self, action: str, fn: Callable[[], T], *, idempotent: bool = True) -> T:
        """Run ``fn`` (one EWS request), retrying throttling and, if idempotent, lost connections."""
        s = self.settings
        attempt = 0
        while True:
            try:
                return fn()
            except ews_errors.ErrorServerBusy as exc:
                wait = exc.back_off if exc.back_off else float(2**attempt)
                if attempt >= s.retries or wait > s.max_backoff:
                    raise self._failure(action, exc, attempts=attempt + 1,
                                        extra=f"the server asked to wait {wait:g} s") from exc
                log.warning("EWS server busy while %s; waiting %g s as it asked (retry %d of %d)",
                            action, wait, attempt + 1, s.retries)
            except SecretError as exc:
                raise EwsCallError(str(exc), code="SecretError", maybe_done=False) from exc
            except ews_errors.UnauthorizedError as exc:
                self.close()  # a rotated password is read again on the next call
                raise self._failure(action, exc, attempts=attempt + 1) from exc
            except _RETRYABLE as exc:
                if not idempotent:
                    raise self._failure(action, exc, attempts=attempt + 1,
                                        maybe_done=not _never_reached(exc)) from exc
                wait = min(float(2**attempt), s.max_backoff)
                if attempt >= s.retries:
                    raise self._failure(action, exc, attempts=attempt + 1) from exc
                log.warning("EWS connection problem while %s (%s); retrying in %g s",
                            action, type(exc).__name__, wait)
            except ews_errors.EWSError as exc:
                raise self._failure(action, exc, attempts=attempt + 1) from exc
            attempt += 1
            self._sleep(wait)

    def _failure(self, action: str, exc: BaseException, *, attempts: int,
                 extra: str = "", maybe_done: bool = False) -> EwsCallError:
        s = self.settings
        where = s.service_endpoint or f"autodiscovered endpoint of {s.primary_smtp_address}"
        text = (str(exc).splitlines() or [""])[0][:300] or type(exc).__name__
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        detail = f"{type(exc).__name__}: {text}" + (f"; {extra}" if extra else "")
        return EwsCallError(f"EWS {action} on {where} failed{tries}: {detail}",
                            code=type(exc).__name__, maybe_done=maybe_done)


def _never_reached(exc: BaseException) -> bool:
    """Whether a connection failure happened before the request could be sent."""
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, requests.exceptions.ConnectTimeout | ConnectionRefusedError):
            return True
        reason = getattr(seen.args[0], "reason", None) if seen.args else None
        if type(reason).__name__ in ("NewConnectionError", "ConnectTimeoutError", "NameResolutionError"):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
