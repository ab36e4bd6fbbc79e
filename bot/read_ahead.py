"""Read a poll ahead of the daemon without moving the cursor ahead of the log.  [I/O]

A backlog is triaged fastest when a second process parses and analyses the
next messages while the daemon records the current one
(:mod:`bot.prepare_worker`). Reading ahead means asking a mailbox's poll for
messages before the earlier ones are logged, and a poll moves its
:class:`~bot.backends.base.Cursor` as it is read. :class:`DeferredCursor`
keeps that safe: a cursor write made after the poll handed out its k-th
message reaches the store only once the daemon says the first k messages are
logged (:meth:`DeferredCursor.done`). A crash, or a failure to write the log,
therefore leaves the cursor at the last message actually logged, exactly as
without read-ahead; the next cycle reads the rest again.

Small polls (the daemon's steady state) never start the worker: the first
``INLINE_FIRST`` messages are prepared in-process, and only a poll with more
starts one, for the rest of that poll.

The work is shared out as the poll is read, in order: a message goes to the
worker while it has fewer than ``WORKER_QUEUE`` waiting, else the daemon
prepares it itself when its turn comes; until the worker says it has started
(a few tenths of a second), the daemon prepares everything itself instead of
waiting for it. So a slow worker (parsing costs
more than recording) never leaves the daemon waiting idle for long, and a
fast one gets nearly everything; the results are the same either way.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Generator, Iterable
from typing import Protocol

from bot.backends.base import Cursor, RawMessage
from bot.prepare import Prepared

log = logging.getLogger(__name__)

INLINE_FIRST = 16  # messages of a poll prepared in-process before a worker is started
WINDOW = 32  # messages in flight to the worker at most,
WINDOW_BYTES = 8 << 20  # and at most this many bytes of them (attachments are big)
WORKER_QUEUE = 16  # messages waiting at the worker before the daemon takes some itself


class DeferredCursor:
    """A cursor whose writes wait until the messages read before them are logged."""

    def __init__(self, cursor: Cursor) -> None:
        self._cursor = cursor
        self.pulled = 0  # messages the poll has handed out
        self._done = 0  # messages the daemon has logged (or given up on for good)
        self._held: deque[tuple[int, str, str]] = deque()

    def get(self, key: str) -> str | None:
        for _pos, held_key, value in reversed(self._held):
            if held_key == key:
                return value
        return self._cursor.get(key)

    def set(self, key: str, value: str) -> None:
        if self.pulled <= self._done:
            self._cursor.set(key, value)
        else:
            self._held.append((self.pulled, key, value))

    def done(self) -> None:
        """The oldest message not yet reported is logged: release the writes it covers."""
        self._done += 1
        while self._held and self._held[0][0] <= self._done:
            _pos, key, value = self._held.popleft()
            self._cursor.set(key, value)

    @property
    def held(self) -> int:
        return len(self._held)


class _Counted:
    """The poll's iterator, counting into the deferred cursor what it hands out."""

    def __init__(self, messages: Iterable[RawMessage], cursor: DeferredCursor) -> None:
        self._it = iter(messages)
        self._cursor = cursor
        self.error: Exception | None = None

    def next(self) -> RawMessage | None:
        """The next message; None at the end, or after the poll failed (see ``error``)."""
        if self.error is not None:
            return None
        try:
            raw = next(self._it)
        except StopIteration:
            return None
        except Exception as exc:  # the messages already read are handed over first
            self.error = exc
            return None
        self._cursor.pulled += 1
        return raw

    def close(self) -> None:
        close = getattr(self._it, "close", None)
        if close is not None:
            close()


class WorkerLike(Protocol):
    """What :func:`read_ahead` needs of a worker (see :class:`~bot.prepare_worker.PrepareWorker`)."""

    @property
    def ready(self) -> bool: ...

    @property
    def outstanding(self) -> int: ...

    def submit(self, raw: bytes) -> None: ...

    def result(self) -> Prepared | None: ...

    def close(self) -> None: ...


WorkerFactory = Callable[[], WorkerLike]


def read_ahead(messages: Iterable[RawMessage], cursor: DeferredCursor,
               start_worker: WorkerFactory | None
               ) -> Generator[tuple[RawMessage, Prepared | None], None, None]:
    """Each message of the poll with what the worker prepared for it (None: do it yourself).

    The caller must call ``cursor.done()`` after logging each message; it
    may stop early (close the generator), leaving the cursor at the last
    message it reported done.
    """
    source = _Counted(messages, cursor)
    worker: WorkerLike | None = None
    flight: deque[tuple[RawMessage, bool]] = deque()  # (message, given to the worker)
    handed = 0
    in_flight = 0  # bytes

    def send(raw: RawMessage) -> None:
        nonlocal in_flight
        assert worker is not None
        to_worker = worker.ready and worker.outstanding < WORKER_QUEUE
        if to_worker:
            worker.submit(raw.raw)
        flight.append((raw, to_worker))
        in_flight += len(raw.raw)

    def room() -> bool:
        return len(flight) < WINDOW and in_flight < WINDOW_BYTES

    try:
        while True:
            if worker is None:
                raw = source.next()
                if raw is None:
                    break
                handed += 1
                if start_worker is not None and handed > INLINE_FIRST:
                    worker, start_worker = _start(start_worker), None  # one try per poll
                if worker is None:
                    yield raw, None
                    continue
                send(raw)
            while room() and (raw := source.next()) is not None:
                send(raw)
            if not flight:
                break
            current, prepared_there = flight.popleft()
            in_flight -= len(current.raw)
            prepared = worker.result() if prepared_there else None
            if room() and (raw := source.next()) is not None:  # keep the worker busy
                send(raw)
            yield current, prepared
        if source.error is not None:  # the poll failed after these: report it now
            raise source.error
    finally:
        if worker is not None:
            worker.close()
        source.close()


def _start(factory: WorkerFactory) -> WorkerLike | None:
    try:
        return factory()
    except Exception as exc:
        log.warning("could not start the prepare worker (%s); preparing in-process", exc)
        return None
