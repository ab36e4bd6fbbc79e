"""The fast paths give exactly what the straightforward code gives.

* ``outbox_rows.compose`` against ``build_message(...).as_string()``;
* ``MaildirOutbox.send_raw`` against ``send(message_from_string(raw))``;
* ``sending.flush`` through ``send_raw``/``sync`` against ``send`` one by one.

(``campaign.simhash`` against the SimHash it replaced: tests/test_campaign.py.)
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from email import message_from_string
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bot.replies as replies
from bot.backends.base import Outbox, TransientSendError
from bot.backends.maildir import MaildirOutbox, deliver
from bot.config import load_config
from bot.daemon import run_cycle
from bot.outbox_rows import compose, enqueue
from bot.replies import (
    OUTBOUND_POLICY,
    SAMPLE_CONTEXT,
    Envelope,
    TemplateSet,
    build_message,
    render_html,
    render_text,
)
from bot.sending import _BATCH, FlushStats, flush
from bot.store import Store
from tests.conftest import ROOT, write_config

# -- compose == build_message(...).as_string() -------------------------------------------

NOW = datetime(2026, 11, 23, 15, 0, 7, 123456, tzinfo=UTC)


def deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Message-IDs from the seeded ``random`` (like make_msgid's random part)."""
    def make_msgid(idstring: str | None = None, domain: str | None = None) -> str:
        return f"<179533717572.4242.{random.getrandbits(64)}.{idstring}@{domain}>"

    monkeypatch.setattr(replies, "make_msgid", make_msgid)


def both(subject: str, body: str, env: Envelope, now: datetime = NOW,
         **kwargs: Any) -> tuple[str, str, EmailMessage]:
    random.seed(12345)
    reference = build_message(subject, body, env, now, **kwargs)
    text = reference.as_string()
    random.seed(12345)
    return compose(subject, body, env, now, **kwargs).text, text, reference


def assert_same(subject: str, body: str, env: Envelope, now: datetime = NOW,
                **kwargs: Any) -> None:
    random.seed(12345)
    reference = build_message(subject, body, env, now, **kwargs)
    expected = reference.as_string()
    random.seed(12345)
    got = compose(subject, body, env, now, **kwargs)
    assert got.text == expected
    for name in ("From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
                 "Auto-Submitted", "X-Auto-Response-Suppress", "X-EABot-Case", "Bcc"):
        want = reference[name]
        assert got[name] == (None if want is None else str(want)), name


ENV = Envelope("Cellectar Clinical Team", "clinical@cellectar.example",
               "anna.berger@lakeside-hospital.example", "cellectar.example",
               "<CA+abc.123@mail.example>", ("<r1@x.example>", "<r2@x.example>"),
               ("audit@cellectar.example",), "EA-2026-0001")

SUBJECTS = [
    "[EA-2026-0001] Request received: Expanded access request – iopofosine I-131",
    "[EA-2026-0001] Request received: hi", "", " ", "x" * 250, "a " * 125, "ü" * 250,
    "=?utf-8?q?hello?=", "Re: =?x", "quote \" paren ( ) <angle> @ , ; : \\ [ ]",
    "two  spaces", "tab\there", "trailing ", "Schröder – Núñez — 日本語 😀",
    "[EA-2026-0001] " + "word " * 30, "\u2028line separator",
]
BODIES = [
    "Dear Dr. Muller,\n\nThanks\n", "Dear Dr. Müller,\n\nThanks – regards\n", "",
    "x" * 130 + "\nThanks\n", "ü" * 130 + "\nThanks\n", "a\r\nb\rc\n\nd", "\x0bform\x0cfeed\n",
    "From the start\n.\n..\n", "line\n" * 40 + "é" * 200 + "\n", "\u2028sep\u2029\n",
    "--===============0000000000000000001==\n",
]
HTML = [None, "<p>Dear Dr. Muller</p>\n", "<p>Dear Dr. Müller – ok</p>\n", "<p>" + "y" * 200 + "</p>"]


@pytest.mark.parametrize("html", HTML)
@pytest.mark.parametrize("body", BODIES)
def test_compose_writes_what_build_message_writes(monkeypatch: pytest.MonkeyPatch, body: str,
                                                   html: str | None) -> None:
    deterministic(monkeypatch)
    assert_same("[EA-2026-0001] Request received: ok", body, ENV, html=html)


