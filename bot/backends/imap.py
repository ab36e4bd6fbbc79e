"""IMAP mailbox backend (imapclient).  [does I/O: network]

Reads a folder incrementally by UID: ``EXAMINE`` (read-only) plus
``BODY.PEEK[]`` so nothing ever becomes ``\\Seen``; never deletes, never
expunges. Connections are made only through the :meth:`ImapMailbox._connect`
seam. A mailbox object keeps its connection between calls (a cycle's poll,
Sent poll and count share one login) until :meth:`ImapMailbox.close`; it is
checked with NOOP before reuse and replaced when the server dropped it, and
outside ``idle = true`` it is not reused after ``KEEP_S`` seconds unused. A call
made while a poll is suspended (e.g. ``mark_handled`` of the message being
yielded) gets a short-lived connection of its own, so the poll's selected
folder never changes under it. The cursor holds ``imap:<folder>:uidvalidity``
and ``imap:<folder>:last_uid``; ``last_uid`` advances only after the caller has
consumed a message. ``RawMessage.raw`` is the whole message as the server
sends it (``BODY.PEEK[]``). Every network or protocol failure becomes
:class:`MailboxError`, whose text never contains a credential.

Performance notes (see benchmarks/imap_backlog.py): imapclient sets imaplib's
debug level to 5, which makes imaplib format the repr of every response,
message literals included, even when nothing is logged (about 0.5 ms per
25 KB message); ``_connect`` turns that off unless the ``imapclient.imaplib``
logger is enabled for DEBUG. TLS contexts are built once per process and
settings (loading the CA store takes ~25 ms), and not at all for plain text.
"""

from __future__ import annotations

import functools
import imaplib
import logging
import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any, ClassVar

from imapclient import IMAPClient

from bot.backends.base import Cursor, MailboxError, RawMessage
from bot.secrets import Credentials, SecretError, ServerSettings

log = logging.getLogger(__name__)

IDLE_RENEW_S = 600.0  # re-issue IDLE at least this often; some servers go silent
KEEP_S = 60.0  # outside idle mode, a kept connection unused this long is replaced
SEARCH_WINDOW = 5_000  # UIDs per UID SEARCH when reading a backlog
_FAILURES = (imaplib.IMAP4.error, OSError, SecretError)  # IMAP4.abort is an IMAP4.error
_ATOM_SPECIALS = set('(){ %*"\\]')


@dataclass(frozen=True, kw_only=True)
class ImapSettings(ServerSettings):
    """One IMAP account and folder; see :class:`ServerSettings` for login/TLS."""

    section: ClassVar[str] = "imap"

    folder: str = "INBOX"
    sent_folder: str | None = None
    batch_size: int = 50
    idle: bool = False
    handled_keyword: str | None = None
    move_handled_to: str | None = None

    @property
    def effective_port(self) -> int:
        return self.port or (993 if self.security == "tls" else 143)

    def problems(self) -> list[str]:
        out = super().problems()
        if not self.folder:
            out.append("imap.folder is empty")
        if self.batch_size < 1:
            out.append("imap.batch_size must be at least 1")
        keyword = self.handled_keyword
        if keyword is not None and (
            not keyword or keyword.startswith("\\") or _ATOM_SPECIALS & set(keyword)
            or not keyword.isascii() or not keyword.isprintable()
        ):
            out.append(f"imap.handled_keyword {keyword!r} is not a valid IMAP keyword")
        return out


