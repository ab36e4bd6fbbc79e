"""The embedded default: a local Maildir inbox and a Maildir "outbox".  [I/O]

Inbox: every message in ``new/`` and ``cur/`` is reported each poll (a
directory listing is cheap; the store deduplicates by backend key). Nothing is
moved, renamed, flagged or deleted. The receipt time is the delivery time:
the timestamp that starts the Maildir unique name, else the file's mtime.

Outbox: each sent message is written atomically and durably (``tmp/``, fsync,
rename, fsync of ``new/``) into ``new/`` under a name derived from its
Message-ID, so sending the same message twice leaves exactly one file, and
``already_sent`` can tell. ``send_raw`` takes an outbox row's stored text as
it is, without parsing it into a message and serialising it again, and leaves
the fsync of ``new/`` to ``sync``, once for a batch (see bot/sending.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_string
from email.message import EmailMessage
from pathlib import Path

from bot.backends.base import Cursor, MailboxError, RawMessage, TransientSendError
from bot.replies import OUTBOUND_POLICY

_STAMP = re.compile(r"^(\d{9,11})(?:\.|$)")
# A line a parse-and-reserialise of an outbox text would write differently: longer
# than max_line_length (refolded), or a header-like "Name:" not followed by one
# space and a value (re-spaced).
_LONG_LINE = re.compile(rf"\n[^\n]{{{(OUTBOUND_POLICY.max_line_length or 998) + 1}}}")
_RESPACED = re.compile(r"\n[!-9;-~]+:(?! [^ \t\n])")


def _written_as_is(raw: str) -> bool:
    """Whether parsing ``raw`` and serialising it again gives back its bytes: the
    above, in ASCII text without control characters other than tab and newline."""
    text = "\n" + raw
    return (raw.isascii() and raw.replace("\n", "").replace("\t", "").isprintable()
            and not _LONG_LINE.search(text) and not _RESPACED.search(text))


def ensure_maildir(path: Path) -> None:
    for sub in ("tmp", "new", "cur"):
        (path / sub).mkdir(parents=True, exist_ok=True, mode=0o700)


def deliver(path: Path, raw: bytes, when: datetime | None = None) -> Path:
    """Deliver ``raw`` into the Maildir at ``path`` the standard way (tmp → new).

    ``when`` sets the delivery time (the name's timestamp and the mtime).
    Used by the demo loader and tests; a real MTA does this in production.
    """
    ensure_maildir(path)
    stamp = int((when or datetime.now(UTC)).timestamp())
    digest = hashlib.sha256(raw).hexdigest()[:16]
    name = f"{stamp}.M{digest}P{os.getpid()}.{socket.gethostname().replace('/', '_')}"
    tmp = path / "tmp" / name
    tmp.write_bytes(raw)
    os.utime(tmp, (stamp, stamp))
    final = path / "new" / name
    os.replace(tmp, final)
    return final


class MaildirMailbox:
    name = "maildir"

    def __init__(self, path: Path, sent_path: Path | None = None):
        self.path = path
        self.sent_path = sent_path

    def _scan(self, root: Path, folder: str, only: str | None = None) -> Iterator[RawMessage]:
        if not root.is_dir():
            raise MailboxError(f"Maildir {root} does not exist; create it or fix mailbox.path")
        entries: list[tuple[str, Path]] = []
        for sub in ("new", "cur"):
            directory = root / sub
            if directory.is_dir():
                entries += [(p.name.split(":2,")[0], p) for p in directory.iterdir()
                            if p.is_file() and (only is None or p.name.split(":2,")[0] == only)]
        for unique, file in sorted(entries):
            try:
                raw = file.read_bytes()
                stat_mtime = file.stat().st_mtime
            except FileNotFoundError:
                continue  # moved by another client between listing and reading
            except OSError as exc:
                raise MailboxError(f"cannot read {file}: {exc}") from None
            m = _STAMP.match(unique)
            stamp = int(m.group(1)) if m else stat_mtime
            yield RawMessage(f"maildir:{folder}:{unique}", raw,
                             datetime.fromtimestamp(stamp, UTC), folder)

    def poll(self, cursor: Cursor) -> Iterator[RawMessage]:
        return self._scan(self.path, "INBOX")

    def poll_sent(self, cursor: Cursor) -> Iterator[RawMessage]:
        if self.sent_path is None:
            return iter(())
        return self._scan(self.sent_path, "Sent")

    def mark_handled(self, message: RawMessage) -> None:
        return None

    def fetch(self, backend_key: str) -> RawMessage | None:
        """One message by key (``maildir:INBOX:<unique>`` or ``maildir:Sent:<unique>``)."""
        kind, _, rest = backend_key.partition(":")
        folder, _, unique = rest.partition(":")
        root = {"INBOX": self.path, "Sent": self.sent_path}.get(folder)
        if kind != "maildir" or root is None or not unique:
            return None
        return next((m for m in self._scan(root, folder, unique) if m.backend_key == backend_key),
                    None)

    def key_prefix(self, cursor: Cursor) -> str | None:
        return "maildir:INBOX:"

    def count(self) -> int | None:
        return sum(1 for sub in ("new", "cur") if (self.path / sub).is_dir()
                   for p in (self.path / sub).iterdir() if p.is_file())

    def close(self) -> None:
        return None


class MaildirOutbox:
    name = "maildir"
    batch_sync = True  # bot.sending: rows are marked sent after sync() made them durable

    def __init__(self, path: Path):
        self.path = path
        self._ensured = False
        self._unsynced = False  # renamed into new/ since new/ was last fsynced

    @staticmethod
    def _name(message_id: str) -> str:
        return "eabot-" + hashlib.sha256(message_id.encode()).hexdigest()[:32]

    def send(self, message: EmailMessage) -> None:
        """Deliver ``message``; it is in ``new/`` durably when this returns."""
        self._deliver(message.as_bytes(), str(message["Message-ID"] or ""))
        self.sync()

    def send_raw(self, raw: str, message_id: str) -> None:
        """Deliver a message stored as text (an outbox row's ``raw``) under ``message_id``;
        durably once :meth:`sync` has returned (a batch of them, one directory fsync).

        The file holds what :meth:`send` of the parsed text would write. That
        re-serialisation gives back the same bytes when the text is ASCII, every
        line fits in ``max_line_length`` and every header-like line is ``Name: value``
        (no header is refolded, none re-spaced); otherwise it is done here.
        """
        if _written_as_is(raw):
            data = raw.encode("ascii")
        else:
            data = message_from_string(raw, policy=OUTBOUND_POLICY).as_bytes()
        self._deliver(data, message_id)

    def sync(self) -> None:
        """Make the renames into ``new/`` since the last sync durable (fsync ``new/``)."""
        if not self._unsynced:
            return
        try:
            fd = os.open(self.path / "new", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise TransientSendError(f"cannot sync outbox Maildir {self.path}: {exc}") from None
        self._unsynced = False

    def _deliver(self, data: bytes, message_id: str) -> None:
        try:
            if not self._ensured:  # once per outbox object (a cycle), and again if it vanished
                ensure_maildir(self.path)
                self._ensured = True
            try:
                self._write(data, self._name(message_id))
            except FileNotFoundError:
                ensure_maildir(self.path)
                self._write(data, self._name(message_id))
        except OSError as exc:
            raise TransientSendError(f"cannot write to outbox Maildir {self.path}: {exc}") from None

    def _write(self, data: bytes, name: str) -> None:
        """Write ``tmp/``, fsync it, rename it into ``new/``: the file in ``new/`` is
        whole; the rename is durable after the next :meth:`sync`."""
        tmp = os.path.join(self.path, "tmp", f"{name}.{time.time_ns()}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
            self._unsynced = True
            os.replace(tmp, os.path.join(self.path, "new", name))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def already_sent(self, message_id: str) -> bool | None:
        return (self.path / "new" / self._name(message_id)).exists()

    def close(self) -> None:
        return None
