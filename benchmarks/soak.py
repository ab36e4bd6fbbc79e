"""Soak: mail arriving over time into Dovecot while the daemon runs with IDLE.

Not a test: it prints figures. Run as root (a private Dovecot needs it):

    .venv/bin/python benchmarks/soak.py --n 10000 --rate 50

It starts a private Dovecot and a real SMTP server (aiosmtpd), starts
``eabot run`` (IMAP IDLE on, poll interval 60 s, so reaction comes from IDLE),
APPENDs N messages at RATE per second, samples the daemon's RSS every few
seconds, waits for the last acknowledgement and stops the daemon with SIGTERM.
It reports arrival-to-acknowledgement latency (median, p99, max), memory over
time (first/last/max and the slope of a least-squares line), and loss (every
message logged exactly once, every case acknowledged exactly once).
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
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from backlog_mail import backlog  # noqa: E402
from dovecot_rig import DovecotRig, free_port  # noqa: E402


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


def slope(points: list[tuple[float, float]]) -> float:
    if len(points) < 2:
        return 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs) or 1.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den


def config(tmp: Path, rig: DovecotRig, smtp_port: int) -> Path:
    shutil.copytree(ROOT / "templates", tmp / "templates")
    path = tmp / "config.toml"
    path.write_text(f"""
[bot]
store = "var/eabot.sqlite3"
from_address = "clinical@cellectar.example"
message_id_domain = "cellectar.example"
poll_interval = "60s"

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
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="eabot-soak-"))
    recorder = AckRecorder()
    smtp = Controller(recorder, hostname="127.0.0.1", port=free_port())
    smtp.start()
    rig = DovecotRig()
    daemon: subprocess.Popen[bytes] | None = None
    try:
        cfg = config(tmp, rig, smtp.port)
        env = {**os.environ, "SOAK_IMAP_PW": rig.password, "PYTHONPATH": str(ROOT)}
        daemon = subprocess.Popen([sys.executable, "-m", "bot", "run", "-c", str(cfg)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2.0)
        sent_at: dict[str, float] = {}
        memory: list[tuple[float, float]] = []
        t0 = time.monotonic()
        mails = [raw for raw, _ in backlog(args.n, small=True)]
        from imapclient import IMAPClient

        client = IMAPClient(rig.host, rig.port, ssl=False)
        client.login(rig.user, rig.password)
        next_sample = t0
        for i, raw in enumerate(mails):
            due = t0 + i / args.rate
            while (now := time.monotonic()) < due:
                time.sleep(min(0.01, due - now))
            client.append("INBOX", raw)
            msg_id = email.message_from_bytes(raw).get("Message-ID", "").strip()
            sent_at[msg_id] = time.monotonic()
            if time.monotonic() >= next_sample:
                memory.append((time.monotonic() - t0, rss_mb(daemon.pid)))
                next_sample += 5.0
        client.logout()
        feed_s = time.monotonic() - t0
        # Wait for the tail: until the store has every message.
        store = tmp / "var" / "eabot.sqlite3"
        deadline = time.monotonic() + args.settle
        logged = 0
        while time.monotonic() < deadline:
            with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
                logged = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
                pending = conn.execute("SELECT count(*) FROM outbox WHERE status != 'sent'"
                                       ).fetchone()[0]
            memory.append((time.monotonic() - t0, rss_mb(daemon.pid)))
            if logged >= args.n and pending == 0:
                break
            time.sleep(1.0)
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

        steady = [m for m in memory if m[0] > 10]
        print(f"soak: {args.n} messages at {args.rate:.0f}/s (fed in {feed_s:.0f} s), IMAP IDLE")
        print(f"  logged           {logged} ({distinct} distinct Message-IDs)   "
              f"loss: {args.n - distinct}")
        print(f"  cases            {cases}; acknowledgements sent {acks}; received at SMTP "
              f"{sum(recorder.count.values())}; duplicates {dup}")
        print(f"  latency (s)      median {p(0.5):.2f}  p99 {p(0.99):.2f}  max "
              f"{(latencies[-1] if latencies else float('nan')):.2f}  (n={len(latencies)})")
        if memory:
            print(f"  RSS (MB)         first {memory[0][1]:.1f}  last {memory[-1][1]:.1f}  "
                  f"max {max(m[1] for m in memory):.1f}  slope {slope(steady) * 60:+.2f} MB/min "
                  f"after warm-up")
    finally:
        if daemon is not None and daemon.poll() is None:
            daemon.kill()
        rig.stop()
        smtp.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