class ImapMailbox:
    """The :class:`~bot.backends.base.Mailbox` of one IMAP folder."""

    def __init__(self, settings: ImapSettings, *, name: str = "imap") -> None:
        self.name = name
        self.settings = settings
        self._credentials = Credentials(settings)
        self._client: Any = None  # the kept connection
        self._kept_in_use = False
        self._last_used = 0.0
        self._noted: set[str] = set()
        if settings.danger_skip_tls_verify:
            log.warning("%s: TLS certificate verification is OFF for %s", name, settings.host)

    # -- the connection seam -------------------------------------------------

    def _connect(self) -> Any:
        """Open, secure and log in one connection; the only place one is made."""
        s = self.settings
        context = None if s.security == "plain" else _tls_context(s)
        client = IMAPClient(
            s.host, s.effective_port, ssl=s.security == "tls",
            ssl_context=context, timeout=s.timeout,
        )
        try:
            _quiet_imaplib(client)
            if s.security == "starttls":
                client.starttls(context)
            secret = self._credentials.secret()
            if s.auth == "xoauth2":
                client.oauth2_login(s.username, secret)
            else:
                client.login(s.username, secret)
        except BaseException:
            _hang_up(client)
            raise
        client.normalise_times = False  # aware INTERNALDATE datetimes
        return client

    @contextmanager
    def _session(self) -> Iterator[Any]:
        """The kept connection, or a short-lived one while a poll holds the kept one."""
        if self._kept_in_use:  # a suspended poll() must not see another SELECT
            client = self._connect()
            try:
                yield client
            finally:
                _hang_up(client)
            return
        if (self._client is not None and not self.settings.idle
                and time.monotonic() - self._last_used > KEEP_S):
            self._drop()
        if self._client is not None:
            try:
                self._client.noop()  # the server may have dropped it while we were away
            except _FAILURES:
                self._drop()
        if self._client is None:
            self._client = self._connect()
        self._kept_in_use = True
        try:
            yield self._client
        except Exception:
            self._drop()
            raise
        finally:
            self._kept_in_use = False
            self._last_used = time.monotonic()

    @contextmanager
    def _failures(self, action: str) -> Iterator[None]:
        try:
            yield
        except _FAILURES as exc:
            s = self.settings
            raise MailboxError(
                f"IMAP {action} on {s.host}:{s.effective_port} as {s.username} failed: "
                f"{_describe(exc, s.timeout)}"
            ) from exc

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _hang_up(client)

    def _note_once(self, key: str, message: str, *args: object) -> None:
        if key not in self._noted:
            self._noted.add(key)
            log.warning(message, *args)

    # -- Mailbox protocol ----------------------------------------------------

    def poll(self, cursor: Cursor) -> Iterator[RawMessage]:
        return self._read_new(cursor, self.settings.folder)

    def poll_sent(self, cursor: Cursor) -> Iterator[RawMessage]:
        if self.settings.sent_folder is None:
            return iter(())
        return self._read_new(cursor, self.settings.sent_folder)

    def key_prefix(self, cursor: Cursor) -> str | None:
        """Backend-key prefix of the inbox's current UIDVALIDITY (for reconciliation)."""
        folder = self.settings.folder
        validity = cursor.get(f"imap:{folder}:uidvalidity")
        return None if validity is None else f"imap:{folder}:{validity}:"

    def count(self) -> int | None:
        with self._failures(f"counting {self.settings.folder}"), self._session() as client:
            return int(client.select_folder(self.settings.folder, readonly=True)[b"EXISTS"])

    def fetch(self, backend_key: str) -> RawMessage | None:
        """One message by key (``imap:<folder>:<uidvalidity>:<uid>``) with ``BODY.PEEK[]``
        (never sets \\Seen); None when the UID is gone or UIDVALIDITY changed."""
        folder, validity, uid = _parse_key(backend_key)
        with self._failures(f"reading {backend_key}"), self._session() as client:
            info = client.select_folder(folder, readonly=True)
            if int(info[b"UIDVALIDITY"]) != validity:
                return None
            item = client.fetch([uid], ["BODY.PEEK[]", "INTERNALDATE"]).get(uid)
        if item is None:
            return None
        return RawMessage(backend_key=backend_key, raw=bytes(item[b"BODY[]"]),
                          received_at=_utc(item[b"INTERNALDATE"]), folder=folder)

    def mark_handled(self, message: RawMessage) -> None:
        """Add the handled keyword and/or MOVE, each only where the server allows it."""
        s = self.settings
        if not (s.handled_keyword or s.move_handled_to):
            return
        folder, validity, uid = _parse_key(message.backend_key)
        with self._failures(f"marking {message.backend_key}"), self._session() as client:
            info = client.select_folder(folder)
            if int(info[b"UIDVALIDITY"]) != validity:
                log.info("%s: not marking %s: UIDVALIDITY changed", self.name, message.backend_key)
                return
            if s.handled_keyword:
                allowed = info.get(b"PERMANENTFLAGS", ())
                if b"\\*" in allowed or s.handled_keyword.encode() in allowed:
                    client.add_flags([uid], [s.handled_keyword], silent=True)
                else:
                    self._note_once(
                        "keyword", "%s: %s does not allow keywords here; not adding %r",
                        self.name, s.host, s.handled_keyword,
                    )
            if s.move_handled_to:
                if client.has_capability("MOVE"):
                    client.move([uid], s.move_handled_to)
                else:  # COPY + \Deleted + EXPUNGE would delete: never
                    self._note_once(
                        "move", "%s: %s lacks MOVE; not moving handled mail", self.name, s.host
                    )

    def close(self) -> None:
        self._drop()

    # -- extras: Sent folder and IDLE -----------------------------------------

    def append_sent(self, message: EmailMessage) -> bool:
        """APPEND a copy to the Sent folder flagged \\Seen; False when none is set."""
        folder = self.settings.sent_folder
        if folder is None:
            return False
        raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        with self._failures(f"appending to {folder}"), self._session() as client:
            client.append(folder, raw, flags=["\\Seen"])
        return True

    def has_message_id(self, message_id: str) -> bool | None:
        """Whether the Sent folder holds a message with this Message-ID; None if unset."""
        folder = self.settings.sent_folder
        if folder is None:
            return None
        with self._failures(f"searching {folder}"), self._session() as client:
            client.select_folder(folder, readonly=True)
            return bool(client.search(["HEADER", "Message-ID", message_id.strip()]))

    def idle_wait(self, timeout_s: float) -> bool:
        """Block until the server signals new mail (True) or ``timeout_s`` passes (False).

        IDLE is re-issued at least every 10 minutes. A server without IDLE
        makes this a plain sleep that returns False.
        """
        deadline = time.monotonic() + timeout_s
        folder = self.settings.folder
        with self._failures(f"waiting for mail in {folder}"), self._session() as client:
            if not client.has_capability("IDLE"):
                self._note_once("idle", "%s: server lacks IDLE; sleeping instead", self.name)
                time.sleep(max(0.0, timeout_s))
                return False
            client.select_folder(folder, readonly=True)
            while (remaining := deadline - time.monotonic()) > 0:
                client.idle()
                responses = client.idle_check(timeout=min(remaining, IDLE_RENEW_S))
                _text, more = client.idle_done()
                if any(_is_new_mail(r) for r in [*responses, *more]):
                    return True
        return False

    # -- the incremental read -------------------------------------------------

    def _read_new(self, cursor: Cursor, folder: str) -> Iterator[RawMessage]:
        last_key = f"imap:{folder}:last_uid"
        with self._failures(f"reading {folder}"), self._session() as client:
            info = client.select_folder(folder, readonly=True)
            validity = int(info[b"UIDVALIDITY"])
            last = self._start_uid(cursor, folder, validity)
            uidnext = info.get(b"UIDNEXT")
            size = self.settings.batch_size
            for uids in _new_uids(client, last, int(uidnext) if uidnext else None):
                for start in range(0, len(uids), size):
                    batch = uids[start : start + size]
                    fetched = client.fetch(batch, ["BODY.PEEK[]", "INTERNALDATE"])
                    for uid in batch:
                        item = fetched.get(uid)
                        if item is not None:  # None: expunged meanwhile, nothing to report
                            yield RawMessage(
                                backend_key=f"imap:{folder}:{validity}:{uid}",
                                raw=bytes(item[b"BODY[]"]),
                                received_at=_utc(item[b"INTERNALDATE"]),
                                folder=folder,
                            )
                        cursor.set(last_key, str(uid))

    def _start_uid(self, cursor: Cursor, folder: str, validity: int) -> int:
        validity_key, last_key = f"imap:{folder}:uidvalidity", f"imap:{folder}:last_uid"
        known = cursor.get(validity_key)
        if known == str(validity):
            return int(cursor.get(last_key) or 0)
        if known is not None:
            log.warning(
                "%s: UIDVALIDITY of %s changed from %s to %s; reading the whole folder again "
                "(the store drops what it already has)", self.name, folder, known, validity,
            )
        cursor.set(last_key, "0")  # first, so a crash in between cannot skip mail
        cursor.set(validity_key, str(validity))
        return 0


