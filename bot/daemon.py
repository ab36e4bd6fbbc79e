"""One triage cycle, and the APScheduler service that repeats it.  [I/O]

The cycle wires the arrows: poll → parse/classify/record (``triage``) →
send queued mail (``sending``) → heartbeat. Modules never call sideways; this
is the only place that knows the order.
"""

from __future__ import annotations

import logging
import signal
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import FrameType

from bot import queries
from bot.backends import make_mailbox, make_outbox
from bot.backends.base import BackendError, Cursor, Mailbox, Outbox
from bot.background_flush import BackgroundFlush
from bot.config import Config
from bot.dead_man import check_dead_man
from bot.notices import queue_notices, queue_plain_alert
from bot.prepare_worker import PrepareWorker
from bot.read_ahead import DeferredCursor, WorkerFactory, read_ahead
from bot.replies import TemplateSet
from bot.sending import flush
from bot.staff_replies import record_sent_message
from bot.store import Store, StoreError, iso
from bot.template_store import load_templates, pending_alerts
from bot.triage import ingest, record_failure

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class CycleReport:
    fetched: int = 0
    logged: int = 0
    known: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    sent: int = 0
    retried: int = 0
    failed: int = 0
    unconfirmed: int = 0
    ok: bool = True
    rows: list[int] = field(default_factory=list)
    staff_replies: int = 0
    unexplained: int = 0
    notices: int = 0
    dead_man: str | None = None


def reconcile(store: Store, mailbox: Mailbox, cursor: Cursor, report: CycleReport,
              now: datetime) -> None:
    """Compare the folder's message count with what the store knows of it.

    More mail in the folder than the store knows means something was not
    read: logged loudly and recorded. Less means mail was moved or deleted by
    someone else (we never delete): logged as a note.
    """
    prefix_of = getattr(mailbox, "key_prefix", None)
    prefix = prefix_of(cursor) if prefix_of else None
    in_folder = mailbox.count()
    if prefix is None or in_folder is None:
        return
    known = queries.count_keys(store, prefix)
    if in_folder > known:
        report.unexplained = in_folder - known
        log.error("RECONCILE: %d message(s) in the folder but the log knows %d (%s): "
                  "mail may be unread", in_folder, known, prefix)
        store.event(now, "reconcile_mismatch", {"prefix": prefix, "in_folder": in_folder,
                                                "known": known})
    elif in_folder < known:
        log.info("reconcile: the folder holds %d, the log knows %d (mail moved or deleted "
                 "by someone else)", in_folder, known)


