"""A message's text for the case page: from the store, or read again from the mailbox.  [I/O]

The log keeps bodies only with ``store_bodies = true``. Otherwise the text is
fetched on demand by the message's backend key (Maildir file, IMAP UID with
``BODY.PEEK``, EWS item, Graph message) and shown, never stored and never
logged: failures are reported without the content. The page escapes it
(Jinja2 autoescape); attachments are listed by name, type and size.
"""

from __future__ import annotations

import contextlib
import email
import email.header
import hashlib
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from typing import Any

from bot.config import Config

NO_KEY_FETCH = "this mailbox backend cannot read one message again"


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    size: int


@dataclass(frozen=True)
class MessageText:
    text: str
    source: str  # "store" or "mailbox"
    attachments: tuple[Attachment, ...] = ()
    problem: str = ""  # why the text could not be shown, in words
    notes: tuple[str, ...] = field(default_factory=tuple)


def attachments(raw: bytes) -> tuple[Attachment, ...]:
    """Every named or ``attachment`` part: name, type, decoded size (pure)."""
    msg = email.message_from_bytes(raw, policy=policy.compat32)
    out = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        try:
            name = part.get_filename()
            disposition = (part.get_content_disposition() or "").lower()
        except (LookupError, ValueError, TypeError):
            name, disposition = None, ""
        if not name and disposition != "attachment":
            continue
        out.append(Attachment(_decoded(name) or "(no name)", part.get_content_type(), _size(part)))
    return tuple(out)


def _decoded(name: str | None) -> str:
    if not name:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(name)))
    except (LookupError, ValueError, UnicodeDecodeError):
        return name


def _size(part: Message) -> int:
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, TypeError, LookupError):
        return 0
    return len(payload) if isinstance(payload, bytes) else 0


def from_raw(raw: bytes, *, expected_sha256: str | None = None) -> MessageText:
    """Text and attachments of a message as the mailbox holds it (pure)."""
    from bot.parsing import parse

    parsed = parse(raw)
    notes = []
    if expected_sha256 and hashlib.sha256(raw).hexdigest() != expected_sha256:
        notes.append("the mailbox copy differs from the bytes eabot logged (raw_sha256)")
    return MessageText(parsed.body_text, "mailbox", attachments(raw), notes=tuple(notes))


def message_text(cfg: Config, row: dict[str, Any], *, from_mailbox: bool = False) -> MessageText:
    """The text of a logged message (a ``messages`` row): the stored body when there is
    one (and ``from_mailbox`` is false), else the mailbox's copy by backend key."""
    if row.get("body") is not None and not from_mailbox:
        return MessageText(str(row["body"]), "store")
    from bot.backends import make_mailbox
    from bot.backends.base import BackendError

    try:
        mailbox = make_mailbox(cfg)
    except (BackendError, ValueError, OSError) as exc:
        return MessageText("", "mailbox", problem=f"cannot open the mailbox: {_short(exc)}")
    try:
        fetch = getattr(mailbox, "fetch", None)
        if fetch is None:
            return MessageText("", "mailbox", problem=NO_KEY_FETCH)
        raw = fetch(str(row["backend_key"]))
    except (BackendError, OSError) as exc:
        return MessageText("", "mailbox", problem=f"cannot read the mailbox: {_short(exc)}")
    finally:
        with contextlib.suppress(BackendError, OSError):
            mailbox.close()
    if raw is None:
        return MessageText("", "mailbox", problem="the message is no longer in the mailbox "
                           f"under {row['backend_key']} (moved or deleted)")
    return from_raw(raw.raw, expected_sha256=row.get("raw_sha256"))


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
