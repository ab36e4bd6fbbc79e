"""Acknowledgement speed: queue_ack, flush to Maildir, simhash, campaign_match.  [measurement only]

Not a test: prints figures (milliseconds), asserts nothing about time.

* ``queue_ack``: realistic mail (``backlog_mail.backlog``) is triaged into a
  temporary store, as ``eabot run`` does; the time spent in
  ``triage.queue_ack`` (render the template, build the MIME message, insert
  the pending outbox row) is divided by the number of acknowledgements.
* ``flush``: ``sending.flush`` to a Maildir outbox, per message sent.
* ``simhash``: per call, over the own text of every request of the backlog.
* ``campaign_match``: per message, with 2,000 and 50,000 stored request
  fingerprints (random ones plus a few campaigns of near-copies).

Usage: ``python benchmarks/ack_speed.py [--messages 2000] [--stored 2000,50000]``.
The machine may be shared: compare runs made close together. CPU time (in
brackets) is less disturbed by other processes than wall-clock time; the
fsync line is the disk's time, which CPU time does not show.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from backlog_mail import backlog  # noqa: E402

import bot.triage as triage  # noqa: E402
from bot import queries, sending  # noqa: E402
from bot.backends.base import RawMessage  # noqa: E402
from bot.backends.maildir import MaildirOutbox  # noqa: E402
from bot.campaign import simhash  # noqa: E402
from bot.config import Config, load_config  # noqa: E402
from bot.store import Store, iso  # noqa: E402
from bot.template_store import load_templates  # noqa: E402

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def write_config(tmp: Path) -> Config:
    """Like tests/conftest.py write_config: Maildir in, Maildir outbox, SQLite log."""
    shutil.copytree(ROOT / "templates", tmp / "templates")
    (tmp / "config.toml").write_text("""
[bot]
store = "var/eabot.sqlite3"
from_address = "clinical@cellectar.example"
from_name = "Cellectar Clinical Team"
message_id_domain = "cellectar.example"
poll_interval = "60s"

[mailbox]
backend = "maildir"
path = "var/Maildir"

[outbox]
backend = "maildir"
path = "var/Outbox"

[deadline]
business_days = 5
timezone = "America/New_York"
country = "US"
closures = { "2026-11-27" = "Day after Thanksgiving" }
""")
    return load_config(tmp / "config.toml")


class Timer:
    """Wraps a module attribute and sums the time (wall clock and CPU) spent in it."""

    def __init__(self, owner: Any, name: str, keep_args: bool = False) -> None:
        self.owner, self.name, self.real = owner, name, getattr(owner, name)
        self.seconds, self.cpu, self.calls = 0.0, 0.0, 0
        self.args: list[tuple[Any, ...]] = []

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return self.real(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t0
                self.cpu += time.process_time() - c0
                self.calls += 1
                if keep_args:
                    self.args.append(args)

        setattr(owner, name, wrapper)

    def undo(self) -> None:
        setattr(self.owner, self.name, self.real)

    def per_call_ms(self) -> tuple[float, float]:
        """(wall, CPU) milliseconds per call."""
        return self.seconds / max(self.calls, 1) * 1000, self.cpu / max(self.calls, 1) * 1000


def _users_of(function: Any) -> list[Any]:
    """The bot modules that imported ``function`` by name (where to wrap it)."""
    return [m for name, m in sorted(sys.modules.items()) if name.startswith("bot.")
            and name != "bot.campaign" and getattr(m, function.__name__, None) is function]


def triage_backlog(n: int) -> dict[str, Any]:
    """Triage ``n`` realistic messages, then flush the outbox to a Maildir."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="eabot-ack-speed-") as tmp:
        cfg = write_config(Path(tmp))
        store = Store(cfg.store_path)
        templates, problems = load_templates(store, cfg.templates_dir, cfg.required_templates(), NOW)
        assert not problems, problems
        timers = [Timer(triage, "queue_ack"), Timer(queries, "campaign_match")]
        timers += [Timer(module, "simhash", keep_args=True) for module in _users_of(simhash)]
        try:
            for i, (raw, epoch) in enumerate(backlog(n)):
                received = datetime.fromtimestamp(epoch, UTC)
                triage.ingest(store, cfg, templates, RawMessage(f"maildir:INBOX:{i}", raw, received),
                              received + timedelta(minutes=1))
        finally:
            for t in timers:
                t.undo()
        queue_ack, match, *fingerprints = timers
        out["acks"] = queue_ack.calls
        out["queue_ack ms/ack"] = queue_ack.per_call_ms()
        out["campaign_match ms/msg (in triage)"] = match.per_call_ms()
        out["texts"] = [str(a[0]) for t in fingerprints for a in t.args]
        outbox = MaildirOutbox(Path(tmp) / "var" / "Outbox")
        transport = [Timer(outbox, name) for name in ("send", "send_raw", "sync")
                     if hasattr(outbox, name)]
        fsync = Timer(os, "fsync")  # SQLite's own syncs are not Python calls
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            stats = sending.flush(store, outbox, cfg.ack, NOW + timedelta(days=90))
        finally:
            fsync.undo()
        sent = max(stats.sent, 1)
        out["sent"] = stats.sent
        out["flush ms/msg"] = ((time.perf_counter() - t0) / sent * 1000,
                               (time.process_time() - c0) / sent * 1000)
        out["transport ms/msg"] = (sum(t.seconds for t in transport) / sent * 1000,
                                   sum(t.cpu for t in transport) / sent * 1000)
        out["fsync ms/msg"] = (fsync.seconds / sent * 1000, fsync.cpu / sent * 1000)
        store.close()
    return out


