"""IMAP backlog benchmark: eabot against a naive imaplib + email baseline.  [script; I/O]

    .venv/bin/python benchmarks/imap_backlog.py [--n 2000] [--idle-sizes 1000,50000]

Needs root and Dovecot (see benchmarks/dovecot_rig.py). It

1. starts a private Dovecot on 127.0.0.1 and fills INBOX with ``--n``
   deterministic, realistic messages (benchmarks/backlog_mail.py: median
   ~25 KB, ~5% with 100-700 KB PDF attachments, mixed charsets and
   transfer encodings; EA requests, other mail, machine mail) written straight
   into the user's Maildir;
2. measures (a) the naive baseline: stdlib ``imaplib`` login, EXAMINE,
   ``UID FETCH BODY.PEEK[]`` in batches and ``email.message_from_bytes(raw,
   policy=policy.default)`` of each message; and (b) ``eabot run --once``
   (``bot.daemon.run_cycle`` with an IMAP mailbox and an SMTP outbox, an
   aiosmtpd server in the benchmark's process; ``--outbox maildir`` for a
   Maildir outbox, which fsyncs every message)
   triaging the same backlog into an empty store; both in msgs/s;
3. measures the idle cycle (``run_cycle`` with no new mail, median of 5) at
   each of ``--idle-sizes`` folder sizes (sizes above ``--small-above`` are
   filled with small messages, for speed);
4. records peak RSS (``ru_maxrss``) of every eabot run; each eabot run is a
   fresh subprocess, so the peaks are separate;

and prints the figures with their targets (PASS/MISS); the exit status is 1
when a target is missed. It also times idle cycles with one mailbox kept
across cycles (what ``serve()`` would see if it kept its mailbox).

Options: ``--breakdown`` times the parts of the backlog run and of an idle
cycle by wrapping the functions run_cycle calls (no profiler overhead);
``--profile FILE`` writes a cProfile of the backlog run; ``--repeat R`` takes
the best of R runs; ``--no-worker`` runs eabot with ``prepare_worker = false``
(one process, for comparison);
``--modules-from DIR`` runs eabot with parsing.py/imap.py from DIR (an A/B
against an older version); ``--compare-idle-with DIR`` adds idle cycles with
DIR's modules on the same store; ``--json FILE`` saves the figures. The host
is shared: run figures vary with load, so compare runs made close together.
"""

from __future__ import annotations

import argparse
import email
import imaplib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from email import policy
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from aiosmtpd.controller import Controller  # noqa: E402
from backlog_mail import backlog  # noqa: E402
from dovecot_rig import DovecotRig, free_port  # noqa: E402


class SmtpSink:
    """aiosmtpd handler that accepts and counts acknowledgements."""

    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received += 1
        return "250 OK"

PASSWORD_ENV = "EABOT_BENCH_IMAP_PASSWORD"
TARGET_RATIO = 1.5
TARGET_IDLE_MS = 30.0
TARGET_RSS_MB = 100.0
TARGET_RSS_GROWTH = 1.25  # "flat in N": largest peak at most 25% above the smallest


# --------------------------------------------------------------------------
# (a) the naive baseline


def baseline(rig: DovecotRig, batch: int) -> dict[str, float]:
    started = time.perf_counter()
    imap = imaplib.IMAP4(rig.host, rig.port)
    imap.login(rig.user, rig.password)
    imap.select("INBOX", readonly=True)
    _, data = imap.uid("SEARCH", None, "ALL")
    uids = data[0].split()
    parsed = total = 0
    for start in range(0, len(uids), batch):
        _, data = imap.uid("FETCH", b",".join(uids[start:start + batch]), "(BODY.PEEK[])")
        for item in data:
            if isinstance(item, tuple):
                raw = item[1]
                total += len(raw)
                email.message_from_bytes(raw, policy=policy.default)
                parsed += 1
    imap.logout()
    elapsed = time.perf_counter() - started
    return {"messages": parsed, "bytes": total, "seconds": elapsed, "rate": parsed / elapsed}


