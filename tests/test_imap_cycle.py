"""End to end on real servers: Dovecot (IMAP) in, aiosmtpd (SMTP) out, SQLite log."""

from __future__ import annotations

import email
import json
from datetime import UTC, datetime, timedelta
from email.policy import default as default_policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import background_flush, daemon
from bot.cli import main
from bot.cli.demo import delivery_time
from bot.config import Config, load_config
from bot.daemon import run_cycle
from bot.sending import FlushStats
from bot.store import Store
from tests.conftest import EXAMPLES, write_config
from tests.e2e import assert_same_as_maildir
from tests.servers import Dovecot, SmtpServer

PASSWORD_ENV = "EABOT_TEST_IMAP_PASSWORD"
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def imap(dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch) -> Dovecot:
    dovecot.reset()
    monkeypatch.setenv(PASSWORD_ENV, dovecot.password)
    with dovecot.client() as client:
        client.create_folder("Sent")
    return dovecot


def imap_config(tmp: Path, imap: Dovecot, smtp: SmtpServer, **extra: str) -> Config:
    mailbox = (f'backend = "imap"\nhost = "{imap.host}"\nport = {imap.port}\n'
               f'security = "plain"\ninsecure_plaintext = true\nusername = "{imap.user}"\n'
               f'password_env = "{PASSWORD_ENV}"\ntimeout = 10.0\nsent_folder = "Sent"\n'
               + extra.get("mailbox", ""))
    outbox = (f'backend = "smtp"\nhost = "{smtp.host}"\nport = {smtp.port}\nsecurity = "plain"\n'
              f'insecure_plaintext = true\nauth = "none"\ntimeout = {extra.get("timeout", "5.0")}\n'
              'append_to_sent = true\n')
    ack = '[acknowledgement]\nretry_backoff = ["1s"]\n'
    return load_config(write_config(tmp, mailbox=mailbox, outbox=outbox, acknowledgement=ack))


# Dovecot refuses INTERNALDATEs in the future; the sample mail runs to 30 Nov 2026.
SHIFT = timedelta(days=40)


def deliver_examples(imap: Dovecot) -> int:
    files = sorted(EXAMPLES.glob("*.eml"))
    for f in files:
        raw = f.read_bytes()
        imap.deliver(raw, internaldate=(delivery_time(raw) or NOW) - SHIFT)
    return len(files)


def snapshot(cfg: Config) -> list[list[dict]]:  # type: ignore[type-arg]
    store = Store(cfg.store_path, readonly=True)
    try:
        return [store.query(f"SELECT * FROM {t} ORDER BY 1") for t in
                ("messages", "cases", "outbox", "events")]
    finally:
        store.close()


def acks(smtp: SmtpServer) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(r.content, policy=default_policy)  # type: ignore[misc]
            for r in smtp.handler.received]


def test_examples_end_to_end(tmp_path: Path, imap: Dovecot, smtp_server: SmtpServer) -> None:
    n = deliver_examples(imap)
    cfg = imap_config(tmp_path, imap, smtp_server)
    report = run_cycle(cfg, clock=lambda: NOW)
    assert report.ok, report.errors
    assert report.logged == n
    assert_same_as_maildir(cfg, tmp_path, NOW, SHIFT)
    messages, cases, outbox, _ = snapshot(cfg)
    requests = [m for m in messages if m["category"] == "ea_request"]
    sent = acks(smtp_server)
    assert len(sent) == len(requests) == len(cases) == len(outbox)
    by_to = {str(m["To"]): m for m in sent}
    for req in requests:
        ack = by_to[req["from_addr"]]
        assert str(ack["In-Reply-To"]).strip() == req["message_id"]
        assert req["message_id"] in str(ack["References"])
        assert ack["Auto-Submitted"] == "auto-replied"
        assert ack["X-Auto-Response-Suppress"] == "All"
        assert str(ack["Message-ID"]).endswith("@cellectar.example>")
    # INTERNALDATE, not Date:, is the receipt time.
    first = next(m for m in messages if m["backend_key"].endswith(":1"))
    raw1 = sorted(EXAMPLES.glob("*.eml"))[0].read_bytes()
    received = delivery_time(raw1)
    assert received is not None and first["received_at"] == (received - SHIFT).isoformat()
    # Nothing is marked \Seen.
    for uid in range(1, n + 1):
        assert b"\\Seen" not in imap.flags(uid)
    # Copies of the acknowledgements are in Sent; they are not staff replies.
    with imap.client() as client:
        client.select_folder("Sent", readonly=True)
        assert len(client.search(["ALL"])) == len(sent)
    # A second run changes nothing.
    before = snapshot(cfg)
    again = run_cycle(cfg, clock=lambda: NOW + timedelta(minutes=5))
    assert again.ok and again.logged == 0 and again.unexplained == 0
    assert snapshot(cfg)[:3] == before[:3]
    assert len(acks(smtp_server)) == len(sent)


