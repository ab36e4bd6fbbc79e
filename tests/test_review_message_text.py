"""A message's text for the case page: from the store, or read again by backend key.

Every mailbox backend reads one message by its key: Maildir (files), IMAP
(a real private Dovecot, ``BODY.PEEK`` so nothing is marked read), EWS and
Graph (the local fake servers). The text is never written to the log.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.backends.ews import EwsMailbox
from bot.backends.graph import GraphMailbox
from bot.backends.imap import ImapMailbox
from bot.backends.maildir import MaildirMailbox, deliver
from bot.config import load_config
from bot.review.message_text import attachments, from_raw, message_text
from tests.conftest import write_config
from tests.fake_ews import FakeExchange
from tests.fake_graph import FakeGraph
from tests.helpers import T0, DictCursor, Sleeps, mail
from tests.review_rig import EMERGENCY_LINE, emergency_mail
from tests.servers import Dovecot
from tests.test_ews_backend import exchange, sleeps  # noqa: F401  (fixtures)
from tests.test_ews_backend import settings as ews_settings
from tests.test_graph_backend import graph  # noqa: F401  (fixture)
from tests.test_graph_backend import settings as graph_settings

PASSWORD_ENV = "EABOT_TEST_IMAP_PASSWORD"


def row_for(raw: bytes, key: str, body: str | None = None) -> dict[str, object]:
    return {"backend_key": key, "raw_sha256": hashlib.sha256(raw).hexdigest(), "body": body}


def test_text_and_attachments_of_a_raw_message() -> None:
    raw = emergency_mail()
    text = from_raw(raw, expected_sha256=hashlib.sha256(raw).hexdigest())
    assert EMERGENCY_LINE in text.text and "<b>Hematology</b>" in text.text  # raw text, escaped later
    assert [(a.name, a.content_type) for a in text.attachments] == [
        ("request-letter.pdf", "application/pdf")]
    assert text.attachments[0].size == len(b"%PDF-1.4 letter of request\n" * 40)
    assert text.source == "mailbox" and not text.notes and not text.problem
    assert from_raw(raw, expected_sha256="0" * 64).notes  # the copy changed since it was logged
    assert attachments(b"not a message at all") == ()


def test_maildir_by_key_from_the_store_or_the_mailbox(tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    cfg = load_config(write_config(tmp_path))
    raw = emergency_mail()
    deliver(tmp_path / "var" / "Maildir", raw, datetime(2026, 11, 2, 15, tzinfo=UTC))
    [message] = list(MaildirMailbox(tmp_path / "var" / "Maildir").poll(DictCursor()))
    box = MaildirMailbox(tmp_path / "var" / "Maildir")
    assert box.fetch(message.backend_key) == message
    assert box.fetch("maildir:INBOX:no-such-file") is None
    assert box.fetch("maildir:Sent:" + message.backend_key.rsplit(":", 1)[1]) is None  # no Sent
    assert box.fetch("imap:INBOX:1:1") is None

    caplog.set_level(logging.DEBUG)
    shown = message_text(cfg, row_for(raw, message.backend_key))
    assert shown.source == "mailbox" and EMERGENCY_LINE in shown.text
    assert shown.attachments[0].name == "request-letter.pdf"
    assert EMERGENCY_LINE not in caplog.text  # never logged
    stored = message_text(cfg, row_for(raw, message.backend_key, body="stored text"))
    assert (stored.source, stored.text) == ("store", "stored text")
    fetched = message_text(cfg, row_for(raw, message.backend_key, body="stored text"),
                           from_mailbox=True)
    assert fetched.source == "mailbox" and EMERGENCY_LINE in fetched.text
    gone = message_text(cfg, row_for(raw, "maildir:INBOX:1790000000.gone"))
    assert "no longer in the mailbox" in gone.problem and not gone.text


def test_imap_by_uid_with_body_peek(dovecot: Dovecot, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    dovecot.reset()
    monkeypatch.setenv(PASSWORD_ENV, dovecot.password)
    section = (f'backend = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
               'security = "plain"\ninsecure_plaintext = true\n'
               f'username = "{dovecot.user}"\npassword_env = "{PASSWORD_ENV}"\ntimeout = 10.0')
    cfg = load_config(write_config(tmp_path, mailbox=section))
    raw = emergency_mail()
    dovecot.deliver(mail(1))
    uid = dovecot.deliver(raw)
    [_, message] = list(ImapMailbox(cfg.mailbox_settings).poll(DictCursor()))
    assert message.backend_key.endswith(f":{uid}")

    shown = message_text(cfg, row_for(raw, message.backend_key))
    assert not shown.problem, shown.problem
    assert EMERGENCY_LINE in shown.text and shown.attachments[0].name == "request-letter.pdf"
    assert b"\\Seen" not in dovecot.flags(uid)  # BODY.PEEK: the mailbox still shows it unread
    folder, validity, _ = message.backend_key.split(":")[1:]
    box = ImapMailbox(cfg.mailbox_settings)
    assert box.fetch(f"imap:{folder}:{validity}:{uid + 50}") is None  # no such UID
    assert box.fetch(f"imap:{folder}:{int(validity) + 1}:{uid}") is None  # folder recreated
    box.close()
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    refused = message_text(cfg, row_for(raw, message.backend_key))
    assert refused.problem.startswith("cannot read the mailbox") and not refused.text


def test_ews_by_item_id(exchange: FakeExchange, sleeps: Sleeps) -> None:  # noqa: F811
    item = exchange.deliver(mail(7), received=T0)
    box = EwsMailbox(ews_settings(exchange), sleep=sleeps)
    got = box.fetch(f"ews:inbox:{item}")
    assert got is not None and got.raw == mail(7) and got.received_at == T0
    exchange.remove(item)
    assert box.fetch(f"ews:inbox:{item}") is None
    assert box.fetch("graph:inbox:x") is None
    box.close()


def test_graph_by_message_id(graph: FakeGraph, sleeps: Sleeps) -> None:  # noqa: F811
    message_id = graph.deliver(mail(8), received=T0)
    box = GraphMailbox(graph_settings(graph), sleep=sleeps)
    got = box.fetch(f"graph:inbox:{message_id}")
    assert got is not None and got.raw == mail(8) and got.received_at == T0
    graph.remove(message_id)
    assert box.fetch(f"graph:inbox:{message_id}") is None
    box.close()


def test_the_text_never_reaches_the_log(tmp_path: Path) -> None:
    """Reading a message's text writes nothing to the store."""
    cfg = load_config(write_config(tmp_path))
    raw = emergency_mail()
    deliver(tmp_path / "var" / "Maildir", raw, datetime(2026, 11, 2, 15, tzinfo=UTC))
    [message] = list(MaildirMailbox(tmp_path / "var" / "Maildir").poll(DictCursor()))
    cfg.store_path.parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(cfg.store_path).close()
    before = cfg.store_path.read_bytes()
    assert EMERGENCY_LINE in message_text(cfg, row_for(raw, message.backend_key)).text
    assert cfg.store_path.read_bytes() == before
