"""What the EWS and Graph backends share.  [pure: no I/O of its own]

Both backends read Exchange folders incrementally and send through
Exchange, so they share:

* :class:`ExchangeSettings`: the folder keys (``folder``, ``sent_folder``,
  ``category_on_handled``), validation when the settings are made, and the
  checks both make of credentials and retry limits;
* :class:`ExchangeBackend` (name, settings and the one connection of a
  mailbox or outbox) and :class:`ExchangeMailbox` (``poll``, ``poll_sent``,
  ``key_prefix`` and the filter of ``mark_handled`` over one incremental read
  per folder);
* :func:`read_pages`: the bookkeeping of that read (the cursor is written
  only after every message of a page was consumed; a position the server no
  longer knows clears the cursor keys and reads the folder again, once);
* :func:`folder_key`: backend keys, cursor keys and their prefix;
* :func:`mime_bytes` and :func:`send_failure`: serialising a message to send
  and the :class:`~bot.backends.base.SendError` a failed send becomes.

Nothing here opens a connection or reads a secret: the I/O happens in the
connection objects and callables the backends (:mod:`bot.backends.ews`,
:mod:`bot.backends.graph`) pass in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import ClassVar, Generic, Protocol, TypeVar

from bot.backends.base import (
    Cursor,
    MailboxError,
    PermanentSendError,
    RawMessage,
    SendError,
    TransientSendError,
    UncertainSendError,
)

Sleep = Callable[[float], None]
E = TypeVar("E", bound=Exception)


def folder_key(scheme: str, folder: str, rest: str = "") -> str:
    """``<scheme>:<folder>:<rest>``: a backend key (``rest`` is the item id), a
    cursor key (``rest`` names what is kept) or, without ``rest``, the prefix
    of every backend key of the folder."""
    return f"{scheme}:{folder}:{rest}"


# -- settings -----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ExchangeSettings:
    """The keys ``EwsSettings`` and ``GraphSettings`` share, and their validation.

    A subclass is a frozen dataclass that names its config ``section`` and
    lists every mistake in :meth:`problems`; making settings with a mistake
    raises ValueError naming all of them.
    """

    section: ClassVar[str] = "exchange"

    folder: str = "inbox"
    sent_folder: str | None = "sentitems"
    category_on_handled: str | None = None

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(problems))

    def problems(self) -> list[str]:
        """Every configuration mistake, each naming its key."""
        raise NotImplementedError

    @property
    def sent_items(self) -> str:
        """Where the outbox looks for what was sent: ``sent_folder``, else Sent Items."""
        return self.sent_folder or "sentitems"

    def _category_problems(self) -> list[str]:
        if self.category_on_handled is not None and not self.category_on_handled.strip():
            return [f"{self.section}.category_on_handled is empty"]
        return []

    def _exactly_one(self, *keys: str) -> list[str]:
        """The problem when not exactly one of ``keys`` (e.g. the ways to give a secret) is set."""
        if sum(bool(getattr(self, key)) for key in keys) == 1:
            return []
        names = [f"{self.section}.{key}" for key in keys]
        return [f"set exactly one of {', '.join(names[:-1])} and {names[-1]}"]

    def _limit_problems(self, *, timeout: float, retries: int, wait_key: str,
                        wait: float) -> list[str]:
        """Checks of the request timeout, the retries and the longest wait (``wait_key``)."""
        s, out = self.section, []
        if timeout <= 0:
            out.append(f"{s}.timeout must be positive")
        if retries < 0:
            out.append(f"{s}.retries must not be negative")
        if wait < 0:
            out.append(f"{s}.{wait_key} must not be negative")
        return out


S = TypeVar("S", bound=ExchangeSettings)


# -- mailbox and outbox ---------------------------------------------------------------


class Closeable(Protocol):
    def close(self) -> None: ...


C = TypeVar("C", bound=Closeable)


class ExchangeBackend(Generic[S, C]):
    """A mailbox or outbox: its ``name`` (by default the ``scheme``), its settings
    and the one connection object :meth:`_connect` makes for it.

    ``scheme`` (``ews``, ``graph``) starts every backend key and cursor key.
    ``sleep`` is how the connection waits between retries (tests record it).
    """

    scheme: ClassVar[str]

    def __init__(self, settings: S, *, name: str | None = None, sleep: Sleep = time.sleep) -> None:
        self.name = self.scheme if name is None else name
        self.settings = settings
        self._connection = self._connect(settings, sleep)

    def _connect(self, settings: S, sleep: Sleep) -> C:
        raise NotImplementedError

    def close(self) -> None:
        self._connection.close()


class ExchangeMailbox(ExchangeBackend[S, C]):
    """The Mailbox protocol over one incremental read per folder (:meth:`_read_new`)."""

    def poll(self, cursor: Cursor) -> Iterator[RawMessage]:
        return self._read_new(cursor, self.settings.folder)

    def poll_sent(self, cursor: Cursor) -> Iterator[RawMessage]:
        if self.settings.sent_folder is None:
            return iter(())
        return self._read_new(cursor, self.settings.sent_folder)

    def key_prefix(self, cursor: Cursor) -> str | None:
        """Backend-key prefix of the inbox folder (for reconciliation)."""
        return folder_key(self.scheme, self.settings.folder)

    def _to_mark(self, message: RawMessage) -> tuple[str, str] | None:
        """``(category, item id)`` to mark, if ``category_on_handled`` is set and
        ``message`` is an item of the inbox folder; else None."""
        category = self.settings.category_on_handled
        prefix = folder_key(self.scheme, self.settings.folder)
        if not category or not message.backend_key.startswith(prefix):
            return None
        return category, message.backend_key[len(prefix):]

    def _split_key(self, backend_key: str) -> tuple[str, str] | None:
        """``<scheme>:<folder>:<item id>`` -> (folder, item id), None for another key."""
        scheme, _, rest = backend_key.partition(":")
        folder, _, item_id = rest.rpartition(":")
        return (folder, item_id) if scheme == self.scheme and folder and item_id else None

    def _read_new(self, cursor: Cursor, folder: str) -> Iterator[RawMessage]:
        raise NotImplementedError


# -- the incremental read -------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page of an incremental read.

    ``messages`` are fetched as they are iterated; ``save`` holds the cursor
    writes that record the page as read (made once every message of it was
    consumed); ``next`` is the position of the following page, None when the
    folder has been read to its end.
    """

    messages: Iterable[RawMessage]
    save: Mapping[str, str]
    next: str | None


