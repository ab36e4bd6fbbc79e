"""Sending acknowledgements while a backlog is still being read.  [I/O]

A cycle sends its queued mail after it has logged every message. On a long
backlog that leaves the transport idle for the whole read and the reader idle
for the whole send. :class:`BackgroundFlush` runs :func:`bot.sending.flush`
in a thread of its own, with its own store connection, every ``interval``
seconds while the cycle reads; the cycle's own flush at the end then sends
what is left. Nothing about a row changes: a row is sent only after the
transaction that queued it committed (the thread reads committed rows
only), each row goes ``pending`` → ``sending`` → ``sent`` exactly as in the
final flush, and the cycle uses the outbox again only after :meth:`stop` has
joined the thread, so the transport is never used by two threads at once.
A failure in the thread is logged and reported, with what it had sent by
then; the final flush retries the rest.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bot.backends.base import Outbox
from bot.config import AckSettings
from bot.sending import FlushStats, flush
from bot.store import Store

log = logging.getLogger(__name__)
INTERVAL = 0.25  # seconds between the thread's flushes


class BackgroundFlush:
    """Flush the outbox every ``interval`` seconds until :meth:`stop`."""

    def __init__(self, store_path: Path, outbox: Outbox, ack: AckSettings,
                 clock: Callable[[], datetime], interval: float | None = None):
        self._path, self._outbox, self._ack, self._clock = store_path, outbox, ack, clock
        self._interval = INTERVAL if interval is None else interval
        self._stop = threading.Event()
        self.stats = FlushStats()
        self.error: str | None = None
        self._thread = threading.Thread(target=self._run, name="eabot-flush", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            store = Store(self._path)
        except Exception as exc:  # the final flush sends everything instead
            self.error = f"{type(exc).__name__}: {exc}"
            log.warning("background flush could not open the store: %s", exc)
            return
        try:
            while not self._stop.wait(self._interval):
                flush(store, self._outbox, self._ack, self._clock(), stop=self._stop,
                      stats=self.stats)
        except Exception as exc:  # logged; the final flush retries what is left
            self.error = f"{type(exc).__name__}: {exc}"
            log.exception("background flush failed")
        finally:
            store.close()

    def stop(self) -> FlushStats:
        """Stop after the row in hand (if any; a transport that hangs holds it up to its
        timeout) and return what was sent."""
        self._stop.set()
        self._thread.join()
        return self.stats
