"""Soak: mail arriving over time into Dovecot while the daemon runs with IDLE.

Not a test: it prints figures. Run as root (a private Dovecot needs it):

    .venv/bin/python benchmarks/soak.py --n 10000 --rate 50 --tail-minutes 10

It starts a private Dovecot and a real SMTP server (aiosmtpd), starts
``eabot run`` (IMAP IDLE on, so reaction comes from IDLE; polling every
``--poll-interval``, 60 s by default, is the fallback), APPENDs N messages at
RATE per second, samples the daemon every few seconds, waits for the last
acknowledgement, then (``--tail-minutes``) leaves the daemon running with no
new mail, and stops it with SIGTERM. ``MALLOC_ARENA_MAX`` and other variables
of this script's environment reach the daemon.

It reports arrival-to-acknowledgement latency (median, p99, max), loss (every
message logged exactly once, every case acknowledged exactly once), and what
"memory flat over time" needs:

* RSS first/last/max and the slope of a least-squares line, after warm-up,
  over the whole load and over its first and second halves (a plateau has a
  second-half slope well below the first; a leak keeps its slope);
* during the quiet tail: RSS at its start and end, its slope, and how many
  cycles ran (``--poll-interval 5s`` gives many idle cycles in a short tail): a
  leak per cycle shows here, at a constant store size;
* where the growth is, from ``/proc/PID/smaps``: the Python/glibc main
  ``[heap]``, other anonymous mappings (glibc per-thread arenas, mmap'd
  blocks), file mappings; and the store's size (DB + WAL), threads, open fds.
"""

from __future__ import annotations

import argparse
import email
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from backlog_mail import backlog  # noqa: E402
from dovecot_rig import DovecotRig, free_port  # noqa: E402

WARM_UP_S = 10.0
SAMPLE_S = 5.0


class AckRecorder:
    """aiosmtpd handler: when did the acknowledgement of each message arrive?"""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        self.count: dict[str, int] = {}
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.original_content or b"", policy=default_policy)
        key = str(msg.get("In-Reply-To") or msg.get("X-EABot-Case") or "").strip()
        with self.lock:
            self.arrivals.setdefault(key, time.monotonic())
            self.count[key] = self.count.get(key, 0) + 1
        return "250 OK"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def mappings_mb(pid: int) -> dict[str, float]:
    """RSS by kind of mapping: ``heap`` (brk: glibc's main arena), ``arenas``
    (glibc's per-thread arenas: an anonymous read-write mapping plus its
    ``---p`` reserve, 64 MiB together), ``anon`` (other anonymous memory:
    CPython's obmalloc arenas, large malloc blocks, thread stacks), ``file``
    (code and shared libraries, sqlite's among them), ``stack``."""
    out = {"heap": 0.0, "arenas": 0.0, "anon": 0.0, "file": 0.0, "stack": 0.0}
    try:
        text = Path(f"/proc/{pid}/smaps").read_text()
    except OSError:
        return out
    maps: list[list[Any]] = []  # [start, end, perms, name, rss_kb]
    for line in text.splitlines():
        head = line.split(maxsplit=5)
        if head and "-" in head[0] and not head[0].endswith(":"):  # a mapping's header
            lo, hi = (int(x, 16) for x in head[0].split("-"))
            maps.append([lo, hi, head[1], head[5] if len(head) > 5 else "", 0])
        elif head and head[0] == "Rss:" and maps:
            maps[-1][4] = int(head[1])
    for i, (lo, hi, perms, name, rss) in enumerate(maps):
        nxt = maps[i + 1] if i + 1 < len(maps) else None
        if name == "[heap]":
            kind = "heap"
        elif name.startswith("[stack"):
            kind = "stack"
        elif name.startswith(("/", "[v")):  # files; vdso, vvar, vsyscall
            kind = "file"
        elif (perms.startswith("rw") and nxt is not None and nxt[0] == hi
              and nxt[2].startswith("---") and not nxt[3] and nxt[1] - lo == 64 << 20):
            kind = "arenas"
        else:
            kind = "anon"
        out[kind] += rss / 1024
    return out


def count_entries(path: str) -> int:
    try:
        return len(os.listdir(path))
    except OSError:
        return 0


@dataclass
class Sample:
    t: float
    rss: float
    maps: dict[str, float]
    store_mb: float
    threads: int
    fds: int
    cycles: int
    logged: int