def best_of(rounds: int, calls: int, run: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) milliseconds per call of the fastest of ``rounds`` runs of ``calls`` calls."""
    wall = cpu = float("inf")
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        wall = min(wall, (time.perf_counter() - t0) / calls * 1000)
        cpu = min(cpu, (time.process_time() - c0) / calls * 1000)
    return wall, cpu


def time_simhash(texts: list[str]) -> tuple[float, float]:
    return best_of(3, max(len(texts), 1), lambda: [simhash(text) for text in texts])


def _flip(r: random.Random, value: int, bits: int) -> int:
    for bit in r.sample(range(64), bits):
        value ^= 1 << bit
    return value


def fill_fingerprints(store: Store, count: int, seed: int = 7) -> list[str]:
    """``count`` stored request rows with fingerprints; returns probe fingerprints."""
    r = random.Random(seed)
    campaigns = [r.getrandbits(64) for _ in range(20)]
    cases: list[tuple[Any, ...]] = []
    messages: list[tuple[Any, ...]] = []
    for i in range(1, count + 1):
        value = (_flip(r, campaigns[i % 20], r.randint(0, 6)) if i % 50 == 0
                 else r.getrandbits(64))
        at = iso(NOW - timedelta(seconds=r.randrange(10 * 86_400)))
        cases.append((i, f"EA-2026-{i:05d}", f"s{i}@x.example", at, at))
        messages.append((i, f"k{i}", "INBOX", f"{i:040x}", 1, at, at, f"s{i}@x.example",
                         "ea_request", "[]", i, "pending", f"{value:016x}"))
    with store.transaction():
        store.conn.executemany("INSERT INTO cases (id, tag, requester_addr, received_at, opened_at) "
                               "VALUES (?, ?, ?, ?, ?)", cases)
        store.conn.executemany(
            "INSERT INTO messages (id, backend_key, mailbox, raw_sha256, raw_size, received_at, "
            "logged_at, from_addr, category, reasons, case_id, ack_status, simhash) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", messages)
    probes = [_flip(r, campaigns[k % 20], r.randint(0, 8)) for k in range(100)]
    probes += [r.getrandbits(64) for _ in range(100)]
    return [f"{p:016x}" for p in probes]


def time_campaign_match(count: int) -> tuple[float, tuple[float, float]]:
    """(ms of the first call, which reads every stored fingerprint; (wall, CPU) ms per message)."""
    with tempfile.TemporaryDirectory(prefix="eabot-match-") as tmp:
        store = Store(Path(tmp) / "s.sqlite3")
        probes = fill_fingerprints(store, count)
        t0 = time.perf_counter()
        queries.campaign_match(store, probes[0], "new@x.example", NOW, 14, 3)
        first = time.perf_counter() - t0
        per = best_of(3, len(probes), lambda: [queries.campaign_match(
            store, p, "new@x.example", NOW, 14, 3) for p in probes])
        store.close()
    return first * 1000, per


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--messages", type=int, default=2000, help="backlog size to triage")
    ap.add_argument("--stored", default="2000,50000", help="stored fingerprints for campaign_match")
    args = ap.parse_args()
    run = triage_backlog(args.messages)
    ack, flush, fsync = run["queue_ack ms/ack"], run["flush ms/msg"], run["fsync ms/msg"]
    rows: list[tuple[str, tuple[float, float]]] = [
        (f"queue_ack per ack ({run['acks']} acks)", ack),
        (f"flush to Maildir per message ({run['sent']} sent)", flush),
        ("  of which the Maildir outbox (send, send_raw, sync)", run["transport ms/msg"]),
        ("    of which os.fsync (the disk's time)", fsync),
        ("ack total (queue_ack + flush)", (ack[0] + flush[0], ack[1] + flush[1])),
        ("ack total without os.fsync", (ack[0] + flush[0] - fsync[0], ack[1] + flush[1] - fsync[1])),
        (f"simhash per call ({len(run['texts'])} texts)", time_simhash(run["texts"])),
        ("campaign_match per message, in the triage run", run["campaign_match ms/msg (in triage)"]),
    ]
    print(f"{'':<56} {'wall':>9} {'(CPU)':>11}")
    for label, (wall, cpu) in rows:
        print(f"{label:<56} {wall:8.3f} ms ({cpu:7.3f} ms)", flush=True)
    for n in (int(n) for n in args.stored.split(",") if n):
        first, (wall, cpu) = time_campaign_match(n)
        print(f"{f'campaign_match per message, {n:,} stored':<56} {wall:8.3f} ms ({cpu:7.3f} ms)"
              f"  first call {first:.0f} ms", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
