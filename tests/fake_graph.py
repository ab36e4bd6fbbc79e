"""A fake Microsoft Graph and Entra ID token endpoint over HTTPS on 127.0.0.1.  [does I/O]

msal insists on an https authority, so the server has a self-signed
certificate for 127.0.0.1 (its PEM is :attr:`FakeGraph.ca_file`). It serves:

* ``/{tenant}/v2.0/.well-known/openid-configuration`` and
  ``/{tenant}/oauth2/v2.0/token`` (client credentials; opaque bearer tokens);
* ``/v1.0/users/{user}/mailFolders/{folder}/messages/delta`` with
  ``Prefer: odata.maxpagesize``, ``@odata.nextLink`` (``$skiptoken``) and
  ``@odata.deltaLink`` (``$deltatoken``), ``@removed`` entries, and 410 Gone
  (``syncStateNotFound``) for tokens issued before :meth:`FakeGraph.lose_sync_state`;
* ``/messages/{id}/$value`` (the MIME), ``/messages/{id}`` GET/PATCH
  (categories), ``/mailFolders/{folder}`` (``totalItemCount``),
  ``/mailFolders/{folder}/messages?$filter=internetMessageId eq '…'`` and
  ``POST /sendMail`` with a base64 MIME body (202; the copy lands in
  ``sentitems``).

Faults: 429/503 with ``Retry-After``, 401 ``InvalidAuthenticationToken`` for
tokens issued before :meth:`FakeGraph.expire_tokens`, connections cut half-way
through a response.
"""

from __future__ import annotations

import base64
import json
import secrets
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jwt

from tests.helpers import QuietHandler, make_certificate, serve_http

TENANT = "00000000-0000-0000-0000-0000000000aa"
CLIENT_ID = "11111111-1111-1111-1111-1111111111bb"
CLIENT_SECRET = "fake-graph-client-secret"


@dataclass
class Message:
    id: str
    folder: str
    mime: bytes
    received: datetime
    seq: int  # position in the change log (creation or last change)
    categories: list[str] = field(default_factory=list)

    @property
    def internet_message_id(self) -> str:
        return str(message_from_bytes(self.mime, policy=policy.compat32).get("Message-ID", "")).strip()


@dataclass
class Fault:
    kind: str  # "throttle" | "drop" | "error"
    path: str | None
    times: int
    status: int = 429
    retry_after: str = "1"
    code: str = ""


