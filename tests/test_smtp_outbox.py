"""SmtpOutbox against a real aiosmtpd server (and Dovecot for Sent).  [does I/O]"""

from __future__ import annotations

import email
import socket
import ssl
import time
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from bot.backends.base import PermanentSendError, TransientSendError, UncertainSendError
from bot.backends.imap import ImapMailbox, ImapSettings
from bot.backends.smtp import SmtpOutbox, SmtpRejectedError, SmtpSettings
from bot.replies import OUTBOUND_POLICY
from tests.helpers import make_certificate
from tests.servers import Dovecot, RecordingHandler, SmtpServer, free_port


def settings(server: SmtpServer, **overrides: Any) -> SmtpSettings:
    values: dict[str, Any] = {
        "host": server.host, "port": server.port, "security": "plain",
        "insecure_plaintext": True, "auth": "none", "helo_name": "eabot.test", "timeout": 5.0,
    }
    values.update(overrides)
    return SmtpSettings(**values)


def acknowledgement(n: int = 1) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Clinical Team <clinical@example.com>"
    msg["To"] = "Dr Who <doctor@example.org>"
    msg["Cc"] = "pv@example.com"
    msg["Bcc"] = "audit@example.com"
    msg["Subject"] = f"Re: Expanded access request {n} — received"
    msg["Message-ID"] = f"<ack-{n}@eabot.example.com>"
    msg["In-Reply-To"] = "<req-1@example.org>"
    msg["References"] = "<req-1@example.org>"
    msg["Auto-Submitted"] = "auto-replied"
    msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content("Dear Dr Who,\n\n.we received your request.\n..\nClinical Team\n")
    return msg


def test_send_delivers_with_headers_intact(smtp_server: SmtpServer) -> None:
    SmtpOutbox(settings(smtp_server)).send(acknowledgement())

    (got,) = smtp_server.handler.received
    assert got.mail_from == "clinical@example.com"
    assert got.rcpt_tos == ["doctor@example.org", "pv@example.com", "audit@example.com"]
    parsed = email.message_from_bytes(got.content, policy=policy.default)
    original = acknowledgement()
    for header in ("From", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References",
                   "Auto-Submitted", "X-Auto-Response-Suppress"):
        assert parsed[header] == original[header], header
    assert "Bcc" not in parsed
    body = parsed.get_content().replace("\r\n", "\n")
    assert body == original.get_content()  # lines starting with "." survive dot-stuffing


def test_envelope_sender_is_configurable(smtp_server: SmtpServer) -> None:
    SmtpOutbox(settings(smtp_server, envelope_from="bounces@example.com")).send(acknowledgement())
    assert smtp_server.handler.received[0].mail_from == "bounces@example.com"


def test_4xx_is_transient(smtp_server: SmtpServer) -> None:
    smtp_server.handler.reply_next(1, "421 4.3.2 System not accepting network messages")
    with pytest.raises(TransientSendError) as failure:
        SmtpOutbox(settings(smtp_server)).send(acknowledgement())
    assert not isinstance(failure.value, UncertainSendError)
    assert "421" in str(failure.value)
    assert smtp_server.handler.received == []


def test_5xx_is_permanent_with_the_server_text(smtp_server: SmtpServer) -> None:
    smtp_server.handler.reply_next(1, "550 5.7.1 Message rejected as spam")
    with pytest.raises(PermanentSendError) as failure:
        SmtpOutbox(settings(smtp_server)).send(acknowledgement())
    assert isinstance(failure.value, SmtpRejectedError)
    assert (failure.value.code, failure.value.text) == (550, "5.7.1 Message rejected as spam")
    assert "550 5.7.1 Message rejected as spam" in str(failure.value)