@pytest.mark.parametrize("subject", SUBJECTS)
def test_compose_writes_subjects_as_build_message(monkeypatch: pytest.MonkeyPatch,
                                                  subject: str) -> None:
    deterministic(monkeypatch)
    try:
        assert_same(subject, "body\n", ENV)
    except ValueError:  # what build_message raises, compose raises too
        with pytest.raises(ValueError):
            compose(subject, "body\n", ENV, NOW)


ENVELOPES = [
    ENV,
    Envelope("Équipe clinique, \"Cellectar\"", "clinical@cellectar.example", "Dr Who <who@x.example>",
             "cellectar.example"),
    Envelope("A", "a@b.example", "two@x.example, three@y.example", "mx.cellectar.example",
             "<" + "k" * 140 + "@very-long.example>", tuple(f"<r{i}@x.example>" for i in range(14)),
             ("a@x.example", "b@y.example"), "EA-2026-0002"),
    Envelope("B", "b@c.example", "müller@bücher.example", "ünicode.example", "not a msgid",
             ("", "<only@x.example>"), (), None),
    Envelope("C", "c@d.example", "user.name+tag@sub.domain.example", "d.example",
             "<" + "z" * 100 + "@x.example>", (), (), "EA-2026-0003"),
    Envelope("D", "d@e.example", "\"quoted local\"@x.example", "e.example", "<a@[127.0.0.1]>"),
    Envelope("E", "e@f.example", "e@f.example", "a-very-long-message-id-domain." * 4 + "example"),
]


@pytest.mark.parametrize("auto_reply", [True, False])
@pytest.mark.parametrize("env", ENVELOPES)
def test_compose_writes_envelopes_as_build_message(monkeypatch: pytest.MonkeyPatch, env: Envelope,
                                                   auto_reply: bool) -> None:
    deterministic(monkeypatch)
    assert_same("Subject – here", "Dear all,\n", env, auto_reply=auto_reply,
                auto_submitted="auto-generated", html="<p>hi</p>\n")


@pytest.mark.parametrize("now", [NOW, datetime(2026, 3, 1, 2, 3, 4), NOW.astimezone(
    timezone(timedelta(hours=-5))), datetime(1999, 12, 31, 23, 59, 59, tzinfo=timezone(
        timedelta(hours=5, minutes=30)))])
