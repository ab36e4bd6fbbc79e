"""Bad input through a whole cycle: each is logged with what could be read, the
cycle goes on, and nothing of it reaches an outgoing header."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email.policy import default as default_policy
from pathlib import Path

from bot.backends.maildir import deliver
from bot.config import Config
from bot.daemon import run_cycle
from bot.store import Store
from tests.mailgen import PHYSICIAN_BODY

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
HEAD = b"From: Dr Evil <evil@hosp.example>\r\nTo: clinical@cellectar.example\r\n"


def nested(depth: int) -> bytes:
    parts = [HEAD + b"Subject: deep\r\nMIME-Version: 1.0\r\n"]
    for i in range(depth):
        parts.append(f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode())
    parts.append(b"Content-Type: text/plain\r\n\r\n" + PHYSICIAN_BODY.encode() + b"\r\n")
    for i in reversed(range(depth)):
        parts.append(f"--b{i}--\r\n".encode())
    return b"".join(parts)


BAD: dict[str, bytes] = {
    "bad-msgid": HEAD + b"Message-ID: <[abc]@outlook.com>\r\nSubject: Compassionate use request\r\n\r\n"
    + PHYSICIAN_BODY.encode(),
    "no-msgid": HEAD + b"Subject: expanded access for my patient\r\n\r\n" + PHYSICIAN_BODY.encode(),
    "long-subject": HEAD + b"Subject: " + b"A" * 5000 + b"\r\nMessage-ID: <long@x.example>\r\n\r\n"
    + PHYSICIAN_BODY.encode(),
    "crlf-subject": HEAD + b"Message-ID: <crlf@x.example>\r\nSubject: =?utf-8?q?Expanded_access_"
    b"request=0D=0ABcc:_victim@x.example=0D=0AX-Evil:_1?=\r\n\r\n" + PHYSICIAN_BODY.encode(),
    "bad-charset": HEAD + b"Message-ID: <cs@x.example>\r\nSubject: CLR 131\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: text/plain; charset="x-klingon"\r\n\r\n' + PHYSICIAN_BODY.encode("latin-1"),
    "lying-charset": HEAD + b"Message-ID: <lie@x.example>\r\nSubject: Anfrage\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: text/plain; charset="utf-8"\r\n\r\nH\xe4rtefallprogramm f\xfcr meinen Patienten\r\n',
    "empty-body": HEAD + b"Message-ID: <empty@x.example>\r\nSubject: \r\n\r\n",
    "deep": nested(20),
    "garbage": b"\x00\xff\xfe garbage \r\n\r\n\x00",
    "truncated": HEAD + b"Message-ID: <tr@x.example>\r\nSubject: eIND\r\nContent-Type: multipart/mixed;"
    b' boundary="zz"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nWe need an emergency IND for my '
    b"patient in the ICU",
}


def test_every_bad_message_is_logged_and_the_cycle_goes_on(cfg: Config) -> None:
    inbox = cfg.base_dir / cfg.mailbox["path"]
    for raw in BAD.values():
        deliver(inbox, raw, T0)
    report = run_cycle(cfg, clock=lambda: T0)
    assert report.ok, report.errors
    assert report.logged == len(BAD)
    store = Store(cfg.store_path, readonly=True)
    rows = store.query("SELECT * FROM messages")
    store.close()
    assert len(rows) == len(BAD)
    by_id = {r["message_id"]: r for r in rows}
    assert by_id["<long@x.example>"]["subject"].startswith("AAAA")
    assert len(by_id["<long@x.example>"]["subject"]) <= 998
    assert "\n" not in by_id["<crlf@x.example>"]["subject"]
    assert by_id["<cs@x.example>"]["defects"] != "[]"  # what could not be read is recorded
    assert by_id["<tr@x.example>"]["emergency"] == 1
    # Acknowledgements went out for the requests among them, with clean headers.
    sent = sorted((cfg.base_dir / cfg.outbox["path"] / "new").iterdir())
    assert sent
    for path in sent:
        raw = path.read_bytes()
        head = raw.split(b"\n\n", 1)[0]
        names = [line.split(b":", 1)[0].lower() for line in head.splitlines()
                 if line and not line[:1].isspace()]
        assert b"bcc" not in names and b"x-evil" not in names  # no injected header
        msg = email.message_from_bytes(raw, policy=default_policy)
        assert msg["Bcc"] is None
        for value in msg.values():
            assert "\r" not in str(value) and "\n" not in str(value).strip()


def test_rerun_over_bad_input_changes_nothing(cfg: Config) -> None:
    inbox = cfg.base_dir / cfg.mailbox["path"]
    for raw in BAD.values():
        deliver(inbox, raw, T0)
    run_cycle(cfg, clock=lambda: T0)
    again = run_cycle(cfg, clock=lambda: T0)
    assert again.ok and again.logged == 0 and again.known == len(BAD)


def test_store_bodies_only_when_configured(tmp_path: Path) -> None:
    from bot.config import load_config
    from tests.conftest import write_config

    path = write_config(tmp_path)
    path.write_text(path.read_text().replace('poll_interval = "1s"',
                                             'poll_interval = "1s"\nstore_bodies = true'))
    cfg = load_config(path)
    deliver(cfg.base_dir / cfg.mailbox["path"], BAD["no-msgid"], T0)
    run_cycle(cfg, clock=lambda: T0)
    store = Store(cfg.store_path, readonly=True)
    [row] = store.query("SELECT body FROM messages")
    store.close()
    assert "multiple myeloma" in row["body"]