def run_cycle(cfg: Config, *, clock: Clock = utcnow, mailbox: Mailbox | None = None,
              outbox: Outbox | None = None, templates: TemplateSet | None = None) -> CycleReport:
    """Run one cycle. Per-message failures are logged and skipped; a failure to
    reach the mailbox marks the cycle not ok (the caller decides the exit code)."""
    report = CycleReport()
    try:
        store = Store(cfg.store_path)
        beat = store.insert("heartbeats", {"started_at": iso(clock())})
    except (StoreError, sqlite3.Error) as exc:
        return _storage_failure(report, exc)
    own_mailbox = mailbox is None
    own_outbox = outbox is None
    try:
        if templates is None:
            templates, problems = load_templates(store, cfg.templates_dir,
                                                 cfg.required_templates(), clock())
            report.errors += [f"template: {p}" for p in problems]
            alert_template_problems(store, cfg, clock())
        mailbox = mailbox or make_mailbox(cfg)
        outbox = outbox or make_outbox(cfg)
        cursor = store.cursor()
        try:
            # The cursor moves only as messages are logged, however far the poll is
            # read ahead for the prepare worker (see bot.read_ahead).
            deferred = DeferredCursor(cursor)
            poll = read_ahead(mailbox.poll(deferred), deferred, _worker_factory(cfg))
            with closing(poll) as messages, _sending_alongside(cfg, outbox, clock, report) as start:
                # (stops the worker and the background sending however the loop ends)
                for raw, prepared in messages:
                    report.fetched += 1
                    if report.fetched == BACKGROUND_FLUSH_FROM:
                        start()
                    # the cursor moves past the message in the transaction that logs it
                    once = _Once(deferred.done)
                    try:
                        outcome = ingest(store, cfg, templates, raw, clock(), prepared,
                                         logged=once)
                    except sqlite3.Error:
                        # The store cannot take it (disk full, I/O error): stop before the
                        # mailbox cursor moves past a message that was not logged.
                        raise
                    except Exception as exc:  # one bad message never stops the cycle
                        log.exception("could not classify %s; logged for review", raw.backend_key)
                        report.errors.append(f"{raw.backend_key}: {type(exc).__name__}: {exc}")
                        record_failure(store, raw, f"{type(exc).__name__}: {exc}", clock(),
                                       logged=once)
                        report.logged += 1
                        continue
                    if outcome.status == "logged":
                        report.logged += 1
                        if outcome.message_row:
                            report.rows.append(outcome.message_row)
                        mailbox.mark_handled(raw)
                    elif outcome.status == "known":
                        report.known += 1
                    else:
                        report.duplicates += 1
            reconcile(store, mailbox, cursor, report, clock())
        except BackendError as exc:
            report.ok = False
            report.errors.append(f"mailbox: {exc}")
            log.error("mailbox poll failed: %s", exc)
        try:
            for raw in mailbox.poll_sent(cursor):
                try:
                    if record_sent_message(store, cfg, raw, clock()):
                        report.staff_replies += 1
                except Exception as exc:
                    log.exception("could not read sent message %s", raw.backend_key)
                    report.errors.append(f"{raw.backend_key}: {type(exc).__name__}: {exc}")
        except BackendError as exc:  # the inbox was read; staff replies wait for next time
            report.errors.append(f"sent folder: {exc}")
            log.error("reading the sent folder failed: %s", exc)
        try:
            poll_error = next((e for e in report.errors if e.startswith("mailbox: ")), None)
            report.notices = queue_notices(store, cfg, templates, clock(),
                                           poll_error=None if report.ok else poll_error)
        except Exception as exc:  # a notice problem must never stop ingestion or sending
            log.exception("queueing notices failed")
            report.errors.append(f"notices: {type(exc).__name__}: {exc}")
        report.dead_man = check_dead_man(store, cfg, templates, clock(), beat, report.ok,
                                         "; ".join(report.errors)[:500])
        stats = flush(store, outbox, cfg.ack, clock())
        report.sent += stats.sent
        report.retried += stats.retried
        report.failed += stats.failed
        report.unconfirmed += stats.unconfirmed
    except sqlite3.Error as exc:
        _storage_failure(report, exc)
    except Exception as exc:
        report.ok = False
        report.errors.append(f"{type(exc).__name__}: {exc}")
        log.exception("cycle failed")
    finally:
        try:
            store.update("heartbeats", beat, {
                "finished_at": iso(clock()), "ok": int(report.ok), "fetched": report.fetched,
                "logged": report.logged, "sent": report.sent,
                "error": "; ".join(report.errors)[:2000] or None})
        except sqlite3.Error as exc:
            _storage_failure(report, exc)
        if own_mailbox and mailbox is not None:
            mailbox.close()
        if own_outbox and outbox is not None:
            outbox.close()
        store.close()
    return report


class _Once:
    """Calls ``fn`` the first time it is called, never again (a message is reported done
    to the deferred cursor once, whichever path logged it)."""

    def __init__(self, fn: Callable[[], None]) -> None:
        self._fn: Callable[[], None] | None = fn

    def __call__(self) -> None:
        fn, self._fn = self._fn, None
        if fn is not None:
            fn()


# A backlog this long sends its acknowledgements while it is still being read
# (bot.background_flush); a shorter one sends them at the end of the cycle.
BACKGROUND_FLUSH_FROM = 100


@contextmanager
def _sending_alongside(cfg: Config, outbox: Outbox, clock: Clock,
                       report: CycleReport) -> Iterator[Callable[[], None]]:
    """Yields ``start()``, which starts sending in the background; on leaving, the
    background sending is stopped and what it sent is added to ``report``."""
    running: list[BackgroundFlush] = []

    def start() -> None:
        if cfg.background_flush and not running:
            try:
                running.append(BackgroundFlush(cfg.store_path, outbox, cfg.ack, clock))
            except Exception as exc:  # (no thread: the cycle's own flush sends it all)
                log.warning("could not send in the background: %s", exc)

    try:
        yield start
    finally:
        for background in running:
            stats = background.stop()
            report.sent += stats.sent
            report.retried += stats.retried
            report.failed += stats.failed
            report.unconfirmed += stats.unconfirmed
            if background.error:
                report.errors.append(f"background sending: {background.error}")


def _worker_factory(cfg: Config) -> WorkerFactory | None:
    """How to start the prepare worker for a backlog; None when configured off."""
    if not cfg.prepare_worker:
        return None

    def start() -> PrepareWorker:
        return PrepareWorker(cfg.rules)

    return start