def test_compose_dates_as_build_message(monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    deterministic(monkeypatch)
    assert_same("s", "b\n", ENV, now)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(subject=st.text(max_size=140), body=st.text(max_size=400), to=st.text(max_size=60),
       reply=st.text(max_size=60), html=st.none() | st.text(max_size=200))
def test_compose_matches_build_message_on_generated_input(monkeypatch: pytest.MonkeyPatch,
                                                          subject: str, body: str, to: str,
                                                          reply: str, html: str | None) -> None:
    deterministic(monkeypatch)
    env = Envelope("Team", "team@x.example", to or "t@x.example", "x.example", reply or None,
                   (reply,), (), "EA-2026-0009")
    random.seed(1)
    try:
        expected = build_message(subject, body, env, NOW, html=html).as_string()
    except Exception as exc:  # the stdlib's header parser has its own failures on odd input
        random.seed(1)
        with pytest.raises(type(exc)):
            compose(subject, body, env, NOW, html=html)
        return
    random.seed(1)
    assert compose(subject, body, env, NOW, html=html).text == expected


def test_shipped_templates_compose_as_build_message(monkeypatch: pytest.MonkeyPatch) -> None:
    deterministic(monkeypatch)
    templates = TemplateSet.load(ROOT / "templates")
    names = ["Dr. Jane Example", "Dr. Jürgen Schröder", "Zoë O'Brien – family", ""]
    for template in templates.templates.values():
        for name in names:
            for emergency in (False, True):
                context = {**SAMPLE_CONTEXT, "requester_name": name, "emergency": emergency,
                           "original_subject": f"Anfrage – {name}"}
                subject, body = render_text(template, context)
                assert_same(subject, body, ENV, html=render_html(template, context))


# -- Maildir: send_raw writes what send(parsed raw) wrote -------------------------------


def test_maildir_send_raw_writes_what_send_wrote(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Before send_raw, flush parsed each row and the Maildir outbox wrote
    ``message.as_bytes()``; send_raw writes the same bytes from the stored text."""
    deterministic(monkeypatch)
    rows = []  # (raw, message_id) as enqueue stores them
    for i, (subject, body) in enumerate(zip(SUBJECTS[:-1], BODIES * 2, strict=False)):
        for env in ENVELOPES:
            random.seed(i)
            out = compose(subject, body, env, NOW, html=HTML[i % len(HTML)])
            rows.append((out.text, str(out["Message-ID"])))
    rows.append((rows[0][0].replace("Subject: ", "Subject:  ").replace("To: ", "To:\t"), rows[0][1]))
    rows.append((rows[1][0].replace("\n\n", "\nX-Long: " + "y" * 130 + "\n\n", 1), rows[1][1]))
    outbox = MaildirOutbox(tmp_path / "out")
    written = 0
    for raw, mid in rows:
        message = message_from_string(raw, policy=OUTBOUND_POLICY)
        assert str(message["Message-ID"]) == mid  # the name send() gave the file
        try:
            expected = message.as_bytes()
        except Exception as exc:  # e.g. a non-ASCII Message-ID: it never could be written
            with pytest.raises(type(exc)):
                outbox.send_raw(raw, mid)
            continue
        outbox.send_raw(raw, mid)
        written += 1
        assert outbox.already_sent(mid)
        assert (tmp_path / "out" / "new" / MaildirOutbox._name(mid)).read_bytes() == expected
    assert written > 50
    assert not list((tmp_path / "out" / "tmp").iterdir())


# -- flush through send_raw and sync ---------------------------------------------------

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def sent_files(path: Path) -> dict[str, bytes]:
    new = path / "new"
    return {p.name: p.read_bytes() for p in sorted(new.iterdir())} if new.is_dir() else {}


class SendOnly:
    """The Outbox protocol without send_raw: each row parsed and sent, as flush did before."""

    name = "maildir"

    def __init__(self, inner: MaildirOutbox) -> None:
        self.inner = inner

    def send(self, message: EmailMessage) -> None:
        self.inner.send(message)

    def already_sent(self, message_id: str) -> bool | None:
        return self.inner.already_sent(message_id)

    def close(self) -> None:
        self.inner.close()


def cycle(tmp_path: Path, outbox_of: Callable[[MaildirOutbox], Outbox]) -> tuple[Any, ...]:
    """The examples through one cycle: (report counts, tables, files of the outbox Maildir)."""
    cfg = load_config(write_config(tmp_path))
    for n, file in enumerate(sorted((ROOT / "examples" / "mail").glob("*.eml"))):
        deliver(cfg.base_dir / cfg.mailbox["path"], file.read_bytes(), T0 + timedelta(minutes=n))
    random.seed(3)
    outbox = MaildirOutbox(cfg.base_dir / cfg.outbox["path"])
    report = run_cycle(cfg, clock=lambda: T0 + timedelta(hours=1), outbox=outbox_of(outbox))
    store = Store(cfg.store_path, readonly=True)
    tables = [store.query(f"SELECT * FROM {t} ORDER BY id")
              for t in ("messages", "cases", "outbox", "events", "notices")]
    store.close()
    counts = (report.logged, report.sent, report.retried, report.failed, report.unconfirmed)
    return counts, tables, sent_files(cfg.base_dir / cfg.outbox["path"])


def test_flush_through_send_raw_records_and_writes_what_send_did(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deterministic(monkeypatch)
    # one patient key for both logs (each log would otherwise make its own: see
    # bot/patient_key.py), so their hashed patient marks compare equal
    monkeypatch.setenv("EABOT_PATIENT_KEY", "equivalence-test-key-0123456789")
    fast = cycle(tmp_path / "fast", lambda outbox: outbox)
    plain = cycle(tmp_path / "plain", SendOnly)
    assert fast == plain
    assert fast[0][1] >= 5 and len(fast[2]) == fast[0][1]


def queued(tmp_path: Path, count: int) -> tuple[Store, Any]:
    cfg = load_config(write_config(tmp_path))
    store = Store(cfg.store_path)
    with store.transaction():
        for i in range(count):
            enqueue(store, compose(f"Ack {i}", f"Dear {i},\n", ENV, T0), T0, kind="ack",
                    recipient=f"r{i}@x.example", dedupe_key=f"ack:{i}")
    return store, cfg


def status(store: Store) -> dict[str, int]:
    return {r["status"]: r["n"] for r in store.query(
        "SELECT status, count(*) AS n FROM outbox GROUP BY status")}


def test_rows_are_marked_sent_a_batch_at_a_time_after_sync(tmp_path: Path) -> None:
    store, cfg = queued(tmp_path, 2 * _BATCH + 30)
    syncs: list[dict[str, int]] = []

    class Watched(MaildirOutbox):
        def sync(self) -> None:
            syncs.append(status(store))  # nothing is marked sent before its sync
            super().sync()

    stats = flush(store, Watched(tmp_path / "out"), cfg.ack, T0)
    assert stats.sent == 2 * _BATCH + 30
    assert syncs == [{"sending": _BATCH, "pending": _BATCH + 30},
                     {"sending": _BATCH, "sent": _BATCH, "pending": 30},
                     {"sending": 30, "sent": 2 * _BATCH}]
    assert len(sent_files(tmp_path / "out")) == 2 * _BATCH + 30


def test_a_failed_sync_sends_again_later(tmp_path: Path) -> None:
    store, cfg = queued(tmp_path, 7)

    class FailingSync(MaildirOutbox):
        def sync(self) -> None:
            raise TransientSendError("new/ cannot be synced")

    stats = flush(store, FailingSync(tmp_path / "out"), cfg.ack, T0)
    assert (stats.sent, stats.retried) == (0, 7) and status(store) == {"pending": 7}
    stats = flush(store, MaildirOutbox(tmp_path / "out"), cfg.ack, T0 + timedelta(hours=1))
    assert stats.sent == 7 and status(store) == {"sent": 7}
    assert len(sent_files(tmp_path / "out")) == 7  # written twice, one file each
    kinds = [r["kind"] for r in store.query("SELECT kind FROM events ORDER BY id")]
    assert kinds == ["ack_retry"] * 7 + ["ack_sent"] * 7


def test_a_crash_before_sync_is_resolved_by_already_sent(tmp_path: Path) -> None:
    store, cfg = queued(tmp_path, 5)

    class Crash(BaseException):
        pass

    class CrashingSync(MaildirOutbox):
        def sync(self) -> None:
            raise Crash

    with pytest.raises(Crash):
        flush(store, CrashingSync(tmp_path / "out"), cfg.ack, T0)
    assert status(store) == {"sending": 5}
    stats = flush(store, MaildirOutbox(tmp_path / "out"), cfg.ack, T0)
    assert stats.sent == 5 and stats.unconfirmed == 0 and status(store) == {"sent": 5}
    notes = [json.loads(r["detail"]).get("note") for r in store.query("SELECT detail FROM events")]
    assert notes == ["found delivered after a restart"] * 5
    assert len(sent_files(tmp_path / "out")) == 5


def test_a_stopped_flush_ends_before_its_next_row_and_keeps_its_counts(tmp_path: Path) -> None:
    store, cfg = queued(tmp_path, 5)
    stop = threading.Event()
    stats = FlushStats()

    class StopAfterTwo(MaildirOutbox):
        batch_sync = False  # each row marked as soon as it is sent (as over SMTP)

        def send_raw(self, raw: str, message_id: str) -> None:
            super().send_raw(raw, message_id)
            if len(sent_files(tmp_path / "out")) == 2:
                stop.set()

        def sync(self) -> None:
            raise AssertionError("not used without batch_sync")

    flush(store, StopAfterTwo(tmp_path / "out"), cfg.ack, T0, stop=stop, stats=stats)
    assert stats.sent == 2 and status(store) == {"sent": 2, "pending": 3}
    again = flush(store, MaildirOutbox(tmp_path / "out"), cfg.ack, T0)
    assert again.sent == 3 and status(store) == {"sent": 5}
    assert len(sent_files(tmp_path / "out")) == 5