def test_timeout_after_accepting_is_uncertain_and_sends_once(smtp_server: SmtpServer) -> None:
    smtp_server.handler.stall_next(1, seconds=3.0)
    started = time.monotonic()
    with pytest.raises(UncertainSendError, match="may have accepted"):
        SmtpOutbox(settings(smtp_server, timeout=1.0)).send(acknowledgement())
    assert time.monotonic() - started < 2.5  # no retry, no second wait on QUIT
    time.sleep(2.5)  # let the stalled server answer into the closed connection
    assert len(smtp_server.handler.received) == 1


def test_unreachable_server_is_transient() -> None:
    outbox = SmtpOutbox(SmtpSettings(host="127.0.0.1", port=free_port(), security="plain",
                                     insecure_plaintext=True, auth="none", timeout=2))
    with pytest.raises(TransientSendError, match="cannot connect"):
        outbox.send(acknowledgement())


def test_message_without_recipients_is_permanent(smtp_server: SmtpServer) -> None:
    msg = acknowledgement()
    for header in ("To", "Cc", "Bcc"):
        del msg[header]
    with pytest.raises(PermanentSendError, match="no recipients"):
        SmtpOutbox(settings(smtp_server)).send(msg)


def test_password_login(smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EABOT_TEST_SMTP_PASSWORD", smtp_server.handler.password)
    good = settings(smtp_server, auth="password", username="eabot",
                    password_env="EABOT_TEST_SMTP_PASSWORD")
    SmtpOutbox(good).send(acknowledgement())
    assert len(smtp_server.handler.received) == 1
    assert smtp_server.handler.logins and smtp_server.handler.logins[0].endswith(":eabot")

    monkeypatch.setenv("EABOT_TEST_SMTP_PASSWORD", "not-the-Pa55word")
    with pytest.raises(TransientSendError) as failure:
        SmtpOutbox(good).send(acknowledgement(2))
    assert "535" in str(failure.value)
    assert "not-the-Pa55word" not in str(failure.value)


def test_xoauth2_with_token_command(smtp_server: SmtpServer) -> None:
    oauth = settings(smtp_server, auth="xoauth2", username="eabot",
                     token_command=f"echo {smtp_server.handler.token}")
    SmtpOutbox(oauth).send(acknowledgement())
    assert smtp_server.handler.logins == ["XOAUTH2:eabot"]
    assert len(smtp_server.handler.received) == 1


def test_already_sent_looks_in_the_imap_sent_folder(
    smtp_server: SmtpServer, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dovecot.reset()
    monkeypatch.setenv("EABOT_TEST_IMAP_PASSWORD", dovecot.password)
    sent = ImapMailbox(ImapSettings(
        host=dovecot.host, port=dovecot.port, security="plain", insecure_plaintext=True,
        username=dovecot.user, password_env="EABOT_TEST_IMAP_PASSWORD", sent_folder="Sent",
    ))
    with dovecot.client() as client:
        client.create_folder("Sent")
    outbox = SmtpOutbox(settings(smtp_server), sent_mailbox=sent)
    message = acknowledgement()
    outbox.send(message)
    assert outbox.already_sent("<ack-1@eabot.example.com>") is False
    assert sent.append_sent(message)
    assert outbox.already_sent("<ack-1@eabot.example.com>") is True
    assert outbox.already_sent("<ack-2@eabot.example.com>") is False

    assert SmtpOutbox(settings(smtp_server)).already_sent("<ack-1@eabot.example.com>") is None
    monkeypatch.delenv("EABOT_TEST_IMAP_PASSWORD")  # IMAP unusable: cannot tell
    fresh = ImapMailbox(ImapSettings(
        host=dovecot.host, port=dovecot.port, security="plain", insecure_plaintext=True,
        username=dovecot.user, password_env="EABOT_TEST_IMAP_PASSWORD", sent_folder="Sent",
    ))
    assert SmtpOutbox(settings(smtp_server), sent_mailbox=fresh).already_sent(
        "<ack-1@eabot.example.com>") is None
    sent.close()


def test_starttls_is_required_when_configured(smtp_server: SmtpServer) -> None:
    with pytest.raises(TransientSendError, match="STARTTLS"):  # never falls back to plain
        SmtpOutbox(settings(smtp_server, security="starttls")).send(acknowledgement())
    assert smtp_server.handler.received == []


@pytest.fixture
def smtps_server(tmp_path: Path) -> Iterator[SmtpServer]:
    """Implicit-TLS aiosmtpd with a self-signed certificate for 127.0.0.1."""
    cert, key = make_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), ssl_context=context)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", controller.port, handler)
    finally:
        controller.stop()