class FakeGraph:
    """State of one fake tenant with one mailbox, plus queued faults."""

    def __init__(self, user: str = "clinical@example.com") -> None:
        self.user = user
        self.lock = threading.Lock()
        self.messages: list[Message] = []
        self.removed: list[tuple[str, str, int]] = []  # (folder, id, seq)
        self.sent: list[bytes] = []
        self.requests: list[tuple[str, str]] = []  # (method, path with query)
        self.tokens: set[str] = set()
        self.tokens_issued = 0
        self.reject_tokens = False  # every bearer token is refused (401), even fresh ones
        self.client_certificate: Any = None  # an x509 certificate for private_key_jwt logins
        self.assertion_errors: list[str] = []
        self.faults: list[Fault] = []
        self.generation = 1
        self._seq = 0
        self.server: ThreadingHTTPServer | None = None
        self.ca_file: str = ""

    @property
    def origin(self) -> str:
        assert self.server is not None
        return f"https://127.0.0.1:{self.server.server_address[1]}"

    # -- arranging ------------------------------------------------------------

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def deliver(self, raw: bytes, *, folder: str = "inbox", received: datetime | None = None) -> str:
        with self.lock:
            if received is None:
                date = message_from_bytes(raw, policy=policy.compat32).get("Date")
                received = parsedate_to_datetime(date) if date else datetime.now(UTC)
            msg = Message("AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A" + secrets.token_urlsafe(40) + "AAA=",
                          folder, raw, received.astimezone(UTC).replace(microsecond=0),
                          self._next_seq())
            self.messages.append(msg)
            return msg.id

    def remove(self, message_id: str) -> None:
        with self.lock:
            msg = next(m for m in self.messages if m.id == message_id)
            self.messages.remove(msg)
            self.removed.append((msg.folder, msg.id, self._next_seq()))

    def expire_tokens(self) -> None:
        self.tokens.clear()

    def lose_sync_state(self) -> None:
        self.generation += 1

    def throttle(self, times: int = 1, *, status: int = 429, retry_after: str = "1",
                 path: str | None = None) -> None:
        self.faults.append(Fault("throttle", path, times, status, retry_after))

    def drop(self, times: int = 1, *, path: str | None = None) -> None:
        self.faults.append(Fault("drop", path, times))

    def fail(self, status: int, code: str, *, times: int = 1, path: str | None = None) -> None:
        self.faults.append(Fault("error", path, times, status, code=code))

    def take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.times > 0 and (fault.path is None or fault.path in path):
                    fault.times -= 1
                    return fault
        return None

    # -- delta ----------------------------------------------------------------

    def _token(self, data: dict[str, Any]) -> str:
        data = {**data, "g": self.generation}
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    def _untoken(self, text: str) -> dict[str, Any] | None:
        try:
            data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        except ValueError:
            return None
        return data if data.get("g") == self.generation else None

    def delta(self, folder: str, query: dict[str, list[str]], page_size: int, base: str) -> tuple[int, Any]:
        with self.lock:
            if "$skiptoken" in query or "$deltatoken" in query:
                data = self._untoken((query.get("$skiptoken") or query["$deltatoken"])[0])
                if data is None or data["f"] != folder:
                    return 410, _error("syncStateNotFound", "The sync state generation is not "
                                       "found. The delta token is expired and data must be "
                                       "synchronized again.")
                since, upto = int(data["since"]), int(data.get("upto", self._seq))
            else:
                since, upto = 0, self._seq
            changes: list[dict[str, Any]] = [
                {"@odata.type": "#microsoft.graph.message", "@odata.etag": f'W/"CQAAAB{m.seq}"',
                 "id": m.id, "receivedDateTime": f"{m.received:%Y-%m-%dT%H:%M:%SZ}",
                 "internetMessageId": m.internet_message_id, "_seq": m.seq}
                for m in self.messages if m.folder == folder and since < m.seq <= upto]
            if since:
                changes += [{"@odata.type": "#microsoft.graph.message", "id": mid,
                             "@removed": {"reason": "deleted"}, "_seq": seq}
                            for f, mid, seq in self.removed if f == folder and since < seq <= upto]
            changes.sort(key=lambda c: c["_seq"])
            page, rest = changes[:page_size], changes[page_size:]
            for entry in page:
                del entry["_seq"]
            body: dict[str, Any] = {
                "@odata.context": f"{base}/$metadata#Collection(message)", "value": page}
            if rest:
                last = int(rest[0]["_seq"]) - 1
                skip = self._token({"f": folder, "since": last, "upto": upto})
                body["@odata.nextLink"] = (f"{base}/users/{self.user}/mailFolders/{folder}/messages/"
                                           f"delta?$skiptoken={skip}")
            else:
                body["@odata.deltaLink"] = (f"{base}/users/{self.user}/mailFolders/{folder}/messages/"
                                            f"delta?$deltatoken={self._token({'f': folder, 'since': upto})}")
            return 200, body

    def send_mail(self, mime: bytes) -> None:
        with self.lock:
            self.sent.append(mime)
            self.messages.append(Message("AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0B" + secrets.token_urlsafe(40),
                                         "sentitems", mime, datetime.now(UTC).replace(microsecond=0),
                                         self._next_seq()))

    def find(self, message_id: str) -> Message | None:
        return next((m for m in self.messages if m.id == message_id), None)


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "innerError": {
        "date": f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%S}",
        "request-id": "b5e7a2c0-5f44-4d8a-9d1e-2f1c2a7e0c11",
        "client-request-id": "b5e7a2c0-5f44-4d8a-9d1e-2f1c2a7e0c11"}}}