def test_staff_reply_in_sent_is_recorded(tmp_path: Path, imap: Dovecot,
                                         smtp_server: SmtpServer) -> None:
    raw = (EXAMPLES / "01_physician_wm_loa.eml").read_bytes()
    imap.deliver(raw, internaldate=delivery_time(raw))
    cfg = imap_config(tmp_path, imap, smtp_server)
    run_cycle(cfg, clock=lambda: NOW)
    orig = email.message_from_bytes(raw, policy=default_policy)
    reply = (f"From: Dr. Medical Director <md@cellectar.example>\r\nTo: {orig['From']}\r\n"
             f"Subject: Re: {orig['Subject']}\r\nMessage-ID: <staff-1@cellectar.example>\r\n"
             f"In-Reply-To: {orig['Message-ID']}\r\n\r\nWe will review it this week.\r\n").encode()
    imap.deliver(reply, folder="Sent", internaldate=NOW + timedelta(hours=1))
    run_cycle(cfg, clock=lambda: NOW + timedelta(hours=2))
    _, [case], _, events = snapshot(cfg)
    store = Store(cfg.store_path, readonly=True)
    [staff] = store.query("SELECT * FROM staff_replies WHERE case_id IS NOT NULL")
    store.close()
    assert staff["message_id"] == "<staff-1@cellectar.example>"
    assert case["responded_at"] == staff["sent_at"]  # the server's time of the Sent copy
    assert case["status"] == "answered"
    assert [e["kind"] for e in events].count("staff_reply") == 1


def test_connection_cut_mid_fetch(tmp_path: Path, imap: Dovecot, smtp_server: SmtpServer) -> None:
    n = deliver_examples(imap)
    cfg = imap_config(tmp_path, imap, smtp_server, mailbox="batch_size = 2\n")
    from bot.backends import make_mailbox

    box = make_mailbox(cfg)
    inner = box.poll

    def cut_after_three(cursor):  # type: ignore[no-untyped-def]
        for i, m in enumerate(inner(cursor)):
            if i == 3:
                imap.kick()
            yield m

    box.poll = cut_after_three  # type: ignore[method-assign]
    broken = run_cycle(cfg, clock=lambda: NOW, mailbox=box)
    assert not broken.ok and 0 < broken.logged < n
    healed = run_cycle(cfg, clock=lambda: NOW + timedelta(minutes=1))
    assert healed.ok, healed.errors
    messages, cases, _, _ = snapshot(cfg)
    assert len(messages) == n
    assert len({m["message_id"] for m in messages}) == n
    assert len(acks(smtp_server)) == len(cases)


def test_uidvalidity_change_creates_no_duplicates(tmp_path: Path, imap: Dovecot,
                                                  smtp_server: SmtpServer) -> None:
    n = deliver_examples(imap)
    cfg = imap_config(tmp_path, imap, smtp_server)
    run_cycle(cfg, clock=lambda: NOW)
    before = snapshot(cfg)
    imap.doveadm("mailbox", "update", "-u", imap.user, "--uid-validity", "777", "INBOX")
    report = run_cycle(cfg, clock=lambda: NOW + timedelta(minutes=1))
    assert report.ok and report.logged == 0 and report.duplicates == n
    assert report.unexplained == 0
    after = snapshot(cfg)
    assert after[:3] == before[:3]
    assert len(acks(smtp_server)) == len(before[1])


@pytest.mark.parametrize("fault", ["421 4.3.2 try later", "stall"])
def test_retryable_smtp_faults_end_with_exactly_one_ack(
        tmp_path: Path, imap: Dovecot, smtp_server: SmtpServer, fault: str) -> None:
    raw = (EXAMPLES / "02_physician_mm_3926.eml").read_bytes()
    imap.deliver(raw, internaldate=delivery_time(raw))
    cfg = imap_config(tmp_path, imap, smtp_server, timeout="1.0")
    if fault == "stall":
        smtp_server.handler.stall_next(1, 3.0)  # accepts, answers after our timeout
    else:
        smtp_server.handler.reply_next(1, fault)
    first = run_cycle(cfg, clock=lambda: NOW)
    assert first.logged == 1
    for i in range(1, 4):  # later cycles retry what is retryable
        run_cycle(cfg, clock=lambda i=i: NOW + timedelta(minutes=i))
    assert len(smtp_server.handler.received) == 1
    _, [_case], [out], events = snapshot(cfg)
    assert out["status"] == "sent"
    if fault == "stall":
        # The server accepted it but we could not hear the answer: recorded, not resent.
        assert any(e["kind"] == "ack_sent" for e in events)
        assert out["attempts"] == 1
    else:
        assert out["attempts"] == 2 and any(e["kind"] == "ack_retry" for e in events)