def test_tls_certificates_are_verified_unless_dangerously_disabled(
    smtps_server: SmtpServer,
) -> None:
    strict = settings(smtps_server, security="tls", insecure_plaintext=False)
    with pytest.raises(TransientSendError, match="CERTIFICATE_VERIFY_FAILED"):
        SmtpOutbox(strict).send(acknowledgement())
    assert strict.verify_tls
    relaxed = settings(smtps_server, security="tls", danger_skip_tls_verify=True)
    SmtpOutbox(relaxed).send(acknowledgement())
    assert len(smtps_server.handler.received) == 1


def test_settings_defaults_and_validation() -> None:
    assert SmtpSettings(host="h", username="u", password_env="E").effective_port == 465
    assert SmtpSettings(host="h", username="u", password_env="E",
                        security="starttls").effective_port == 587
    with pytest.raises(ValueError, match=r"smtp\.insecure_plaintext"):
        SmtpSettings(host="h", security="plain", auth="none")


def test_one_connection_serves_a_flush_and_a_dropped_one_is_replaced(
        smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EABOT_TEST_SMTP_PASSWORD", smtp_server.handler.password)
    outbox = SmtpOutbox(settings(smtp_server, auth="password", username="eabot",
                                 password_env="EABOT_TEST_SMTP_PASSWORD"))
    for n in range(1, 4):
        outbox.send(acknowledgement(n))
    assert len(smtp_server.handler.received) == 3
    assert len(smtp_server.handler.logins) == 1 and outbox.connections == 1

    # The server drops the idle connection (as after its timeout): the next message
    # goes over a new one, once.
    kept = outbox._kept
    assert kept is not None
    kept.sock.shutdown(socket.SHUT_RDWR)  # type: ignore[union-attr]
    outbox.send(acknowledgement(4))
    assert [m.content.count(b"<ack-4@") for m in smtp_server.handler.received[3:]] == [1]
    assert outbox.connections == 2

    # After a refusal the connection is not reused for the next message.
    smtp_server.handler.reply_next(1, "550 5.7.1 no")
    with pytest.raises(SmtpRejectedError):
        outbox.send(acknowledgement(5))
    outbox.send(acknowledgement(6))
    assert outbox.connections == 3 and len(smtp_server.handler.received) == 5
    outbox.close()
    assert outbox._kept is None


def test_send_raw_sends_the_stored_text_as_it_is(smtp_server: SmtpServer) -> None:
    outbox = SmtpOutbox(settings(smtp_server))
    msg = acknowledgement(7)
    del msg["Bcc"]
    stored = msg.as_string(policy=OUTBOUND_POLICY)
    outbox.send_raw(stored, "<ack-7@eabot.example.com>")
    (got,) = smtp_server.handler.received
    assert got.content.replace(b"\r\n", b"\n") == stored.encode()
    assert got.mail_from == "clinical@example.com"
    assert sorted(got.rcpt_tos) == ["doctor@example.org", "pv@example.com"]

    # A Bcc header is never transmitted; its address still gets the message.
    with_bcc = acknowledgement(8).as_string(policy=OUTBOUND_POLICY)
    outbox.send_raw(with_bcc, "<ack-8@eabot.example.com>")
    last = smtp_server.handler.received[-1]
    assert b"audit@example.com" not in last.content and b"Bcc" not in last.content
    assert "audit@example.com" in last.rcpt_tos
    outbox.close()
