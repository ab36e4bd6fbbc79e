"""A second process that parses and analyses mail ahead of the daemon.  [I/O: a process]

Parsing and the context-free part of classification are most of the CPU a
backlog costs. :class:`PrepareWorker` forks the daemon (on Linux: the child
has the rules compiled and warm at once, ready in milliseconds, and shares
their pages with the daemon; see :class:`_Forked`) or else starts ``python -m
bot.prepare_worker`` (which imports only parsing and classification, not the
backends, and takes about half a second to compile the rules), sends it raw
messages over its stdin and reads :class:`~bot.prepare.Prepared` results from
its stdout, in order. What follows describes the second; a forked worker
skips the rules frame. Frames are an 8-byte big-endian length and a body;
the first frame to the worker is the pickled :class:`~bot.classify.Rules` with
the daemon's :data:`CODE_ID` (a worker started after ``bot/`` was updated on
disk under a running daemon sees another id and exits at once),
each next one a raw message. The worker's first frame is empty: it is ready
(starting takes a few tenths of a second, mostly compiling the rules'
patterns; until then the daemon prepares mail itself rather than wait, see
:attr:`PrepareWorker.ready`). Each next one is a pickled ``Prepared`` or ``None``
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
import gc
import hashlib
import logging
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from bot.parsing.attachments import preload
from bot.prepare import Prepared, prepare

log = logging.getLogger(__name__)
_LEN = struct.Struct(">Q")
_SOURCES = ("bot/prepare.py", "bot/parsing", "bot/model.py", "bot/campaign.py",
            "bot/classify")


def _code_id() -> str:
    """A digest of the code whose objects cross the pipe, as this process loaded it."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in _SOURCES:
        path = root / name
        for file in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


CODE_ID = _code_id()  # computed at import: the daemon's is the code it runs
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

    def __init__(self, rules: Any, *, fork: bool | None = None) -> None:
        """``fork``: fork this process (the default where the system can: the worker has
        the rules compiled and warm at once) rather than start a new interpreter."""
        forked = _CAN_FORK if fork is None else fork and _CAN_FORK
        self._proc: subprocess.Popen[bytes] | _Forked = _Forked(rules) if forked else \
            subprocess.Popen([sys.executable, "-m", "bot.prepare_worker"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        self._submitted = 0  # messages given to the worker
        self._arrived = 0  # answers read from it (by the reader thread)
        self._taken = 0  # answers handed to the caller
        self._alive = True
        self._ready = threading.Event()  # the worker said it has loaded the rules
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._answers: queue.Queue[object] = queue.Queue()
        self._writer = threading.Thread(target=self._feed, name="prepare-feed", daemon=True)
        self._reader = threading.Thread(target=self._drain, name="prepare-read", daemon=True)
        try:
            self._writer.start()
            self._reader.start()
        except BaseException:
            self._proc.kill()
            self._proc.wait()
            raise
        if not forked:  # (a forked worker has the rules already)
            self._queue.put(pickle.dumps((CODE_ID, rules), protocol=pickle.HIGHEST_PROTOCOL))

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
                if not body:  # "ready" (an answer is never empty)
                    self._ready.set()
                    continue
                answer = pickle.loads(body)
                self._arrived += 1
                self._answers.put(answer)
        except Exception as exc:  # closed under us, or an answer that cannot be read
            log.warning("prepare worker answers unreadable (%s); preparing in-process", exc)
        finally:
            self._answers.put(_GONE)  # whatever happened, result() never waits forever

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
    def ready(self) -> bool:
        """Whether the worker has started (a message given before waits for its start)."""
        return self._alive and self._ready.is_set()

    def wait_ready(self, timeout: float) -> bool:
        return self._ready.wait(timeout)

    @property
    def outstanding(self) -> int:
        """Messages the worker has been given and not answered yet."""
        return self._submitted - self._arrived if self._alive else 0

    def close(self) -> None:
        if self.outstanding:  # stopped early: its answers are not wanted
            self._proc.kill()
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
    code_id, rules = pickle.loads(first)
    if code_id != CODE_ID:
        print("eabot prepare worker: bot/ changed on disk since the daemon started; "
              "exiting (the daemon prepares in-process until it is restarted)", file=sys.stderr)
        return
    serve_rules(rules, inp, out)


def serve_rules(rules: Any, inp: IO[bytes], out: IO[bytes]) -> None:
    """Say ready, then answer each raw message until EOF."""
    # the rules, the text model and the imports stay for the worker's life: out of the
    # garbage collector's sight, its full collections stop walking them (about 5 % of CPU)
    gc.freeze()
    _write_frame(out, b"")  # ready
    out.flush()
    while (raw := _read_frame(inp)) is not None:
        try:
            answer: Prepared | None = prepare(raw, rules)
        except Exception:  # the daemon redoes it in-process and logs it properly
            answer = None
        _write_frame(out, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
        out.flush()


_CAN_FORK = hasattr(os, "fork") and sys.platform.startswith("linux")


class _Forked:
    """A worker forked from the daemon: what :class:`PrepareWorker` uses of a
    ``subprocess.Popen`` (its pipes, pid, poll, wait and kill).

    The child has only the forking thread. It runs parsing and classification,
    which the daemon's other threads (sending, IMAP IDLE, the scheduler) never
    run, so no lock of theirs is held in the child; it keeps only its two pipes
    and the standard streams, logs nothing (an error is an empty answer, which
    the daemon redoes and logs) and leaves with ``os._exit``, never running the
    daemon's exit handlers or flushing its buffers."""

    def __init__(self, rules: Any) -> None:
        preload()  # (shared with the child, not imported twice)
        to_child, from_daemon = os.pipe()[::-1]  # (write end, read end)
        from_child, to_daemon = os.pipe()
        try:
            self.pid = os.fork()
        except BaseException:  # (EAGAIN, ENOMEM: the daemon prepares in-process)
            for fd in (to_child, from_daemon, from_child, to_daemon):
                os.close(fd)
            raise
        if self.pid == 0:  # the child: never returns
            _child(rules, from_daemon, to_daemon)
        os.close(from_daemon)
        os.close(to_daemon)
        self.stdin: IO[bytes] | None = os.fdopen(to_child, "wb")
        self.stdout: IO[bytes] | None = os.fdopen(from_child, "rb")
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere
                self.returncode = -1
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"prepare worker {self.pid}", timeout or 0)
            time.sleep(0.005)
        assert self.returncode is not None
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


def _child(rules: Any, inp: int, out: int) -> None:
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the daemon, which stops us
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        logging.disable(logging.CRITICAL)
        keep = {0, 1, 2, inp, out}
        try:
            fds: Iterable[int] = [int(n) for n in os.listdir("/proc/self/fd")]
        except OSError:  # (no /proc)
            fds = range(3, min(os.sysconf("SC_OPEN_MAX"), 65_536))
        for fd in fds:  # (sockets, the log's files)
            if fd not in keep:
                with contextlib.suppress(OSError):
                    os.close(fd)
        with os.fdopen(inp, "rb") as reader, os.fdopen(out, "wb") as writer:
            serve_rules(rules, reader, writer)
        code = 0
    except BaseException:  # (whatever it was, the daemon prepares in-process)
        with contextlib.suppress(BaseException):
            import traceback  # (written to fd 2 itself: sys.stderr's lock may be another
            os.write(2, traceback.format_exc().encode())  # thread's, held at the fork)
    finally:
        os._exit(code)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the daemon, which stops us
    serve(sys.stdin.buffer, sys.stdout.buffer)