def test_permanent_smtp_failure_is_visible(tmp_path: Path, imap: Dovecot,
                                           smtp_server: SmtpServer) -> None:
    raw = (EXAMPLES / "02_physician_mm_3926.eml").read_bytes()
    imap.deliver(raw, internaldate=delivery_time(raw))
    cfg = imap_config(tmp_path, imap, smtp_server)
    smtp_server.handler.reply_next(1, "550 5.1.1 mailbox unknown")
    run_cycle(cfg, clock=lambda: NOW)
    run_cycle(cfg, clock=lambda: NOW + timedelta(hours=1))
    assert smtp_server.handler.received == []
    _, [case], [out], _ = snapshot(cfg)
    assert out["status"] == "failed" and "550" in out["last_error"]
    assert case["needs_review"] == 1
    listing = CliRunner().invoke(main, ["cases", "-c", str(cfg.path)])
    assert "failed" in listing.output
    shown = CliRunner().invoke(main, ["cases", "-c", str(cfg.path), "show", case["tag"]])
    assert "550" in shown.output
    exported = [json.loads(x) for x in CliRunner().invoke(
        main, ["export", "-c", str(cfg.path)]).output.splitlines()]
    assert [r["ack_status"] for r in exported] == ["failed"]


def test_daemon_with_idle_reacts_to_new_mail(tmp_path: Path, imap: Dovecot,
                                             smtp_server: SmtpServer) -> None:
    """poll_interval is 10 minutes: only IDLE can make the daemon see the mail."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    cfg = imap_config(tmp_path, imap, smtp_server, mailbox="idle = true\n")
    cfg.path.write_text(cfg.path.read_text().replace('poll_interval = "1s"',
                                                     'poll_interval = "10m"'))
    proc = subprocess.Popen([sys.executable, "-m", "bot", "-v", "run", "-c", str(cfg.path)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})

    def logged() -> int:
        if not cfg.store_path.exists():
            return -1
        with sqlite3.connect(cfg.store_path) as conn:
            try:
                done = conn.execute("SELECT count(*) FROM heartbeats WHERE finished_at IS NOT "
                                    "NULL").fetchone()[0]
                return int(conn.execute("SELECT count(*) FROM messages").fetchone()[0]) if done \
                    else -1
            except sqlite3.OperationalError:
                return -1

    try:
        for _ in range(600):  # wait for the first (empty) cycle
            if logged() == 0:
                break
            time.sleep(0.1)
        assert logged() == 0
        time.sleep(1.0)  # let the watcher enter IDLE
        raw = (EXAMPLES / "01_physician_wm_loa.eml").read_bytes()
        imap.deliver(raw, internaldate=delivery_time(raw))
        for _ in range(600):
            if logged() == 1:
                break
            time.sleep(0.1)
        assert logged() == 1, "IDLE did not trigger a cycle"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out


def test_a_backlog_is_acknowledged_while_it_is_read_each_request_once(
        tmp_path: Path, imap: Dovecot, smtp_server: SmtpServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(daemon, "BACKGROUND_FLUSH_FROM", 2)
    monkeypatch.setattr(background_flush, "INTERVAL", 0.0)
    sent_alongside: list[int] = []
    real_stop = background_flush.BackgroundFlush.stop

    def stop(self: background_flush.BackgroundFlush) -> FlushStats:
        stats = real_stop(self)
        sent_alongside.append(stats.sent)
        return stats

    monkeypatch.setattr(background_flush.BackgroundFlush, "stop", stop)
    n = deliver_examples(imap)
    cfg = imap_config(tmp_path, imap, smtp_server)
    report = run_cycle(cfg, clock=lambda: NOW)
    assert report.ok and report.logged == n, report.errors
    messages, _cases, outbox, _ = snapshot(cfg)
    requests = [m for m in messages if m["category"] == "ea_request"]
    sent = acks(smtp_server)
    # the thread sent some while the cycle was still reading, the final flush the rest
    assert len(sent_alongside) == 1 and 1 <= sent_alongside[0] <= len(requests)
    assert report.sent == len(sent) == len(requests) == len(outbox)
    assert all(o["status"] == "sent" and o["attempts"] == 1 for o in outbox)
    assert sorted(str(m["In-Reply-To"]).strip() for m in sent) == \
        sorted(r["message_id"] for r in requests)
    # the same log as a cycle that sends everything at the end
    assert_same_as_maildir(cfg, tmp_path, NOW, SHIFT)