def read_pages(cursor: Cursor, start: str | None, page: Callable[[str | None], Page], *,
               errors: type[E], lost: Callable[[E, str | None], bool], forget: Sequence[str],
               on_lost: Callable[[E], None]) -> Iterator[RawMessage]:
    """Yield a folder's new messages page by page from the position ``start``.

    ``page(position)`` asks the server for one page (None: from the start of
    the folder) and raises ``errors`` when it cannot. A page's ``save`` is
    written only after the caller came back for more after its last message,
    so a crash, a lost connection or an abandoned iteration replays at most
    that page (the store ignores what it already has). When ``lost(error,
    position)`` says the server no longer knows the position, ``on_lost`` is
    told, the ``forget`` keys are emptied and the folder is read again from
    its start, once per read. Every other failure is raised as MailboxError.
    """
    position, restarted = start, False
    while True:
        try:
            current = page(position)
        except errors as exc:
            if restarted or not lost(exc, position):
                raise MailboxError(str(exc)) from exc
            on_lost(exc)
            for key in forget:
                cursor.set(key, "")
            position, restarted = None, True
            continue
        yield from current.messages
        for key, value in current.save.items():
            cursor.set(key, value)  # every message of the page was consumed
        if current.next is None:
            return
        position = current.next


# -- sending ---------------------------------------------------------------------------


def mime_bytes(message: EmailMessage) -> bytes:
    """The message as it is sent (CRLF line ends); PermanentSendError if it cannot be serialised."""
    try:
        return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    except Exception as exc:  # header serialising of a malformed message
        raise PermanentSendError(f"message cannot be serialised as MIME: {exc}") from exc


def send_failure(exc: Exception, *, maybe_done: bool, permanent: bool) -> SendError:
    """The SendError a failed send raises: uncertain if Exchange may have accepted the
    message (``maybe_done``), else permanent if the refusal is about the message, else transient."""
    if maybe_done:
        return UncertainSendError(f"{exc}; Exchange may have accepted the message, so check "
                                  "Sent Items before sending it again")
    if permanent:
        return PermanentSendError(str(exc))
    return TransientSendError(str(exc))
