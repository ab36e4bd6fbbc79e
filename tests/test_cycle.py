"""End to end on the embedded default: Maildir in, SQLite log, Maildir outbox."""

from __future__ import annotations

import email
import os
import stat
from datetime import UTC, datetime, timedelta
from email.policy import default as default_policy
from pathlib import Path

from bot.backends.maildir import deliver
from bot.config import Config
from bot.daemon import run_cycle
from bot.store import Store
from tests.mailgen import PHYSICIAN_BODY, make

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday 10:00 in New York


def clock_at(t: datetime):  # type: ignore[no-untyped-def]
    return lambda: t


def inbox(cfg: Config) -> Path:
    return cfg.base_dir / cfg.mailbox["path"]


def outbox_files(cfg: Config) -> list[bytes]:
    new = cfg.base_dir / cfg.outbox["path"] / "new"
    return [p.read_bytes() for p in sorted(new.iterdir())] if new.is_dir() else []


def rows(cfg: Config, sql: str) -> list[dict]:  # type: ignore[type-arg]
    store = Store(cfg.store_path, readonly=True)
    try:
        return store.query(sql)
    finally:
        store.close()


def test_request_is_logged_acknowledged_and_has_a_deadline(cfg: Config) -> None:
    raw = make()
    deliver(inbox(cfg), raw, T0)
    report = run_cycle(cfg, clock=clock_at(T0 + timedelta(minutes=1)))
    assert report.ok and report.logged == 1 and report.sent == 1
    [case] = rows(cfg, "SELECT * FROM cases")
    assert case["tag"] == "EA-2026-0001"
    assert case["requester_role"] == "physician"
    assert case["status"] == "open" and case["acknowledged_at"]
    # Monday 23 Nov + 5 business days, skipping Thanksgiving and the closure: Wed 2 Dec 17:00 EST.
    assert case["due_at"] == "2026-12-02T22:00:00+00:00"
    [sent] = outbox_files(cfg)
    out = email.message_from_bytes(sent, policy=default_policy)
    orig = email.message_from_bytes(raw, policy=default_policy)
    assert out["To"] == "anna.berger@lakeside-hospital.example"
    assert "[EA-2026-0001]" in out["Subject"]
    assert str(out["In-Reply-To"]).strip() == str(orig["Message-ID"]).strip()
    assert out["Auto-Submitted"] == "auto-replied"
    assert out["X-Auto-Response-Suppress"] == "All"
    assert out["Message-ID"].endswith("@cellectar.example>")
    [msg] = rows(cfg, "SELECT * FROM messages")
    assert msg["ack_status"] == "sent" and msg["body"] is None
    assert msg["received_at"] == "2026-11-23T15:00:00+00:00"
    kinds = [e["kind"] for e in rows(cfg, "SELECT kind FROM events WHERE kind != "
                                      "'template_version' ORDER BY id")]
    assert kinds[:4] == ["classified", "case_opened", "ack_queued", "ack_sent"]


def test_rerun_changes_nothing(cfg: Config) -> None:
    deliver(inbox(cfg), make(), T0)
    deliver(inbox(cfg), make(subject="Out of Office: away", body="I am away.",
                             sender="someone@else.example",
                             headers={"Auto-Submitted": "auto-replied"}), T0)
    run_cycle(cfg, clock=clock_at(T0))
    before = [rows(cfg, f"SELECT * FROM {t}") for t in ("messages", "cases", "outbox", "events")]
    report = run_cycle(cfg, clock=clock_at(T0 + timedelta(hours=1)))
    assert report.logged == 0 and report.known == 2 and report.sent == 0
    after = [rows(cfg, f"SELECT * FROM {t}") for t in ("messages", "cases", "outbox", "events")]
    assert before == after
    assert len(outbox_files(cfg)) == 1


def test_followup_attaches_without_second_ack(cfg: Config) -> None:
    first = make(message_id="<req-1@lakeside-hospital.example>")
    deliver(inbox(cfg), first, T0)
    run_cycle(cfg, clock=clock_at(T0))
    reply = make(subject="Re: [EA-2026-0001] Request received", body="Here are the labs you asked "
                 "for. After the first dose she developed grade 4 thrombocytopenia.",
                 headers={"In-Reply-To": "<req-1@lakeside-hospital.example>"})
    deliver(inbox(cfg), reply, T0 + timedelta(hours=2))
    run_cycle(cfg, clock=clock_at(T0 + timedelta(hours=2)))
    msgs = rows(cfg, "SELECT category, case_id, ack_status, adverse_event FROM messages ORDER BY id")
    assert [m["category"] for m in msgs] == ["ea_request", "ea_followup"]
    assert msgs[1]["case_id"] == msgs[0]["case_id"] and msgs[1]["ack_status"] == "not_needed"
    assert msgs[1]["adverse_event"] == 1
    assert len(rows(cfg, "SELECT * FROM cases")) == 1
    assert len(outbox_files(cfg)) == 1
    assert rows(cfg, "SELECT adverse_event FROM cases")[0]["adverse_event"] == 1


def test_machine_mail_never_answered(cfg: Config) -> None:
    deliver(inbox(cfg), make(subject="Automatic reply: expanded access request",
                             body=PHYSICIAN_BODY, headers={"Auto-Submitted": "auto-replied"}), T0)
    deliver(inbox(cfg), make(sender="mailer-daemon@mx.example", subject="Undeliverable"), T0)
    run_cycle(cfg, clock=clock_at(T0))
    cats = {r["category"] for r in rows(cfg, "SELECT category FROM messages")}
    assert cats == {"auto_reply"}
    assert outbox_files(cfg) == [] and rows(cfg, "SELECT * FROM cases") == []


def test_per_sender_daily_limit(cfg: Config) -> None:
    for i in range(5):
        deliver(inbox(cfg), make(subject=f"Compassionate use request, patient {i}",
                                 body=PHYSICIAN_BODY.replace("67", str(60 + i))), T0)
    run_cycle(cfg, clock=clock_at(T0))
    statuses = sorted(r["ack_status"] for r in rows(cfg, "SELECT ack_status FROM messages"))
    assert statuses == ["sent"] * 3 + ["suppressed"] * 2
    assert len(rows(cfg, "SELECT * FROM cases")) == 5  # every request still has a case
    assert len(outbox_files(cfg)) == 3


def test_message_without_message_id_is_identified_by_hash(cfg: Config) -> None:
    raw = make(message_id=None)
    deliver(inbox(cfg), raw, T0)
    run_cycle(cfg, clock=clock_at(T0))
    # The same bytes delivered again under another name are a duplicate, not a new case.
    deliver(inbox(cfg), raw, T0 + timedelta(seconds=5))
    report = run_cycle(cfg, clock=clock_at(T0 + timedelta(minutes=1)))
    assert report.duplicates == 1
    assert len(rows(cfg, "SELECT * FROM messages")) == 1


def test_store_file_is_private(cfg: Config) -> None:
    deliver(inbox(cfg), make(), T0)
    run_cycle(cfg, clock=clock_at(T0))
    assert stat.S_IMODE(os.stat(cfg.store_path).st_mode) == 0o600


def test_events_are_append_only(cfg: Config) -> None:
    deliver(inbox(cfg), make(), T0)
    run_cycle(cfg, clock=clock_at(T0))
    store = Store(cfg.store_path)
    try:
        import sqlite3

        import pytest
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.conn.execute("UPDATE events SET kind = 'x'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.conn.execute("DELETE FROM events")
    finally:
        store.close()