def bare_poll_ms(rig: DovecotRig, runs: int) -> float:
    """The floor of a poll on a new connection: bare imaplib connect, login, EXAMINE,
    UID SEARCH for mail above the last UID, logout (median ms)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        imap = imaplib.IMAP4(rig.host, rig.port)
        imap.login(rig.user, rig.password)
        imap.select("INBOX", readonly=True)
        imap.uid("SEARCH", None, "UID", "4000000000:*")
        imap.logout()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


# --------------------------------------------------------------------------
# (b) eabot, in a child process per run


def write_config(tmp: Path, rig: DovecotRig, *, worker: bool = True,
                 smtp_port: int | None = None) -> Path:
    """Like tests/conftest.py write_config, with an IMAP mailbox and (with
    ``smtp_port``) an SMTP outbox, else a Maildir outbox."""
    outbox = ('backend = "maildir"\npath = "var/Outbox"' if smtp_port is None else
              f'backend = "smtp"\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "plain"\n'
              'insecure_plaintext = true\nauth = "none"')
    shutil.copytree(ROOT / "templates", tmp / "templates")
    text = f"""
[bot]
store = "var/eabot.sqlite3"
from_address = "clinical@cellectar.example"
from_name = "Cellectar Clinical Team"
message_id_domain = "cellectar.example"
poll_interval = "60s"
prepare_worker = {"true" if worker else "false"}

[mailbox]
backend = "imap"
host = "{rig.host}"
port = {rig.port}
username = "{rig.user}"
password_env = "{PASSWORD_ENV}"
security = "plain"
insecure_plaintext = true

[outbox]
{outbox}

