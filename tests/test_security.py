"""Security: private files, verified TLS by default, no secret in logs or the
store, bodies only when configured, redacted subjects."""

from __future__ import annotations

import logging
import os
import ssl
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.backends.imap import ImapSettings
from bot.backends.smtp import SmtpSettings
from bot.config import load_config
from bot.daemon import run_cycle
from tests.conftest import EXAMPLES, write_config
from tests.servers import Dovecot, SmtpServer

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def test_tls_is_verified_by_default() -> None:
    for settings in (ImapSettings(host="imap.example.com", username="u", password_env="X"),
                     SmtpSettings(host="smtp.example.com", username="u", password_env="X")):
        assert settings.verify_tls
        ctx = settings.ssl_context()
        assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname


def test_no_secret_in_logs_or_store(tmp_path: Path, dovecot: Dovecot, smtp_server: SmtpServer,
                                    monkeypatch: pytest.MonkeyPatch,
                                    caplog: pytest.LogCaptureFixture) -> None:
    dovecot.reset()
    imap_secret, smtp_secret = dovecot.password, smtp_server.handler.password
    monkeypatch.setenv("T_IMAP_PW", imap_secret)
    monkeypatch.setenv("T_SMTP_PW", smtp_secret)
    for f in sorted(EXAMPLES.glob("*.eml")):
        dovecot.deliver(f.read_bytes())
    mailbox = (f'backend = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
               'security = "plain"\ninsecure_plaintext = true\n'
               f'username = "{dovecot.user}"\npassword_env = "T_IMAP_PW"\n')
    outbox = (f'backend = "smtp"\nhost = "{smtp_server.host}"\nport = {smtp_server.port}\n'
              'security = "plain"\ninsecure_plaintext = true\nusername = "eabot"\n'
              'password_env = "T_SMTP_PW"\n')
    cfg = load_config(write_config(tmp_path, mailbox=mailbox, outbox=outbox))
    caplog.set_level(logging.DEBUG)
    assert run_cycle(cfg, clock=lambda: NOW).ok
    assert smtp_server.handler.logins  # we really logged in with the secret
    # A wrong password must not leak either.
    monkeypatch.setenv("T_IMAP_PW", imap_secret + "-wrong")
    assert not run_cycle(cfg, clock=lambda: NOW).ok
    blobs = [caplog.text.encode()]
    for path in cfg.store_path.parent.rglob("*"):
        if path.is_file():
            blobs.append(path.read_bytes())
    for secret in (imap_secret, smtp_secret, imap_secret + "-wrong"):
        assert not any(secret.encode() in blob for blob in blobs), secret


def test_files_are_private_and_bodies_not_stored(tmp_path: Path) -> None:
    from bot.backends.maildir import deliver

    cfg = load_config(write_config(tmp_path))
    deliver(cfg.base_dir / cfg.mailbox["path"], (EXAMPLES / "01_physician_wm_loa.eml")
            .read_bytes(), NOW)
    from bot.lock import InstanceLock

    with InstanceLock(cfg.store_path):
        run_cycle(cfg, clock=lambda: NOW)
    for path in cfg.store_path.parent.iterdir():
        if path.name.startswith("eabot.sqlite3"):
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
    body = (EXAMPLES / "01_physician_wm_loa.eml").read_bytes().split(b"\n\n", 1)[1][200:260]
    assert body.strip() and body not in cfg.store_path.read_bytes()


def test_subject_redaction(tmp_path: Path) -> None:
    from bot.backends.maildir import deliver
    from bot.store import Store
    from tests.mailgen import make

    path = write_config(tmp_path)
    path.write_text(path.read_text().replace(
        'poll_interval = "1s"', "poll_interval = \"1s\"\nredact_subject_patterns = "
        "['\\bDOB\\W*\\d{1,2}/\\d{1,2}/\\d{4}', '\\bMRN\\W*\\d+']"))
    cfg = load_config(path)
    deliver(cfg.base_dir / cfg.mailbox["path"],
            make(subject="Expanded access for pt DOB 03/14/1955 MRN 8812345"), NOW)
    run_cycle(cfg, clock=lambda: NOW)
    store = Store(cfg.store_path, readonly=True)
    [msg] = store.query("SELECT subject, category FROM messages")
    [case] = store.query("SELECT subject FROM cases")
    [out] = store.query("SELECT subject, raw FROM outbox")
    store.close()
    assert msg["category"] == "ea_request"
    for text in (msg["subject"], case["subject"], out["subject"], out["raw"]):
        assert "03/14/1955" not in text and "8812345" not in text
    assert "[redacted]" in msg["subject"]