class Sampler:
    """Samples the daemon's memory, the store's size and the cycle count."""

    def __init__(self, pid: int, store: Path, t0: float) -> None:
        self.pid, self.store, self.t0 = pid, store, t0
        self.samples: list[Sample] = []
        self.next_at = t0

    def due(self) -> bool:
        return time.monotonic() >= self.next_at

    def take(self) -> Sample:
        self.next_at = max(self.next_at + SAMPLE_S, time.monotonic())
        size = sum(Path(str(self.store) + s).stat().st_size for s in ("", "-wal")
                   if Path(str(self.store) + s).exists())
        sample = Sample(time.monotonic() - self.t0, rss_mb(self.pid), mappings_mb(self.pid),
                        size / 2**20, count_entries(f"/proc/{self.pid}/task"),
                        count_entries(f"/proc/{self.pid}/fd"), *counts(self.store))
        self.samples.append(sample)
        return sample


def counts(store: Path) -> tuple[int, int]:
    """(cycles started, messages logged) so far."""
    if not store.exists():
        return 0, 0
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT (SELECT count(*) FROM heartbeats), "
                               "(SELECT count(*) FROM messages)").fetchone()
            return int(row[0]), int(row[1])
    except sqlite3.Error:
        return 0, 0


def slope(points: list[tuple[float, float]]) -> float:
    if len(points) < 2:
        return 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs) or 1.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den


def per_min(samples: list[Sample]) -> float:
    return slope([(s.t, s.rss) for s in samples]) * 60


def describe(label: str, samples: list[Sample]) -> None:
    """One phase: RSS first/last/max, slope overall and per half, where it grew."""
    if len(samples) < 2:
        print(f"  {label:<17}(too short to tell)")
        return
    first, last = samples[0], samples[-1]
    mid = (first.t + last.t) / 2
    halves = [s for s in samples if s.t <= mid], [s for s in samples if s.t >= mid]
    print(f"  {label:<17}{first.t:.0f}-{last.t:.0f} s, {last.cycles - first.cycles} cycles: RSS "
          f"first {first.rss:.1f}  last {last.rss:.1f}  max {max(s.rss for s in samples):.1f} MB")
    print(f"  {'':<17}slope {per_min(samples):+.2f} MB/min; first half {per_min(halves[0]):+.2f}, "
          f"second half {per_min(halves[1]):+.2f}")
    if last.logged - first.logged >= 1000:
        per_k = slope([(s.logged, s.rss) for s in samples]) * 1000
        print(f"  {'':<17}RSS vs messages logged ({first.logged}->{last.logged}): "
              f"{per_k:+.2f} MB per 1000 messages")
    grew = "  ".join(f"{k} {first.maps[k]:.1f}->{last.maps[k]:.1f}" for k in first.maps)
    print(f"  {'':<17}by mapping (MB): {grew}")
    print(f"  {'':<17}store (DB+WAL) {first.store_mb:.1f}->{last.store_mb:.1f} MB; threads "
          f"{first.threads}->{last.threads}; open fds {first.fds}->{last.fds}")


def write_csv(path: Path, samples: list[Sample]) -> None:
    kinds = list(samples[0].maps) if samples else []
    lines = [",".join(["t_s", "rss_mb", *(f"{k}_mb" for k in kinds), "store_mb", "threads",
                       "fds", "cycles", "logged"])]
    lines += [",".join([f"{s.t:.1f}", f"{s.rss:.2f}", *(f"{s.maps[k]:.2f}" for k in kinds),
                        f"{s.store_mb:.2f}", str(s.threads), str(s.fds), str(s.cycles), str(s.logged)])
              for s in samples]
    path.write_text("\n".join(lines) + "\n")


def code_version() -> str:
    """Which code the daemon runs: others may be editing bot/ while this runs."""
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "bot"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"{ROOT} (not a git checkout)"
    return f"{ROOT} at {head}" + (" with uncommitted changes in bot/" if dirty else "")


