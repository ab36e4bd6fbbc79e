"""Microsoft Graph settings, app-only tokens and the HTTP retry policy.  [does I/O: network]

:class:`GraphSettings` is the frozen, validated configuration of one mailbox
reached through Microsoft Graph (``[mailbox] backend = "graph"`` or
``[outbox] backend = "graph"``). :class:`GraphClient` is the one place HTTP
requests are made (httpx) and tokens obtained (msal client credentials, with
a client secret or a certificate). Its :meth:`GraphClient.request`:

* honours ``Retry-After`` on 429/503 (and 504 for reads) a bounded number of
  times (``retries``; a wait longer than ``max_retry_after`` gives up at once);
* on a 401 (expired or revoked token) drops the cached token, gets a new one
  and retries once;
* retries lost connections for idempotent requests only; for a POST it
  reports whether the request may have been carried out (``maybe_done``).

Tokens, secrets and delta/skip tokens never appear in messages or logs.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

import httpx

from bot.backends.common import ExchangeSettings
from bot.secrets import SecretError, resolve_secret

log = logging.getLogger(__name__)

GRAPH_URL = "https://graph.microsoft.com/v1.0"
AUTHORITY_URL = "https://login.microsoftonline.com"
_THROTTLED = (429, 503)
_LOST_SYNC = {"syncstatenotfound", "resyncrequired", "syncstateinvalid", "invaliddeltatoken"}


@dataclass(frozen=True, kw_only=True)
class GraphSettings(ExchangeSettings):
    """One Exchange Online mailbox through Microsoft Graph, app-only.

    The app registration needs the application permissions ``Mail.ReadWrite``
    and ``Mail.Send``, limited to this mailbox (RBAC for Applications or an
    application access policy). Log in with ``client_secret_env`` /
    ``client_secret_command`` or ``certificate_path`` (PEM with the private
    key) plus ``certificate_thumbprint``. ``user`` is the mailbox's address or
    object id. ``base_url``/``authority_url`` point elsewhere for national
    clouds or tests; ``ca_file`` adds a CA bundle (TLS-inspecting proxies).
    ``folder``, ``sent_folder`` and ``category_on_handled`` come from
    :class:`~bot.backends.common.ExchangeSettings`.
    """

    section: ClassVar[str] = "graph"

    tenant_id: str
    client_id: str
    user: str
    client_secret_env: str | None = None
    client_secret_command: str | None = None
    certificate_path: str | None = None
    certificate_thumbprint: str | None = None
    certificate_password_env: str | None = None
    base_url: str = GRAPH_URL
    authority_url: str = AUTHORITY_URL
    ca_file: str | None = None
    page_size: int = 50
    timeout: float = 30.0
    retries: int = 4
    max_retry_after: float = 300.0

    @property
    def scope(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}/.default"

    def problems(self) -> list[str]:
        """Every configuration mistake, each naming its key."""
        s, out = self.section, []
        for key in ("tenant_id", "client_id", "user"):
            if not str(getattr(self, key)).strip():
                out.append(f"{s}.{key} is empty")
        out.extend(self._exactly_one("client_secret_env", "client_secret_command",
                                     "certificate_path"))
        if self.certificate_path and not self.certificate_thumbprint:
            out.append(f"{s}.certificate_thumbprint is required with {s}.certificate_path")
        for key in ("base_url", "authority_url"):
            if not str(getattr(self, key)).startswith("https://"):
                out.append(f"{s}.{key} must be an https:// URL")
        if self.ca_file is not None and not Path(self.ca_file).is_file():
            out.append(f"{s}.ca_file {self.ca_file!r} is not a file")
        for key in ("folder", "sent_folder"):
            value = getattr(self, key)
            if value is not None and (not value or "/" in value):
                out.append(f"{s}.{key} must be a well-known folder name (inbox, sentitems) "
                           f"or a folder id, got {value!r}")
        out.extend(self._category_problems())
        if not 1 <= self.page_size <= 1000:
            out.append(f"{s}.page_size must be between 1 and 1000")
        out.extend(self._limit_problems(timeout=self.timeout, retries=self.retries,
                                        wait_key="max_retry_after", wait=self.max_retry_after))
        return out


class GraphError(Exception):
    """A Graph request failed (after the bounded retries); ``str()`` says why.

    ``status`` is the HTTP status (None: no answer), ``code`` Graph's error
    code; ``maybe_done``: a POST may have been carried out although no answer
    arrived (a lost connection, a gateway timeout).
    """

    def __init__(self, message: str, *, status: int | None, code: str = "",
                 maybe_done: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.maybe_done = maybe_done

    @property
    def lost_sync_state(self) -> bool:
        """The delta or skip token is no longer known: start a full round again."""
        return self.status == 410 or self.code.lower() in _LOST_SYNC


class GraphClient:
    """httpx + msal for one mailbox; every request goes through :meth:`request`."""

    def __init__(self, settings: GraphSettings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self._sleep = sleep
        verify: ssl.SSLContext | bool = True
        if settings.ca_file:
            verify = ssl.create_default_context(cafile=settings.ca_file)
        self._http = httpx.Client(timeout=settings.timeout, verify=verify)
        self._app: Any = None
        origin = urlsplit(settings.base_url)
        self._origin = f"{origin.scheme}://{origin.netloc}"

    def user_url(self, path: str) -> str:
        return f"{self.settings.base_url}/users/{quote(self.settings.user, safe='@')}{path}"

    def close(self) -> None:
        self._http.close()

    # -- tokens ----------------------------------------------------------------

    def _token(self) -> str:
        s = self.settings
        if self._app is None:
            self._app = self._build_app()
        try:
            result = self._app.acquire_token_for_client(scopes=[s.scope])
        except Exception as exc:  # requests errors from msal's HTTP client
            raise GraphError(f"cannot reach Entra ID for a Graph token: {type(exc).__name__}",
                             status=None, code="token") from None
        token = result.get("access_token") if isinstance(result, dict) else None
        if not token:
            result = result if isinstance(result, dict) else {}
            error = str(result.get("error_description") or result.get("error") or "no token")
            raise GraphError(
                f"Entra ID refused a Graph token for client {s.client_id}: "
                f"{error.splitlines()[0][:200]}; check {s.section}.tenant_id, client_id and "
                "the credential", status=None, code="token")
        return str(token)

    def _build_app(self) -> Any:
        import msal

        s = self.settings
        try:
            credential: Any
            if s.certificate_path:
                try:
                    private_key = Path(s.certificate_path).read_text()
                except OSError as exc:
                    raise SecretError(f"cannot read {s.section}.certificate_path: "
                                      f"{exc.strerror or type(exc).__name__}") from None
                credential = {"private_key": private_key, "thumbprint": s.certificate_thumbprint}
                if s.certificate_password_env:
                    credential["passphrase"] = resolve_secret(
                        env=s.certificate_password_env, command=None,
                        what=f"{s.section}.certificate_password")
            else:
                credential = resolve_secret(env=s.client_secret_env, command=s.client_secret_command,
                                            what=f"{s.section}.client_secret")
            return msal.ConfidentialClientApplication(
                s.client_id, client_credential=credential,
                authority=f"{s.authority_url.rstrip('/')}/{s.tenant_id}",
                http_client=_MsalHttp(self._http), instance_discovery=False,
            )
        except SecretError as exc:
            raise GraphError(str(exc), status=None, code="token") from None
        except Exception as exc:  # msal raises ValueError and HTTP errors
            raise GraphError(f"cannot set up OAuth for tenant {s.tenant_id}: {type(exc).__name__}",
                             status=None, code="token") from None

    # -- requests --------------------------------------------------------------

    def request(self, method: str, url: str, *, action: str, params: dict[str, str] | None = None,
                headers: dict[str, str] | None = None, content: bytes | None = None,
                json: Any = None, idempotent: bool = True) -> httpx.Response:
        """One Graph request with the retry policy of this module; raises :class:`GraphError`."""
        if not url.startswith(self._origin + "/"):  # next/delta links come from the server
            raise GraphError(f"Graph {action}: refusing a link outside {self._origin}", status=None)
        s, attempt, refreshed = self.settings, 0, False
        while True:
            try:
                response = self._http.request(method, url, params=params, content=content, json=json,
                                              headers={**(headers or {}),
                                                       "Authorization": f"Bearer {self._token()}"})
            except httpx.TransportError as exc:
                never = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
                if not idempotent or attempt >= s.retries:
                    raise GraphError(f"Graph {action} for {s.user} failed: {_describe(exc)}",
                                     status=None, maybe_done=not idempotent and not never) from exc
                wait = min(float(2**attempt), s.max_retry_after)
                log.warning("Graph %s: %s; retrying in %g s", action, type(exc).__name__, wait)
            else:
                status = response.status_code
                if status < 400:
                    return response
                if status == 401 and not refreshed:
                    log.info("Graph %s: token rejected (%s); getting a new one", action,
                             _error(response)[0])
                    self._app, refreshed = None, True  # a fresh app has an empty token cache
                    continue
                retryable = status in _THROTTLED or (status == 504 and idempotent)
                wait = _retry_after(response, default=float(2**attempt))
                if not retryable or attempt >= s.retries or wait > s.max_retry_after:
                    code, text = _error(response)
                    asked = retryable and "Retry-After" in response.headers
                    extra = f"; the server asked to wait {wait:g} s" if asked else ""
                    raise GraphError(
                        f"Graph {action} for {s.user} failed: HTTP {status} {code}: {text}{extra}",
                        status=status, code=code,
                        maybe_done=not idempotent and status >= 500 and status not in _THROTTLED)
                log.warning("Graph %s: HTTP %d; waiting %g s as asked (retry %d of %d)",
                            action, status, wait, attempt + 1, s.retries)
            attempt += 1
            self._sleep(wait)


class _MsalHttp:
    """msal's ``http_client`` on our httpx client: same TLS trust, timeouts and proxies.

    (msal's default, a requests session, lets ``REQUESTS_CA_BUNDLE`` override
    the CA bundle it was given.)
    """

    def __init__(self, http: httpx.Client) -> None:
        self._http = http

    def get(self, url: str, params: Any = None, headers: Any = None, **_: Any) -> httpx.Response:
        return self._http.get(url, params=params, headers=headers)

    def post(self, url: str, params: Any = None, data: Any = None, headers: Any = None,
             **_: Any) -> httpx.Response:
        if isinstance(data, dict):  # msal passes the client assertion as bytes; httpx would repr it
            data = {k: v.decode() if isinstance(v, bytes) else v for k, v in data.items()}
        return self._http.post(url, params=params, data=data, headers=headers)

    def close(self) -> None:
        """The httpx client belongs to :class:`GraphClient`, which closes it."""


def _retry_after(response: httpx.Response, *, default: float) -> float:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return default
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return default


def _error(response: httpx.Response) -> tuple[str, str]:
    """Graph's error code and the first line of its message (never a token)."""
    try:
        error = response.json().get("error", {})
        code, text = str(error.get("code", "")), str(error.get("message", ""))
    except (ValueError, AttributeError):
        code, text = "", response.reason_phrase
    return code, (text.splitlines() or [""])[0][:300]


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
