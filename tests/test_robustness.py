"""Bad input and hostile conditions: real-world odd mail, a fuzzer over MIME,
loop storms, a reader holding the store, clock jumps, a full disk."""

from __future__ import annotations

import email
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.backends.maildir import deliver
from bot.classify import classify
from bot.config import Config, load_config
from bot.daemon import run_cycle
from bot.parsing import parse
from bot.store import Store
from tests.conftest import write_config
from tests.mailgen import PHYSICIAN_BODY, make

CPYTHON = Path(__file__).parent / "data" / "cpython_test_email"
T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def inbox(cfg: Config) -> Path:
    return cfg.base_dir / cfg.mailbox["path"]


def rows(cfg: Config, sql: str) -> list[dict]:  # type: ignore[type-arg]
    store = Store(cfg.store_path, readonly=True)
    try:
        return store.query(sql)
    finally:
        store.close()


def header_names(raw: bytes) -> list[str]:
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    return [line.split(b":", 1)[0].decode().lower() for line in head.split(b"\n")
            if line and not line[:1].isspace()]


def assert_outbound_clean(cfg: Config) -> None:
    allowed = {"from", "to", "subject", "date", "message-id", "in-reply-to", "references",
               "auto-submitted", "x-auto-response-suppress", "x-eabot-case", "content-type",
               "content-transfer-encoding", "mime-version"}
    new = cfg.base_dir / cfg.outbox["path"] / "new"
    for path in new.iterdir() if new.is_dir() else []:
        raw = path.read_bytes()
        names = header_names(raw)
        assert set(names) <= allowed, names
        assert len(names) == len(set(names)), names  # nothing smuggled in twice
        msg = email.message_from_bytes(raw, policy=default_policy)
        for value in msg.values():
            assert "\r" not in str(value) and "\n" not in str(value).strip()


def test_cpython_corpus_through_a_cycle(cfg: Config) -> None:
    files = sorted(CPYTHON.glob("msg_*.txt"))
    assert len(files) >= 40
    for f in files:
        deliver(inbox(cfg), f.read_bytes(), T0)
    report = run_cycle(cfg, clock=lambda: T0)
    assert report.ok and not report.errors, report.errors
    assert report.logged + report.duplicates == len(files)
    assert_outbound_clean(cfg)


@st.composite
def mime_messages(draw: st.DrawFn) -> bytes:
    text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
    charsets = st.sampled_from(["utf-8", "iso-8859-1", "windows-1252", "x-unknown", "us-ascii",
                                "utf-16", "koi8-r", ""])
    headers = draw(st.lists(st.tuples(
        st.sampled_from(["Subject", "From", "To", "Message-ID", "In-Reply-To", "References",
                         "Auto-Submitted", "Content-Type", "X-Weird", "Date", "Reply-To"]),
        text), max_size=12))
    parts = draw(st.lists(st.tuples(st.sampled_from(["text/plain", "text/html",
                                                     "application/pdf", "message/rfc822"]),
                                    charsets, text), max_size=4))
    boundary = draw(st.sampled_from(["b1", "", "=_x", "a" * 80]))
    out = [f"{k}: {v}".encode("utf-8", "surrogateescape") for k, v in headers]
    out.append(f'Content-Type: multipart/mixed; boundary="{boundary}"'.encode())
    out.append(b"")
    for ctype, charset, body in parts:
        out.append(f"--{boundary}".encode())
        out.append(f"Content-Type: {ctype}; charset={charset}".encode())
        out.append(draw(st.sampled_from([b"Content-Transfer-Encoding: base64",
                                         b"Content-Transfer-Encoding: quoted-printable", b""])))
        out.append(b"")
        try:
            out.append(body.encode(charset or "utf-8", "replace"))
        except LookupError:
            out.append(body.encode("utf-8", "replace"))
    if draw(st.booleans()):
        out.append(f"--{boundary}--".encode())
    return b"\r\n".join(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mime_messages())