class _Handler(QuietHandler):
    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def _dispatch(self, method: str) -> None:
        fake: FakeGraph = self.server.fake
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        fake.requests.append((method, unquote(self.path)))
        if path.startswith(f"/{TENANT}/"):
            return self._oauth(fake, path, body)
        if not path.startswith("/v1.0/"):
            return self._json(404, _error("BadRequest", "Resource not found for the segment."))
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        if fake.reject_tokens or token not in fake.tokens:
            return self._json(401, _error("InvalidAuthenticationToken",
                                          "Lifetime validation failed, the token is expired."),
                              {"WWW-Authenticate": 'Bearer realm="", error="invalid_token"'})
        fault = fake.take_fault(path)
        if fault is not None and fault.kind == "throttle":
            return self._json(fault.status, _error(
                "ApplicationThrottled" if fault.status == 429 else "ServiceUnavailable",
                "Application is over its MailboxConcurrency limit."),
                {"Retry-After": fault.retry_after})
        if fault is not None and fault.kind == "error":
            return self._json(fault.status, _error(fault.code, f"{fault.code} (arranged by the test)"))
        status, payload, kind = self._api(fake, method, path, query, body)
        if fault is not None and fault.kind == "drop" and len(payload) < 2:
            self.close_connection = True  # the work is done but no answer arrives
            self.connection.close()
            return None
        if fault is not None and fault.kind == "drop":
            return self.reply_half_and_cut(status, payload, kind)
        return self._send(status, payload, kind)

    def _oauth(self, fake: FakeGraph, path: str, body: bytes) -> None:
        base = f"{fake.origin}/{TENANT}"
        if path.endswith("/v2.0/.well-known/openid-configuration"):
            return self._json(200, {
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "issuer": f"{base}/v2.0", "jwks_uri": f"{base}/discovery/v2.0/keys",
                "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"],
                "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
                "tenant_region_scope": "EU"})
        if path.endswith("/oauth2/v2.0/token"):
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            if form.get("client_id") != CLIENT_ID or not (
                    form.get("client_secret") == CLIENT_SECRET or self._assertion_ok(fake, form)):
                return self._json(401, {"error": "invalid_client", "error_description":
                                        "AADSTS7000215: Invalid client secret provided."})
            token = "eyJ0eXAiOiJKV1QiLCJub25jZSI6" + secrets.token_urlsafe(48)
            with fake.lock:
                fake.tokens.add(token)
                fake.tokens_issued += 1
            return self._json(200, {"token_type": "Bearer", "expires_in": 3599,
                                    "ext_expires_in": 3599, "access_token": token})
        return self._json(404, {"error": "not_found"})

    def _assertion_ok(self, fake: FakeGraph, form: dict[str, str]) -> bool:
        """A client assertion (RFC 7523) signed with the registered certificate's key."""
        if fake.client_certificate is None or "client_assertion" not in form:
            return False
        try:
            claims = jwt.decode(form["client_assertion"], fake.client_certificate.public_key(),
                                algorithms=["RS256", "PS256"],
                                audience=f"{fake.origin}/{TENANT}/oauth2/v2.0/token")
        except jwt.PyJWTError as exc:
            fake.assertion_errors.append(repr(exc))
            return False
        return bool(claims.get("iss") == CLIENT_ID == claims.get("sub"))

    def _api(self, fake: FakeGraph, method: str, path: str, query: dict[str, list[str]],
             body: bytes) -> tuple[int, bytes, str]:
        user_prefix = f"/v1.0/users/{fake.user}"
        if not path.startswith(user_prefix):
            error = _error("ErrorInvalidUser", "The requested user is invalid.")
            return 404, json.dumps(error).encode(), "application/json"
        rest = path[len(user_prefix):].strip("/").split("/")
        base = f"{fake.origin}/v1.0"
        status: int
        payload: Any
        if rest[0] == "sendMail" and method == "POST":
            assert self.headers.get("Content-Type", "").startswith("text/plain")
            fake.send_mail(base64.b64decode(body))
            return 202, b"", "text/plain"
        if rest[0] == "mailFolders" and len(rest) == 4 and rest[3] == "delta":
            size = int(self.headers.get("Prefer", "odata.maxpagesize=10").split("odata.maxpagesize=")[1]
                       .split(",")[0])
            status, payload = fake.delta(rest[1], query, size, base)
        elif rest[0] == "mailFolders" and len(rest) == 2:
            count = sum(1 for m in fake.messages if m.folder == rest[1])
            status, payload = 200, {"id": "AQMkAD" + rest[1], "displayName": rest[1].title(),
                                    "totalItemCount": count, "unreadItemCount": count}
        elif rest[0] == "mailFolders" and len(rest) == 3 and rest[2] == "messages":
            wanted = query.get("$filter", [""])[0].split("eq '", 1)[-1][:-1].replace("''", "'")
            hits = [{"id": m.id} for m in fake.messages
                    if m.folder == rest[1] and m.internet_message_id == wanted]
            status, payload = 200, {"value": hits[: int(query.get("$top", ["10"])[0])]}
        elif rest[0] == "messages" and len(rest) == 3 and rest[2] == "$value":
            msg = fake.find(rest[1])
            if msg is None:
                status, payload = 404, _error("ErrorItemNotFound", "The specified object was not "
                                              "found in the store.")
            else:
                return 200, msg.mime, "text/plain"
        elif rest[0] == "messages" and len(rest) == 2:
            msg = fake.find(rest[1])
            if msg is None:
                status, payload = 404, _error("ErrorItemNotFound", "Not found.")
            else:
                if method == "PATCH":
                    with fake.lock:
                        msg.categories = list(json.loads(body)["categories"])
                        msg.seq = fake._next_seq()  # a change: the next delta round reports it
                status, payload = 200, {"id": msg.id, "categories": msg.categories,
                                        "receivedDateTime": f"{msg.received:%Y-%m-%dT%H:%M:%SZ}"}
        else:
            status, payload = 400, _error("BadRequest", f"Unsupported fake path {path}")
        return status, json.dumps(payload).encode(), "application/json; odata.metadata=minimal"

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json", headers)

    def _send(self, status: int, payload: bytes, kind: str,
              headers: dict[str, str] | None = None) -> None:
        self.reply(status, payload, kind,
                   {"request-id": "b5e7a2c0-5f44-4d8a-9d1e-2f1c2a7e0c11", **(headers or {})})


def serve(fake: FakeGraph, directory: Path) -> Iterator[FakeGraph]:
    """Run ``fake`` over HTTPS on an ephemeral port of 127.0.0.1 until the generator is closed."""
    cert, key = make_certificate(directory, "fake-graph")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    fake.ca_file = str(cert)
    yield from serve_http(fake, _Handler, name="fake-graph", tls=context)
