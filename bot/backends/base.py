"""Mailbox and Outbox protocols shared by every backend.  [types only, no I/O]

A backend is a small object that implements only what it needs:

* ``Mailbox.poll(cursor)`` yields :class:`RawMessage` objects it has not yet
  reported *according to the cursor*. The store is the source of truth for
  deduplication, so yielding a message twice is harmless; losing one is not.
* ``Outbox.send(message)`` hands one :class:`email.message.EmailMessage` to
  the transport and raises :class:`TransientSendError` (retry later) or
  :class:`PermanentSendError` (give up, show staff) on failure.

Exception hierarchy::

    BackendError
     +-- MailboxError          the mailbox could not be read this cycle
     +-- SendError
          +-- TransientSendError   retry with backoff (timeouts, 4xx)
          |    +-- UncertainSendError  the server may have accepted it
          +-- PermanentSendError   do not retry (5xx)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Protocol


class BackendError(Exception):
    """Base class of every backend failure."""


class MailboxError(BackendError):
    """The mailbox could not be read (connection, protocol, permissions)."""


class SendError(BackendError):
    """Sending failed."""


class TransientSendError(SendError):
    """Temporary failure: the message was not accepted; retry later."""


class UncertainSendError(TransientSendError):
    """The transport failed after the server may have accepted the message.

    The outbox must not blindly resend: it records the attempt as uncertain
    and resolves it (e.g. by looking for the Message-ID in Sent) first.
    """


class PermanentSendError(SendError):
    """Permanent failure (e.g. SMTP 5xx); the reason is in ``str(exc)``."""


@dataclass(frozen=True)
class RawMessage:
    """One message as the mailbox holds it.

    ``backend_key`` is stable for the life of the message in that mailbox,
    e.g. ``maildir:INBOX:<unique-name>`` or ``imap:INBOX:<uidvalidity>:<uid>``.
    ``received_at`` is the server's receipt time (IMAP INTERNALDATE, Maildir
    delivery time), timezone-aware.
    """

    backend_key: str
    raw: bytes
    received_at: datetime
    folder: str = "INBOX"


class Cursor(Protocol):
    """Small persistent key/value state a backend keeps between cycles."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...


class Mailbox(Protocol):
    """Where inbound mail comes from."""

    name: str

    def poll(self, cursor: Cursor) -> Iterator[RawMessage]:
        """Yield messages not yet reported according to ``cursor``.

        Implementations advance the cursor only after the caller has consumed
        (and therefore stored) a message, i.e. after each ``yield`` returns.
        """
        ...

    def poll_sent(self, cursor: Cursor) -> Iterator[RawMessage]:
        """Yield new messages of the Sent folder (staff replies); may be empty."""
        ...

    def mark_handled(self, message: RawMessage) -> None:
        """Optional cosmetic marking (keyword / move). Never deletes."""
        ...

    def count(self) -> int | None:
        """Number of messages in the inbox folder, for reconciliation."""
        ...

    def close(self) -> None: ...


class KeyedMailbox(Protocol):
    """A mailbox that can read one message again by its backend key (the review UI
    shows a message's text from the mailbox when the store keeps no bodies)."""

    def fetch(self, backend_key: str) -> RawMessage | None:
        """The message stored under ``backend_key``, or None when it is no longer
        there (deleted, moved, or the folder was recreated). Never marks it read.
        Raises :class:`MailboxError` when the mailbox cannot be read."""
        ...


class Outbox(Protocol):
    """Where outbound mail goes."""

    name: str

    def send(self, message: EmailMessage) -> None:
        """Deliver one message or raise a :class:`SendError` subclass."""
        ...

    def already_sent(self, message_id: str) -> bool | None:
        """Whether a message with this Message-ID provably left already.

        ``None`` means the backend cannot tell. Used to resolve uncertain
        sends without sending twice.
        """
        ...

    def close(self) -> None: ...