def _storage_failure(report: CycleReport, exc: BaseException) -> CycleReport:
    """The log cannot be written: nothing half-written (transactions roll back),
    nothing lost (the mailbox cursor did not move), a clear error."""
    report.ok = False
    text = str(exc)
    if "full" in text.lower():
        text = f"the disk under the log is full ({exc}); free space and eabot resumes"
    report.errors.append(f"store: {text}")
    log.critical("cannot write the log: %s", text)
    return report


def alert_template_problems(store: Store, cfg: Config, now: datetime) -> None:
    """Announce each refused template version once (no template needed for this)."""
    to = cfg.escalation.dead_man_to or tuple(
        sorted({a for lv in cfg.escalation.levels for a in lv.recipients})) or (cfg.from_address,)
    for key, error in pending_alerts(store):
        sha = key.split(":", 1)[1]
        queue_plain_alert(store, cfg, now, key=f"template:{sha}", to=to,
                          subject="eabot: an edited template was refused",
                          body=f"An edited reply template is broken and was NOT put in use; "
                          f"eabot keeps sending the last good version.\n\n{error}\n\n"
                          "Fix the file and check it with `eabot templates check`.\n")


BACKOFF_CAP_S = 900.0


def backoff_delay(failures: int, interval: float) -> float:
    """Seconds before the next attempt after ``failures`` failed cycles in a row.  [pure]"""
    if failures <= 0:
        return interval
    return float(min(interval * 2 ** min(failures, 10), max(BACKOFF_CAP_S, interval)))


def serve(cfg: Config, *, clock: Clock = utcnow) -> None:
    """Run cycles every ``poll_interval`` until SIGTERM/SIGINT; stop after the
    current cycle (APScheduler 3: one instance at a time, coalesced).

    After a failed cycle the next one is pushed back exponentially (capped at
    15 minutes); one success resets it. With ``idle = true`` on an IMAP
    mailbox a watcher thread holds an IDLE connection and triggers a cycle as
    soon as the server announces mail; polling continues as the fallback.
    """
    from datetime import timedelta

    from apscheduler.schedulers.background import BackgroundScheduler

    stop = threading.Event()
    failures = 0
    scheduler = BackgroundScheduler(timezone="UTC")
    # One mailbox for the daemon's life: an IMAP one keeps its login between
    # cycles where its settings allow (see ImapMailbox), so an idle cycle is a
    # few milliseconds; it checks and replaces a dropped connection itself.
    mailbox = make_mailbox(cfg)

    def job() -> None:
        nonlocal failures
        report = run_cycle(cfg, clock=clock, mailbox=mailbox)
        log.info("cycle: fetched=%d logged=%d sent=%d retried=%d failed=%d ok=%s",
                 report.fetched, report.logged, report.sent, report.retried, report.failed,
                 report.ok)
        failures = 0 if report.ok else failures + 1
        if failures:
            delay = backoff_delay(failures, cfg.poll_interval)
            log.warning("cycle failed %d time(s) in a row; next attempt in %.0f s", failures, delay)
            if not stop.is_set():
                scheduler.modify_job("poll", next_run_time=datetime.now(UTC) + timedelta(
                    seconds=delay))

    def watch_idle() -> None:
        from bot.backends.imap import ImapMailbox

        box = ImapMailbox(cfg.mailbox_settings, name="imap-idle")
        while not stop.is_set():
            try:
                if box.idle_wait(min(cfg.poll_interval, 540.0)) and not stop.is_set():
                    scheduler.modify_job("poll", next_run_time=datetime.now(UTC))
            except BackendError as exc:
                log.warning("IDLE connection failed (%s); polling continues", exc)
                stop.wait(min(cfg.poll_interval, 60.0))
        box.close()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        log.info("signal %d: stopping after the current cycle", signum)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    scheduler.add_job(job, "interval", seconds=cfg.poll_interval, id="poll", max_instances=1,
                      coalesce=True, next_run_time=datetime.now(UTC), misfire_grace_time=None)
    scheduler.start()
    if cfg.mailbox.get("backend") == "imap" and cfg.mailbox.get("idle"):
        threading.Thread(target=watch_idle, name="imap-idle", daemon=True).start()
    log.info("eabot running: polling every %.0f s; log %s", cfg.poll_interval, cfg.store_path)
    try:
        stop.wait()
    finally:
        scheduler.shutdown(wait=True)
        mailbox.close()
        log.info("eabot stopped")