[deadline]
business_days = 5
timezone = "America/New_York"
country = "US"
closures = {{ "2026-11-27" = "Day after Thanksgiving" }}
"""
    path = tmp / "config.toml"
    path.write_text(text)
    return path


def run_eabot(rig: DovecotRig, *, idle_runs: int, profile: str | None = None,
              breakdown: bool = False, worker: bool = True, smtp_port: int | None = None,
              compare_modules: str | None = None) -> dict[str, object]:
    """One fresh store, one backlog cycle, then idle cycles; in a subprocess.

    With ``compare_modules``, a second subprocess then runs idle cycles on the
    same store with parsing.py/imap.py loaded from that directory; its figures
    are under ``"compared"``.
    """
    tmp = Path(tempfile.mkdtemp(prefix="eabot-bench-run-"))
    try:
        config = write_config(tmp, rig, worker=worker, smtp_port=smtp_port)
        argv = [sys.executable, str(Path(__file__).resolve()), "--child", str(config),
                "--idle-runs", str(idle_runs)]
        if profile:
            argv += ["--profile", profile]
        if breakdown:
            argv.append("--breakdown")
        env = {**os.environ, PASSWORD_ENV: rig.password}
        result = _child_run(argv, env)
        if compare_modules:
            result["compared"] = _child_run(argv, {**env,
                                                   "EABOT_BENCH_MODULES_FROM": compare_modules})
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _child_run(argv: list[str], env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"eabot child failed ({done.returncode}):\n{done.stderr[-4000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def child(config: str, idle_runs: int, profile: str | None, breakdown: bool) -> None:
    """Runs in the subprocess: prints one JSON line with the figures."""
    import logging

    logging.basicConfig(level=logging.WARNING)
    _load_replacement_modules(os.environ.get("EABOT_BENCH_MODULES_FROM"))
    import bot.daemon as daemon
    from bot.backends import make_mailbox
    from bot.config import load_config
    from bot.daemon import run_cycle
    from bot.store import Store

    cfg = load_config(config)
    import gc

    gc.freeze()  # as `eabot run` does after loading its configuration
    worker_peaks, worker_own = _watch_worker_memory(daemon)
    rss_at: dict[str, float] = {}
    real_flush = daemon.flush

    def flush(*args: object, **kwargs: object) -> object:
        rss_at.setdefault("before_flush", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return real_flush(*args, **kwargs)

    daemon.flush = flush  # type: ignore[assignment]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    phases_backlog = instrument(True) if breakdown and not profiler else None
    def cpu(who: int) -> float:
        usage = resource.getrusage(who)
        return usage.ru_utime + usage.ru_stime

    cpu_self, cpu_children = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    report = run_cycle(cfg)
    elapsed = time.perf_counter() - started
    # CPU seconds of the backlog cycle: the daemon's own, and its prepare worker's
    # (reaped when the cycle closes it). Less disturbed by other load than wall time.
    cpu_daemon = cpu(resource.RUSAGE_SELF) - cpu_self
    cpu_worker = cpu(resource.RUSAGE_CHILDREN) - cpu_children
    if phases_backlog is not None:
        phases_backlog.undo()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    rss_backlog = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    daemon.flush = real_flush  # type: ignore[assignment]
    idle: list[float] = []
    idle_reports = []
    for _ in range(idle_runs):
        t0 = time.perf_counter()
        again = run_cycle(cfg)
        idle.append((time.perf_counter() - t0) * 1000)
        idle_reports.append((again.fetched, again.ok, again.unexplained))
    # What `eabot run` sees: serve() keeps one mailbox across cycles (its IMAP
    # connection is reused while it is younger than KEEP_S, or always with idle = true).
    kept_box = make_mailbox(cfg)
    idle_kept: list[float] = []
    try:
        run_cycle(cfg, mailbox=kept_box)
        for _ in range(idle_runs):
            t0 = time.perf_counter()
            run_cycle(cfg, mailbox=kept_box)
            idle_kept.append((time.perf_counter() - t0) * 1000)
    finally:
        kept_box.close()
    phases = _breakdown(cfg) if breakdown else {}
    store = Store(cfg.store_path, readonly=True)
    categories = {row["category"]: row["n"] for row in store.query(
        "SELECT category, count(*) AS n FROM messages GROUP BY category")}
    acks = store.one("SELECT count(*) AS n FROM outbox")
    store.close()
    print(json.dumps({
        "fetched": report.fetched, "logged": report.logged, "errors": report.errors[:5],
        "ok": report.ok, "unexplained": report.unexplained, "sent": report.sent,
        "seconds": elapsed, "rate": report.fetched / elapsed if elapsed else 0.0,
        "cpu_daemon_s": cpu_daemon, "cpu_worker_s": cpu_worker,
        "idle_ms": idle, "idle_reports": idle_reports, "idle_kept_ms": idle_kept,
        "rss_before_flush_mb": rss_at.get("before_flush", 0.0),
        "rss_worker_mb": max(worker_peaks, default=0.0),
        "uss_worker_mb": max(worker_own, default=0.0),
        "rss_import_mb": rss_before / 1024, "rss_backlog_mb": rss_backlog / 1024,
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "categories": categories, "acks": acks["n"] if acks else 0, "phases": phases,
        "phases_backlog": phases_backlog.spent if phases_backlog else {},
    }))


def _watch_worker_memory(daemon: Any) -> tuple[list[float], list[float]]:
    """Record each prepare worker's peak RSS (VmHWM) and its own memory (USS: its
    private pages, from /proc/PID/smaps_rollup) just before it is closed.

    A worker forked from the daemon shares the daemon's pages (the rules, the
    imports) until either writes them: its RSS counts those shared pages, which
    the daemon's RSS counts too, so what it adds to the machine is its USS. (A
    worker started as a new interpreter shares nothing: its USS is about its RSS.
    ``RUSAGE_CHILDREN`` would report the parent's size either way.)
    """
    peaks: list[float] = []
    own: list[float] = []
    base = daemon.PrepareWorker

    class Watched(base):  # type: ignore[misc, valid-type]
        def close(self) -> None:
            try:
                status = Path(f"/proc/{self.pid}/status").read_text()
                kb = next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmHWM:"))
                peaks.append(kb / 1024)
                rollup = Path(f"/proc/{self.pid}/smaps_rollup").read_text()
                own.append(sum(int(line.split()[1]) for line in rollup.splitlines()
                               if line.startswith(("Private_Clean:", "Private_Dirty:"))) / 1024)
            except (OSError, StopIteration, ValueError):
                pass
            super().close()

    daemon.PrepareWorker = Watched
    return peaks, own


def _load_replacement_modules(directory: str | None) -> None:
    """Use DIR/parsing.py and DIR/imap.py instead of bot's (A/B runs against old versions).

    A file DIR does not have is skipped: bot's own is used (bot/parsing is a
    package now, so a copy of today's bot/ gives no parsing.py).
    """
    if not directory:
        return
    import importlib.util

    for name, file in (("bot.parsing", "parsing.py"), ("bot.backends.imap", "imap.py")):
        path = Path(directory) / file
        if path.exists():
            spec = importlib.util.spec_from_file_location(name, path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)


class Phases:
    """Wall time spent in named functions, by wrapping them (no profiler overhead)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._undo: list[tuple[object, str, object]] = []

    def _add(self, label: str, t0: float) -> None:
        self.spent[label] = self.spent.get(label, 0.0) + (time.perf_counter() - t0) * 1000

    def wrap(self, owner: object, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:  # the code moved on; time what is there
            return

        def wrapper(*args: object, **kwargs: object) -> object:
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self._add(label, t0)

        self._undo.append((owner, name, original))
        setattr(owner, name, wrapper)

    def wrap_gen(self, owner: object, name: str, label: str) -> None:
        """Time only the generator's own work (not its consumer's, between yields)."""
        original = getattr(owner, name, None)
        if original is None:
            return

        def wrapper(*args: object, **kwargs: object) -> object:
            t0 = time.perf_counter()
            gen = original(*args, **kwargs)
            self._add(label, t0)
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(gen)
                except StopIteration:
                    self._add(label, t0)
                    return
                self._add(label, t0)
                yield item

        self._undo.append((owner, name, original))
        setattr(owner, name, wrapper)

    def undo(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()


def instrument(backlog_run: bool) -> Phases:
    import bot.daemon as daemon
    import bot.triage as triage
    from bot.backends.imap import ImapMailbox

    p = Phases()
    p.wrap(daemon, "Store", "store open")
    p.wrap(daemon.TemplateSet, "load", "templates load")
    p.wrap(daemon, "load_templates", "templates load")
    p.wrap(daemon, "make_mailbox", "make mailbox")
    p.wrap(daemon, "make_outbox", "make outbox")
    p.wrap(ImapMailbox, "_connect", "imap connect+login")
    p.wrap_gen(ImapMailbox, "_read_new", "imap poll (fetch)")
    p.wrap(ImapMailbox, "count", "imap count")
    p.wrap(daemon.queries, "count_keys", "count_keys")
    p.wrap(daemon, "queue_notices", "notices")
    p.wrap(daemon, "check_dead_man", "dead man")
    p.wrap(daemon, "alert_template_problems", "template alerts")
    p.wrap(daemon, "flush", "outbox flush")
    if backlog_run:
        import bot.prepare_worker as prepare_worker
        import bot.read_ahead as read_ahead

        p.wrap(prepare_worker.PrepareWorker, "result", "waiting for the prepare worker")
        p.wrap(prepare_worker.PrepareWorker, "submit", "submit to the worker")
        p.wrap(read_ahead._Counted, "next", "poll next (fetch, incl. connect)")
        p.wrap(daemon, "ingest", "ingest (all below)")
        p.wrap(triage, "prepare", "prepare in the daemon (worker busy or not ready)")
        p.wrap(triage, "classify", "classify")
        p.wrap(triage.queries, "thread_context", "q.thread_context")
        p.wrap(triage.queries, "campaign_match", "q.campaign_match")
        p.wrap(triage.queries, "duplicate_of", "q.duplicate_of")
        p.wrap(triage, "simhash", "simhash")
        p.wrap(triage, "_record", "record (txn body)")
        p.wrap(triage, "render_text", "render_text")
        p.wrap(triage, "build_message", "build_message")
        p.wrap(triage, "_queue_ack", "queue_ack")
        p.wrap(triage, "queue_ack", "queue_ack")
    return p


def _breakdown(cfg: object) -> dict[str, float]:
    """Median time of the parts of five idle cycles."""
    import bot.daemon as daemon

    p = instrument(False)
    runs = []
    for _ in range(5):
        p.spent.clear()
        t0 = time.perf_counter()
        daemon.run_cycle(cfg)  # type: ignore[arg-type]
        p.spent["TOTAL"] = (time.perf_counter() - t0) * 1000
        runs.append(dict(p.spent))
    p.undo()
    return {k: statistics.median(r.get(k, 0.0) for r in runs) for k in runs[0]}


# --------------------------------------------------------------------------
# the driver


def fill(rig: DovecotRig, n: int, seed: int, small: bool) -> tuple[int, int, float]:
    rig.reset()
    t0 = time.perf_counter()
    count, size = rig.fill(backlog(n, seed, small=small))
    return count, size, time.perf_counter() - t0


def mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="backlog size (realistic messages)")
    ap.add_argument("--idle-sizes", default="1000,50000",
                    help="comma-separated folder sizes for the idle-cycle measurement")
    ap.add_argument("--small-above", type=int, default=10_000,
                    help="fill idle folders larger than this with small messages")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--batch", type=int, default=100, help="baseline UID FETCH batch size")
    ap.add_argument("--repeat", type=int, default=1, help="best of R runs of (a) and (b)")
    ap.add_argument("--idle-runs", type=int, default=5)
    ap.add_argument("--profile", help="write a cProfile of the main eabot run here")
    ap.add_argument("--breakdown", action="store_true",
                    help="also time the parts of an idle cycle")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--outbox", choices=("smtp", "maildir"), default="smtp",
                    help="where acknowledgements go: an SMTP server (aiosmtpd, in this "
                         "process) or a Maildir (fsync per message)")
    ap.add_argument("--no-worker", action="store_true",
                    help="run eabot with prepare_worker = false (one process)")
    ap.add_argument("--modules-from", metavar="DIR",
                    help="load parsing.py and imap.py from DIR instead of bot/ in the eabot "
                         "runs (to compare with an older version under the same load)")
    ap.add_argument("--compare-idle-with", metavar="DIR",
                    help="after each idle-size run, also time idle cycles on the same store "
                         "with parsing.py/imap.py from DIR (before/after without a 2nd backlog)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.idle_runs, args.profile, args.breakdown)
        return 0

    idle_sizes = [int(s) for s in args.idle_sizes.split(",") if s.strip()]
    if args.modules_from:
        os.environ["EABOT_BENCH_MODULES_FROM"] = str(Path(args.modules_from).resolve())
    results: dict[str, object] = {"n": args.n, "seed": args.seed}
    sink = SmtpSink()
    smtp_port: int | None = None
    if args.outbox == "smtp":
        controller = Controller(sink, hostname="127.0.0.1", port=free_port())
        controller.start()
        smtp_port = controller.port
    with DovecotRig() as rig:
        count, size, took = fill(rig, args.n, args.seed, small=False)
        print(f"filled INBOX: {count} messages, {size / 1e6:.1f} MB in {took:.1f} s "
              f"(Dovecot port {rig.port})", flush=True)
        base = max((baseline(rig, args.batch) for _ in range(args.repeat)),
                   key=lambda r: r["rate"])
        print(f"(a) baseline: {base['messages']} msgs in {base['seconds']:.2f} s = "
              f"{base['rate']:.0f} msgs/s", flush=True)
        runs = [run_eabot(rig, idle_runs=args.idle_runs, profile=args.profile,
                          breakdown=args.breakdown, worker=not args.no_worker,
                          smtp_port=smtp_port)
                for _ in range(args.repeat)]
        main_run = max(runs, key=lambda r: float(r["rate"]))  # type: ignore[arg-type]
        print(f"(b) eabot: {main_run['fetched']} msgs in {main_run['seconds']:.2f} s = "
              f"{main_run['rate']:.0f} msgs/s; categories {main_run['categories']}, "
              f"{main_run['acks']} acks ({main_run['sent']} sent); errors {main_run['errors']}; peak RSS "
              f"{main_run['rss_peak_mb']:.0f} MB (+ prepare worker {main_run['rss_worker_mb']:.0f} MB "
              f"RSS, {main_run.get('uss_worker_mb', 0.0):.0f} MB of it its own)",
              flush=True)
        print(f"    CPU of the backlog cycle: daemon {main_run.get('cpu_daemon_s', 0.0):.2f} s + "
              f"prepare worker {main_run.get('cpu_worker_s', 0.0):.2f} s", flush=True)
        if main_run["phases_backlog"]:
            print("    backlog run parts (total ms): " + ", ".join(
                f"{k} {v:.0f}" for k, v in main_run["phases_backlog"].items()), flush=True)  # type: ignore[union-attr]
        if main_run["phases"]:
            print("    idle-cycle parts (median ms): " + ", ".join(
                f"{k} {v:.1f}" for k, v in main_run["phases"].items()), flush=True)  # type: ignore[union-attr]
        results.update(baseline=base, eabot=main_run)
        idle_runs: dict[int, dict[str, object]] = {}
        for size_n in idle_sizes:
            small = size_n > args.small_above
            count, size, took = fill(rig, size_n, args.seed + size_n, small=small)
            print(f"filled INBOX: {count} {'small' if small else 'realistic'} messages, "
                  f"{size / 1e6:.1f} MB in {took:.1f} s", flush=True)
            run = run_eabot(rig, idle_runs=args.idle_runs, breakdown=args.breakdown,
                            worker=not args.no_worker, smtp_port=smtp_port,
                            compare_modules=(str(Path(args.compare_idle_with).resolve())
                                             if args.compare_idle_with else None))
            run["bare_poll_ms"] = bare_poll_ms(rig, args.idle_runs)
            idle_runs[size_n] = run
            print(f"    backlog {run['fetched']} msgs at {run['rate']:.0f} msgs/s; idle cycles "
                  f"{', '.join(f'{t:.1f}' for t in run['idle_ms'])} ms "  # type: ignore[union-attr]
                  f"(mailbox kept: {', '.join(f'{t:.1f}' for t in run['idle_kept_ms'])} ms); "  # type: ignore[union-attr]
                  f"peak RSS {run['rss_peak_mb']:.0f} MB (before the outbox flush "
                  f"{run['rss_before_flush_mb']:.0f} MB)", flush=True)
            if run["phases"]:
                print("    idle-cycle parts (median ms): " + ", ".join(
                    f"{k} {v:.1f}" for k, v in run["phases"].items()), flush=True)  # type: ignore[union-attr]
            other = run.get("compared")
            if isinstance(other, dict):
                print(f"    with {args.compare_idle_with}: idle cycles "
                      f"{', '.join(f'{t:.1f}' for t in other['idle_ms'])} ms (mailbox kept: "
                      f"{', '.join(f'{t:.1f}' for t in other['idle_kept_ms'])} ms)", flush=True)
                if other["phases"]:
                    print("    idle-cycle parts (median ms): " + ", ".join(
                        f"{k} {v:.1f}" for k, v in other["phases"].items()), flush=True)
        results["idle"] = idle_runs
    if smtp_port is not None:
        controller.stop()
        print(f"the SMTP server received {sink.received} acknowledgements in all runs", flush=True)

    def rss(run: dict[str, object]) -> float:
        """Peak memory of eabot: the daemon's peak RSS plus what its prepare worker
        adds (its own pages, USS, when known: a forked worker's RSS counts pages it
        shares with the daemon; else its RSS, an upper bound)."""
        worker = float(run.get("uss_worker_mb") or run["rss_worker_mb"])  # type: ignore[arg-type]
        return float(run["rss_peak_mb"]) + worker  # type: ignore[arg-type]

    tag = " [one process]" if args.no_worker else ""
    ratio = float(main_run["rate"]) / base["rate"]  # type: ignore[arg-type]
    rows: list[tuple[str, str, str, str]] = [
        (f"(a) baseline imaplib+policy.default, N={args.n}", f"{base['rate']:.0f} msgs/s", "", ""),
        (f"(b) eabot run --once, empty store{tag}", f"{main_run['rate']:.0f} msgs/s", "", ""),
        ("ratio (b)/(a)", f"{ratio:.2f}", f">= {TARGET_RATIO}", mark(ratio >= TARGET_RATIO)),
    ]
    peaks: list[float] = [rss(main_run)]
    rows.append((f"peak RSS, eabot, N={args.n}{tag}", f"{peaks[0]:.0f} MB",
                 f"<= {TARGET_RSS_MB:.0f} MB", mark(peaks[0] <= TARGET_RSS_MB)))
    for size_n, run in idle_runs.items():
        med = statistics.median(run["idle_kept_ms"])  # type: ignore[arg-type]
        rows.append((f"idle cycle, daemon, N={size_n} (median of {len(run['idle_kept_ms'])})",  # type: ignore[arg-type]
                     f"{med:.1f} ms", f"<= {TARGET_IDLE_MS:.0f} ms", mark(med <= TARGET_IDLE_MS)))
    for size_n, run in idle_runs.items():
        med = statistics.median(run["idle_ms"])  # type: ignore[arg-type]
        rows.append((f"idle cycle, new connection (run --once), N={size_n}",
                     f"{med:.1f} ms", f"<= {TARGET_IDLE_MS:.0f} ms", mark(med <= TARGET_IDLE_MS)))
        rows.append((f"  floor: bare imaplib login+EXAMINE+SEARCH, N={size_n}",
                     f"{float(run['bare_poll_ms']):.1f} ms", "(server side)", ""))  # type: ignore[arg-type]
    for size_n, run in idle_runs.items():
        other = run.get("compared")
        if isinstance(other, dict):
            med = statistics.median(other["idle_ms"])
            rows.append((f"  same, {Path(args.compare_idle_with).name}/ modules, N={size_n}",
                         f"{med:.1f} ms", "(comparison)", ""))
    for size_n, run in idle_runs.items():
        peak = rss(run)
        peaks.append(peak)
        rows.append((f"peak RSS, eabot, N={size_n}{tag}", f"{peak:.0f} MB",
                     f"<= {TARGET_RSS_MB:.0f} MB", mark(peak <= TARGET_RSS_MB)))
    if len(peaks) > 1:
        growth = max(peaks) / min(peaks)
        rows.append(("peak RSS flat in N (max/min)", f"{growth:.2f}",
                     f"<= {TARGET_RSS_GROWTH}", mark(growth <= TARGET_RSS_GROWTH)))
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    print()
    print(f"{'measure'.ljust(width[0])}  {'value'.rjust(width[1])}  {'target'.ljust(width[2])}  result")
    for r in rows:
        print(f"{r[0].ljust(width[0])}  {r[1].rjust(width[1])}  {r[2].ljust(width[2])}  {r[3]}")
    print(f"(import-time RSS of the eabot child: {float(main_run['rss_import_mb']):.0f} MB; "  # type: ignore[arg-type]
          f"{os.cpu_count()} CPUs)")
    if args.json:
        results["rows"] = rows
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0 if all(r[3] != "MISS" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
