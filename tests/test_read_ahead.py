"""Reading a poll ahead for the prepare worker: same results, cursor never ahead of the log."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.backends.base import Cursor, MailboxError, RawMessage
from bot.backends.maildir import deliver
from bot.config import Config
from bot.daemon import run_cycle
from bot.prepare import Prepared, prepare
from bot.prepare_worker import PrepareWorker
from bot.read_ahead import INLINE_FIRST, WINDOW, DeferredCursor, read_ahead
from bot.store import Store
from tests.conftest import CORPUS, HOLDOUT, write_config
from tests.helpers import DictCursor
from tests.mailgen import PHYSICIAN_BODY, make

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
COLUMNS = ("backend_key", "category", "requester_role", "emergency", "adverse_event",
           "needs_review", "reasons", "ack_status", "simhash", "subject")


def _raw(n: int) -> RawMessage:
    return RawMessage(backend_key=f"k:{n}", raw=make(subject=f"Request {n}", body=PHYSICIAN_BODY,
                                                      message_id=f"<m{n}@example.org>"),
                      received_at=T0, folder="INBOX")


def _imap_like(cursor: Cursor, n: int) -> Iterator[RawMessage]:
    """Like the IMAP poll: the cursor moves past a message when the next is asked for."""
    start = int(cursor.get("last") or 0)
    for i in range(start + 1, n + 1):
        yield _raw(i)
        cursor.set("last", str(i))


class InProcessWorker:
    """A worker with the PrepareWorker interface that prepares in this process."""

    def __init__(self, cfg: Config) -> None:
        self.rules = cfg.rules
        self.waiting: list[bytes] = []
        self.closed = False

    ready = True

    @property
    def outstanding(self) -> int:
        return 0  # answers at once: gets every message

    def submit(self, raw: bytes) -> None:
        self.waiting.append(raw)

    def result(self) -> Prepared | None:
        return prepare(self.waiting.pop(0), self.rules)

    def close(self) -> None:
        self.closed = True


def test_cursor_waits_for_the_log_however_far_the_poll_is_read(cfg: Config) -> None:
    store_cursor = DictCursor()
    deferred = DeferredCursor(store_cursor)
    workers: list[InProcessWorker] = []

    def start() -> InProcessWorker:
        workers.append(InProcessWorker(cfg))
        return workers[0]

    stream = read_ahead(_imap_like(deferred, 200), deferred, start)
    for logged, (raw, prepared) in enumerate(stream, start=1):
        assert raw.backend_key == f"k:{logged}"
        assert (prepared is None) == (logged <= INLINE_FIRST)
        deferred.done()
        # the store's cursor covers the messages logged so far (the last one once the
        # poll has been asked for the next), never one that was only read ahead
        assert int(store_cursor.get("last") or 0) in (logged - 1, logged)
        if logged == 60:
            break
    stream.close()  # as the daemon does when the log cannot be written
    assert deferred.pulled > 60 + 1  # it really read ahead
    assert deferred.pulled <= 60 + WINDOW + 1
    assert store_cursor.get("last") == "60"
    assert int(deferred.get("last") or 0) > 60  # the held writes are visible to the poll itself
    assert workers[0].closed

    # The next cycle starts from the store's cursor: nothing after 60 was skipped.
    again = DeferredCursor(store_cursor)
    first, _ = next(iter(read_ahead(_imap_like(again, 200), again, None)))
    assert first.backend_key == "k:61"


def test_a_small_poll_starts_no_worker(cfg: Config) -> None:
    deferred = DeferredCursor(DictCursor())
    started: list[int] = []

    def start() -> InProcessWorker:
        started.append(1)
        return InProcessWorker(cfg)

    out = []
    for raw, prepared in read_ahead(_imap_like(deferred, INLINE_FIRST), deferred, start):
        out.append((raw, prepared))
        deferred.done()
    assert len(out) == INLINE_FIRST and started == []


def _corpus_inbox(tmp: Path) -> Path:
    """A Maildir with the labelled corpus and holdout mail (195 messages)."""
    box = tmp / "mail"
    for i, path in enumerate(sorted([*CORPUS.glob("*.eml"), *HOLDOUT.glob("*.eml")])):
        deliver(box, path.read_bytes(), datetime.fromtimestamp(1_790_000_000 + 60 * i, UTC))
    return box


def _run(tmp: Path, inbox: Path, name: str, **changes: object) -> list[tuple[object, ...]]:
    base = tmp / name
    base.mkdir()
    from bot.config import load_config

    cfg = replace(load_config(write_config(base)), **changes)  # type: ignore[arg-type]
    shutil.copytree(inbox, base / "var" / "Maildir")
    report = run_cycle(cfg, clock=lambda: T0)
    assert report.ok and not report.errors, report.errors
    store = Store(cfg.store_path, readonly=True)
    try:
        logged = [tuple(r[c] for c in COLUMNS) for r in store.query(
            f"SELECT {', '.join(COLUMNS)} FROM messages ORDER BY id")]
        cases = [tuple(r.values()) for r in store.query(
            "SELECT tag, requester_addr, requester_role, due_at, emergency, adverse_event, "
            "needs_review, campaign FROM cases ORDER BY id")]
        acks = [tuple(r.values()) for r in store.query(
            "SELECT recipient, subject, status FROM outbox ORDER BY id")]
    finally:
        store.close()
    return [*logged, *cases, *acks]


def test_the_worker_changes_nothing_but_speed(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = _corpus_inbox(tmp_path)
    alone = _run(tmp_path, inbox, "alone", prepare_worker=False)
    answered: list[Prepared] = []

    class CountingWorker(PrepareWorker):
        def __init__(self, rules: object) -> None:
            super().__init__(rules)
            assert self.wait_ready(60)  # else the daemon may do all 195 before it starts

        def result(self) -> Prepared | None:
            got = super().result()
            if got is not None:
                answered.append(got)
            return got

    monkeypatch.setattr("bot.daemon.PrepareWorker", CountingWorker)
    helped = _run(tmp_path, inbox, "helped", prepare_worker=True)
    assert len(alone) > 195
    assert helped == alone
    assert 0 < len(answered) <= 195 - INLINE_FIRST  # the worker shared the work


def test_a_dead_worker_costs_speed_not_mail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = _corpus_inbox(tmp_path)
    expected = _run(tmp_path, inbox, "alone", prepare_worker=False)
    killed: list[int] = []

    class DyingWorker(PrepareWorker):
        def __init__(self, rules: object) -> None:
            super().__init__(rules)
            assert self.wait_ready(60)

        def submit(self, raw: bytes) -> None:
            super().submit(raw)
            if self._submitted == 5 and not killed:  # mid-poll, with answers pending
                os.kill(self.pid, signal.SIGKILL)
                killed.append(self.pid)

    monkeypatch.setattr("bot.daemon.PrepareWorker", DyingWorker)
    assert _run(tmp_path, inbox, "dying", prepare_worker=True) == expected
    assert killed
    with pytest.raises(ProcessLookupError):  # reaped, not left a zombie
        os.kill(killed[0], 0)


def test_a_poll_that_fails_hands_over_what_it_read_first(cfg: Config) -> None:
    def failing(cursor: Cursor) -> Iterator[RawMessage]:
        for i in range(1, 41):
            yield _raw(i)
            cursor.set("last", str(i))
        raise MailboxError("connection reset by peer")

    store_cursor = DictCursor()
    deferred = DeferredCursor(store_cursor)
    got: list[str] = []
    with pytest.raises(MailboxError, match="connection reset"):
        for raw, _prepared in read_ahead(failing(deferred), deferred,
                                         lambda: InProcessWorker(cfg)):
            got.append(raw.backend_key)
            deferred.done()
    assert got == [f"k:{i}" for i in range(1, 41)]  # all read before the failure, logged
    assert store_cursor.get("last") == "40"


def test_a_worker_from_other_code_is_not_trusted(cfg: Config,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # As when bot/ is updated on disk under a running daemon: the worker starts
    # from the new files, the daemon runs the old code.
    monkeypatch.setattr("bot.prepare_worker.CODE_ID", "code-the-daemon-started-with")
    worker = PrepareWorker(cfg.rules, fork=False)  # (a forked worker runs the daemon's code)
    for i in range(3):
        worker.submit(_raw(i).raw)
    assert [worker.result() for _ in range(3)] == [None, None, None]  # prepared in-process
    worker.close()
    assert worker._proc.returncode == 0


def test_the_daemon_does_not_wait_for_a_worker_that_is_starting(cfg: Config) -> None:
    class Starting(InProcessWorker):
        ready = False  # still compiling its rules

    workers: list[Starting] = []

    def start() -> Starting:
        workers.append(Starting(cfg))
        return workers[0]

    deferred = DeferredCursor(DictCursor())
    prepared_there = 0
    for _raw_msg, prepared in read_ahead(_imap_like(deferred, 80), deferred, start):
        prepared_there += prepared is not None
        deferred.done()
    assert workers and workers[0].waiting == [] and prepared_there == 0
    assert workers[0].closed


def test_a_forked_worker_keeps_none_of_the_daemons_files_and_answers_as_the_daemon(
        cfg: Config, tmp_path: Path) -> None:
    # the daemon's log, its store and its sockets stay the daemon's: the forked child
    # keeps its two pipes and the standard streams only
    held = (tmp_path / "held.txt").open("w")
    try:
        worker = PrepareWorker(cfg.rules, fork=True)
        assert worker.wait_ready(10)
        fds = sorted(int(n) for n in os.listdir(f"/proc/{worker.pid}/fd"))
        assert held.fileno() not in fds
        assert len(fds) == 5 and fds[:3] == [0, 1, 2], fds
        raws = [_raw(i).raw for i in range(4)]
        for raw in raws:
            worker.submit(raw)
        answers = [worker.result() for _ in raws]
        worker.close()
    finally:
        held.close()
    assert worker._proc.returncode == 0
    assert all(a is not None for a in answers)
    assert [a.analysis for a in answers if a] == [prepare(r, cfg.rules).analysis for r in raws]
    with pytest.raises(ProcessLookupError):  # reaped
        os.kill(worker.pid, 0)


def test_a_fork_that_fails_leaves_no_pipe_open(cfg: Config,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    before = len(os.listdir("/proc/self/fd"))

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    for _ in range(5):
        with pytest.raises(BlockingIOError):
            PrepareWorker(cfg.rules, fork=True)
    assert len(os.listdir("/proc/self/fd")) == before