def test_fuzzed_mime_never_breaks_parse_or_classify(raw: bytes) -> None:
    rules = load_config(Path(__file__).parent.parent / "config.example.toml",
                        check_templates=False).rules
    msg = parse(raw)
    cls = classify(msg, rules)
    assert cls.reasons
    for value in (msg.subject, msg.from_addr, msg.from_name, msg.message_id or ""):
        assert "\r" not in value and "\n" not in value


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(samples=st.lists(mime_messages(), min_size=15, max_size=30, unique=True))
def test_fuzzed_mime_through_cycles_with_clean_outbound(samples: list[bytes]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cfg = load_config(write_config(Path(tmp)))
        for i, raw in enumerate(samples):
            # Give half of them a request body so acknowledgements are rendered from them.
            if i % 2:
                raw = raw.replace(b"\r\n\r\n", b"\r\n\r\n" + PHYSICIAN_BODY.encode() + b"\r\n", 1)
            deliver(inbox(cfg), raw + b"\r\nX-Sample: " + str(i).encode(), T0)
        report = run_cycle(cfg, clock=lambda: T0)
        assert report.ok and not report.errors, report.errors
        assert report.logged + report.duplicates == len(samples)
        assert_outbound_clean(cfg)


def test_loop_storm(tmp_path: Path) -> None:
    """An auto-responder answers every acknowledgement, an address bounces, and a
    sender floods: no ack to machine mail, at most N per sender per day."""
    cfg = load_config(write_config(tmp_path))
    deliver(inbox(cfg), make(sender="dr.a@hosp.example"), T0)
    deliver(inbox(cfg), make(sender="dr.b@bouncing.example", subject="CLR 131 request",
                             body="Our 12-year-old patient with relapsed neuroblastoma has no "
                             "options left after MIBG. Could she receive iopofosine under a "
                             "single-patient IND?\nDr. B. Chen, MD, Children's Hospital"), T0)
    for i in range(8):  # a flood from one sender, different patients
        deliver(inbox(cfg), make(sender="flood@hosp.example", subject=f"Expanded access #{i}",
                                 body=PHYSICIAN_BODY.replace("67", str(40 + i))), T0)
    outdir = cfg.base_dir / cfg.outbox["path"] / "new"
    answered: set[str] = set()
    for cycle in range(10):
        now = T0 + timedelta(minutes=cycle)
        run_cycle(cfg, clock=lambda now=now: now)
        for path in sorted(outdir.iterdir()):
            if path.name in answered:
                continue
            answered.add(path.name)
            ack = email.message_from_bytes(path.read_bytes(), policy=default_policy)
            reply = EmailMessage()
            if "bouncing" in str(ack["To"]):
                reply["From"] = "MAILER-DAEMON@mx.bouncing.example"
                reply["Subject"] = "Undelivered Mail Returned to Sender"
                reply["Return-Path"] = "<>"
            else:
                reply["From"] = str(ack["To"])
                reply["Subject"] = f"Automatic reply: {ack['Subject']}"
                reply["Auto-Submitted"] = "auto-replied"
            reply["To"] = "clinical@cellectar.example"
            reply["In-Reply-To"] = str(ack["Message-ID"])
            reply["Message-ID"] = email.utils.make_msgid(domain="responder.example")
            reply.set_content("I am out of the office. Your message about expanded access "
                              "for my patient will be read later.")
            deliver(inbox(cfg), reply.as_bytes(), now)
    acks = rows(cfg, "SELECT recipient, kind FROM outbox WHERE kind = 'ack'")
    machine = rows(cfg, "SELECT count(*) AS n FROM messages WHERE category = 'auto_reply'")
    assert [a for a in acks if a["recipient"] == "flood@hosp.example"].__len__() == 3
    assert len(acks) == 5  # dr.a, dr.b, and 3 of the flood: nothing to machine mail
    assert machine[0]["n"] >= len(acks)  # the storm is in the log, answered by nobody
    suppressed = rows(cfg, "SELECT count(*) AS n FROM events WHERE kind = 'ack_suppressed'")
    assert suppressed[0]["n"] == 5


def test_reader_holding_the_store_does_not_block(cfg: Config) -> None:
    deliver(inbox(cfg), make(), T0)
    run_cycle(cfg, clock=lambda: T0)
    reader = sqlite3.connect(f"file:{cfg.store_path}?mode=ro", uri=True)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM messages").fetchone()[0] == 1
    deliver(inbox(cfg), make(sender="other@hosp.example", subject="compassionate use request"),
            T0)
    report = run_cycle(cfg, clock=lambda: T0 + timedelta(minutes=1))  # writer while read is open
    assert report.ok and report.logged == 1
    assert reader.execute("SELECT count(*) FROM messages").fetchone()[0] == 1  # snapshot
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM messages").fetchone()[0] == 2
    reader.close()


def test_clock_jumps(cfg: Config) -> None:
    deliver(inbox(cfg), make(), T0)
    for when in (T0, T0 - timedelta(days=3), T0 + timedelta(days=30), T0 - timedelta(hours=5),
                 T0 + timedelta(days=1)):
        report = run_cycle(cfg, clock=lambda when=when: when)
        assert report.ok and not report.errors
    assert len(rows(cfg, "SELECT * FROM messages")) == 1
    assert len(rows(cfg, "SELECT * FROM cases")) == 1
    assert len(rows(cfg, "SELECT * FROM outbox WHERE kind = 'ack'")) == 1


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, check=False)
    return done.returncode == 0


def test_disk_full_under_the_store(tmp_path: Path) -> None:
    import os

    small = tmp_path / "small"
    if not _mount_tmpfs(small, "16m"):
        if os.environ.get("EABOT_REQUIRE_SERVERS") == "1":
            pytest.fail("cannot mount a small tmpfs (needs root) for the disk-full test")
        pytest.skip("cannot mount a small tmpfs (needs root)")
    try:
        path = write_config(tmp_path)
        path.write_text(path.read_text().replace('store = "var/eabot.sqlite3"',
                                                 f'store = "{small}/eabot.sqlite3"'))
        cfg = load_config(path)
        deliver(inbox(cfg), make(), T0)
        assert run_cycle(cfg, clock=lambda: T0).ok
        filler = small / "filler"
        with filler.open("wb") as fh:  # fill the disk
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        for i in range(30):
            deliver(inbox(cfg), make(sender=f"dr{i}@h{i}.example", subject=f"EA request {i}",
                                     body=PHYSICIAN_BODY.replace("67", str(30 + i)) * 3), T0)
        full = run_cycle(cfg, clock=lambda: T0 + timedelta(minutes=1))
        assert not full.ok or full.errors
        assert any("full" in e.lower() or "disk" in e.lower() for e in full.errors), full.errors
        filler.unlink()  # space returns
        # No half-written state: every logged message has its case and queued ack.
        store = Store(cfg.store_path, readonly=True)
        orphans = store.query("SELECT m.id FROM messages m WHERE m.category = 'ea_request' AND "
                              "(m.case_id IS NULL OR NOT EXISTS (SELECT 1 FROM outbox o WHERE "
                              "o.message_row = m.id))")
        store.close()
        assert orphans == []
        healed = run_cycle(cfg, clock=lambda: T0 + timedelta(minutes=2))
        assert healed.ok, healed.errors
        assert len(rows(cfg, "SELECT * FROM messages")) == 31
        assert len(rows(cfg, "SELECT * FROM outbox WHERE kind = 'ack'")) == 31
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)
