"""A second process that parses and analyses mail ahead of the daemon.  [I/O: a process]

Parsing and the context-free part of classification are most of the CPU a
backlog costs. :class:`PrepareWorker` starts ``python -m bot.prepare_worker``
(which imports only parsing and classification, not the backends), sends it
raw messages over its stdin and reads :class:`~bot.prepare.Prepared` results
from its stdout, in order. Frames are an 8-byte big-endian length and a body;
the first frame to the worker is the pickled :class:`~bot.classify.Rules`,
each next one a raw message; each answer is a pickled ``Prepared`` or ``None``
(the message could not be prepared: the daemon then does it itself and logs
the error the usual way). Pickle crosses only this pipe between two processes
of the same program; nothing from outside is unpickled.

A writer thread feeds stdin so that the daemon, which reads answers while it
sends more, can never deadlock on full pipes. If the worker dies, every
message without an answer gets ``None``: the daemon falls back to preparing
it in-process, so a dead worker costs speed, never mail.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from typing import IO, Any

from bot.prepare import Prepared, prepare

log = logging.getLogger(__name__)
_LEN = struct.Struct(">Q")
_GONE = object()  # the reader's mark: the worker's output ended


def _write_frame(out: IO[bytes], body: bytes) -> None:
    out.write(_LEN.pack(len(body)))
    out.write(body)


def _read_frame(inp: IO[bytes]) -> bytes | None:
    head = inp.read(_LEN.size)
    if len(head) < _LEN.size:
        return None
    (size,) = _LEN.unpack(head)
    body = inp.read(size)
    return body if len(body) == size else None


class PrepareWorker:
    """The daemon's end: ``submit`` raw messages, then ``result`` them in the same order."""

    def __init__(self, rules: Any) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "bot.prepare_worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True,
        )
        self._submitted = 0  # messages given to the worker
        self._arrived = 0  # answers read from it (by the reader thread)
        self._taken = 0  # answers handed to the caller
        self._alive = True
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._answers: queue.Queue[object] = queue.Queue()
        self._writer = threading.Thread(target=self._feed, name="prepare-feed", daemon=True)
        self._reader = threading.Thread(target=self._drain, name="prepare-read", daemon=True)
        self._writer.start()
        self._reader.start()
        self._queue.put(pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))

    def _feed(self) -> None:
        stdin = self._proc.stdin
        assert stdin is not None
        try:
            while (body := self._queue.get()) is not None:
                _write_frame(stdin, body)
                stdin.flush()
        except OSError:  # the worker died; result() notices
            pass
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    def _drain(self) -> None:
        """Read answers as they come, so ``outstanding`` knows what the worker still has."""
        stdout = self._proc.stdout
        assert stdout is not None
        try:
            while (body := _read_frame(stdout)) is not None:
                answer = pickle.loads(body)
                self._arrived += 1
                self._answers.put(answer)
        except (OSError, ValueError):  # closed under us by close()
            pass
        self._answers.put(_GONE)

    def submit(self, raw: bytes) -> None:
        self._submitted += 1
        if self._alive:
            self._queue.put(raw)

    def result(self) -> Prepared | None:
        """The next answer in submission order; None when the worker could not give it."""
        if self._taken >= self._submitted:
            raise RuntimeError("result() without a submitted message")
        self._taken += 1
        if not self._alive:
            return None
        answer = self._answers.get()
        if answer is _GONE:
            self._alive = False
            log.warning("the prepare worker stopped (exit %s); preparing in-process",
                        self._proc.poll())
            return None
        return answer if isinstance(answer, Prepared) else None

    @property
    def outstanding(self) -> int:
        """Messages the worker has been given and not answered yet."""
        return self._submitted - self._arrived if self._alive else 0

    def close(self) -> None:
        self._queue.put(None)
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join(timeout=10)
        if self._proc.stdout is not None:
            self._proc.stdout.close()

    @property
    def pid(self) -> int:
        return self._proc.pid


def serve(inp: IO[bytes], out: IO[bytes]) -> None:
    """The worker's loop: rules first, then one answer per raw message until EOF."""
    first = _read_frame(inp)
    if first is None:
        return
    rules = pickle.loads(first)
    while (raw := _read_frame(inp)) is not None:
        try:
            answer: Prepared | None = prepare(raw, rules)
        except Exception:  # the daemon redoes it in-process and logs it properly
            answer = None
        _write_frame(out, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
        out.flush()


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the daemon, which stops us
    serve(sys.stdin.buffer, sys.stdout.buffer)