def _new_uids(client: Any, last: int, uidnext: int | None) -> Iterator[list[int]]:
    """The UIDs above ``last``, ascending, in windows of at most ``SEARCH_WINDOW``.

    Searching ``last+1:*`` in one go would hold every UID of a big backlog at
    once (about 11 MB of parsed response for 50,000); windows up to the
    SELECT's UIDNEXT keep that flat (after an empty window the next is wider,
    so sparse UID ranges cost few round trips). A final ``n:*`` search catches mail that
    arrived after the SELECT (or a server whose UIDNEXT is off); ``UID SEARCH
    n:*`` also returns the highest UID when it is below n, so filter.
    """
    start, window = last + 1, SEARCH_WINDOW
    while uidnext is not None and start < uidnext:
        end = min(uidnext - 1, start + window - 1)
        found = sorted(u for u in client.search(["UID", f"{start}:{end}"]) if start <= u <= end)
        if found:
            window = SEARCH_WINDOW
            yield found
        else:  # a gap left by expunged mail: widen the next window, fewer round trips
            window = min(window * 4, 1 << 24)
        start = end + 1
    yield sorted(u for u in client.search(["UID", f"{start}:*"]) if u >= start)


@functools.lru_cache(maxsize=8)
def _tls_context(settings: ImapSettings) -> ssl.SSLContext:
    """One TLS context per settings for the life of the process (CA store read once)."""
    return settings.ssl_context()