def config(tmp: Path, rig: DovecotRig, smtp_port: int, poll_interval: str) -> Path:
    shutil.copytree(ROOT / "templates", tmp / "templates")
    path = tmp / "config.toml"
    path.write_text(f"""
[bot]
store = "var/eabot.sqlite3"
from_address = "clinical@cellectar.example"
message_id_domain = "cellectar.example"
poll_interval = "{poll_interval}"

[mailbox]
backend = "imap"
host = "{rig.host}"
port = {rig.port}
security = "plain"
insecure_plaintext = true
username = "{rig.user}"
password_env = "SOAK_IMAP_PW"
idle = true
batch_size = 100

[outbox]
backend = "smtp"
host = "127.0.0.1"
port = {smtp_port}
security = "plain"
insecure_plaintext = true
auth = "none"

[acknowledgement]
max_per_sender_per_day = 1000

[deadline]
timezone = "America/New_York"
country = "US"
""")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="messages to deliver")
    ap.add_argument("--rate", type=float, default=50.0, help="messages per second")
    ap.add_argument("--settle", type=float, default=120.0, help="max wait for the tail (s)")
    ap.add_argument("--tail-minutes", type=float, default=0.0,
                    help="after the last acknowledgement, watch the idle daemon this long")
    ap.add_argument("--poll-interval", default="60s", help="the daemon's bot.poll_interval")
    ap.add_argument("--samples", type=Path, help="also write every sample to this CSV file")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # clean up on SIGTERM too

    version = code_version()  # at the start: the daemon imports bot/ as it is now
    tmp = Path(tempfile.mkdtemp(prefix="eabot-soak-"))
    recorder = AckRecorder()
    smtp = Controller(recorder, hostname="127.0.0.1", port=free_port())
    smtp.start()
    rig = DovecotRig()
    daemon: subprocess.Popen[bytes] | None = None
    try:
        cfg = config(tmp, rig, smtp.port, args.poll_interval)
        store = tmp / "var" / "eabot.sqlite3"
        env = {**os.environ, "SOAK_IMAP_PW": rig.password, "PYTHONPATH": str(ROOT)}
        daemon = subprocess.Popen([sys.executable, "-m", "bot", "run", "-c", str(cfg)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2.0)
        sent_at: dict[str, float] = {}
        mails = [raw for raw, _ in backlog(args.n, small=True)]
        from imapclient import IMAPClient

        client = IMAPClient(rig.host, rig.port, ssl=False)
        client.login(rig.user, rig.password)
        t0 = time.monotonic()
        sampler = Sampler(daemon.pid, store, t0)
        for i, raw in enumerate(mails):
            due = t0 + i / args.rate
            while (now := time.monotonic()) < due:
                time.sleep(min(0.01, due - now))
            client.append("INBOX", raw)
            msg_id = email.message_from_bytes(raw).get("Message-ID", "").strip()
            sent_at[msg_id] = time.monotonic()
            if sampler.due():
                sampler.take()
        client.logout()
        feed_s = time.monotonic() - t0
        # Wait for the tail of the load: until the store has every message.
        deadline = time.monotonic() + args.settle
        logged = pending = 0
        while time.monotonic() < deadline:
            with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
                logged = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
                pending = conn.execute("SELECT count(*) FROM outbox WHERE status != 'sent'"
                                       ).fetchone()[0]
            if sampler.due():
                sampler.take()
            if logged >= args.n and pending == 0:
                break
            time.sleep(1.0)
        last = sampler.take()
        load_end = last.t
        if last.logged < args.n or pending:
            print(f"warning: the daemon had not caught up after --settle {args.settle:.0f} s "
                  f"({last.logged} of {args.n} logged, {pending} outbox rows not sent); the "
                  "quiet tail is not quiet", flush=True)
        quiet_until = time.monotonic() + args.tail_minutes * 60
        while time.monotonic() < quiet_until:
            time.sleep(max(0.0, min(sampler.next_at, quiet_until) - time.monotonic()))
            sampler.take()
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=120)
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
            logged = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
            distinct = conn.execute("SELECT count(DISTINCT message_id) FROM messages").fetchone()[0]
            cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
            acks = conn.execute("SELECT count(*) FROM outbox WHERE kind = 'ack' AND status = "
                                "'sent'").fetchone()[0]
        latencies = sorted(recorder.arrivals[k] - sent_at[k] for k in recorder.arrivals
                           if k in sent_at)
        dup = sum(1 for c in recorder.count.values() if c > 1)

        def p(q: float) -> float:
            if not latencies:
                return float("nan")
            return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

        samples = sampler.samples
        if args.samples:
            write_csv(args.samples, samples)
        arena = os.environ.get("MALLOC_ARENA_MAX", "unset")
        print(f"soak: {args.n} messages at {args.rate:.0f}/s (fed in {feed_s:.0f} s), IMAP IDLE, "
              f"poll every {args.poll_interval}, MALLOC_ARENA_MAX={arena}")
        print(f"  code             {version}")
        print(f"  logged           {logged} ({distinct} distinct Message-IDs)   "
              f"loss: {args.n - distinct}")
        print(f"  cases            {cases}; acknowledgements sent {acks}; received at SMTP "
              f"{sum(recorder.count.values())}; duplicates {dup}")
        print(f"  latency (s)      median {p(0.5):.2f}  p99 {p(0.99):.2f}  max "
              f"{(latencies[-1] if latencies else float('nan')):.2f}  (n={len(latencies)})")
        if samples:
            print(f"  RSS (MB)         first {samples[0].rss:.1f}  last {samples[-1].rss:.1f}  "
                  f"max {max(s.rss for s in samples):.1f}  slope "
                  f"{per_min([s for s in samples if s.t > WARM_UP_S]):+.2f} MB/min after warm-up")
            describe("load", [s for s in samples if WARM_UP_S < s.t <= load_end])
            if args.tail_minutes > 0:
                describe("quiet tail", [s for s in samples if s.t >= load_end])
    finally:
        if daemon is not None and daemon.poll() is None:
            daemon.kill()
        rig.stop()
        smtp.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