def _quiet_imaplib(client: Any) -> None:
    """Stop imaplib formatting every response for a debug log nobody reads.

    imapclient sets ``debug = 5`` on its imaplib object and routes imaplib's
    messages to the ``imapclient.imaplib`` logger; imaplib then builds the
    repr of each response (whole message literals) before logging decides
    to drop it. Keep that only when the logger would emit it.
    """
    if logging.getLogger("imapclient.imaplib").isEnabledFor(logging.DEBUG):
        return
    imap = getattr(client, "_imap", None)
    if imap is not None and hasattr(imap, "debug"):
        imap.debug = 0


def _parse_key(key: str) -> tuple[str, int, int]:
    kind, _, rest = key.partition(":")
    parts = rest.rsplit(":", 2)
    if kind != "imap" or len(parts) != 3 or not (parts[1].isdigit() and parts[2].isdigit()):
        raise MailboxError(f"{key!r} is not an IMAP key (imap:<folder>:<uidvalidity>:<uid>)")
    return parts[0], int(parts[1]), int(parts[2])


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:  # not expected with normalise_times=False
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _is_new_mail(response: object) -> bool:
    return isinstance(response, tuple) and len(response) >= 2 and response[1] == b"EXISTS"


def _describe(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, socket.timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, SecretError):
        return str(exc)
    text = str(exc) or "connection closed"
    if len(text) > 3 and text[:2] in ("b'", 'b"') and text[-1] == text[1]:
        text = text[2:-1]  # imaplib puts a bytes repr into some messages
    return f"{type(exc).__name__}: {text}"


def _hang_up(client: Any) -> None:
    try:
        client.logout()
    except Exception:
        with suppress(Exception):
            client.shutdown()
