"""ImapMailbox against a real private Dovecot (see tests/servers.py).  [does I/O]"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from typing import Any

import pytest

from bot.backends.base import MailboxError, RawMessage
from bot.backends.imap import ImapMailbox, ImapSettings
from bot.secrets import SecretError, resolve_secret
from tests.helpers import DictCursor
from tests.servers import NO_KEYWORDS_FOLDER, Dovecot

PASSWORD_ENV = "EABOT_TEST_IMAP_PASSWORD"


@pytest.fixture
def server(dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch) -> Dovecot:
    dovecot.reset()
    monkeypatch.setenv(PASSWORD_ENV, dovecot.password)
    return dovecot


def settings(server: Dovecot, **overrides: Any) -> ImapSettings:
    values: dict[str, Any] = {
        "host": server.host, "port": server.port, "security": "plain",
        "insecure_plaintext": True, "username": server.user, "password_env": PASSWORD_ENV,
        "timeout": 10.0,
    }
    values.update(overrides)
    return ImapSettings(**values)


def mail(n: int, subject: str = "Request") -> bytes:
    return (
        f"From: Dr Who <doctor{n}@example.org>\r\nTo: clinical@example.com\r\n"
        f"Subject: {subject} {n}\r\nMessage-ID: <msg{n}@example.org>\r\n\r\nbody {n}\r\n"
    ).encode()


def uid_of(message: RawMessage) -> int:
    return int(message.backend_key.rsplit(":", 1)[1])


def test_incremental_fetch_yields_each_message_once(server: Dovecot) -> None:
    box, cursor = ImapMailbox(settings(server)), DictCursor()
    server.deliver(mail(1))
    server.deliver(mail(2))

    first = list(box.poll(cursor))
    validity = cursor.get("imap:INBOX:uidvalidity")
    assert [m.backend_key for m in first] == [f"imap:INBOX:{validity}:1", f"imap:INBOX:{validity}:2"]
    assert first[0].raw == mail(1) and first[0].folder == "INBOX"
    assert cursor.get("imap:INBOX:last_uid") == "2"

    assert list(box.poll(cursor)) == []  # UID SEARCH 3:* answers 2 here; it is filtered out
    server.deliver(mail(3))
    assert [m.raw for m in box.poll(cursor)] == [mail(3)]


def test_internaldate_becomes_aware_received_at(server: Dovecot) -> None:
    when = datetime(2024, 3, 1, 9, 30, 5, tzinfo=timezone(timedelta(hours=1)))
    server.deliver(mail(1), internaldate=when)
    (message,) = ImapMailbox(settings(server)).poll(DictCursor())
    assert message.received_at == when
    assert message.received_at.utcoffset() == timedelta(0)
    assert message.received_at.tzinfo is UTC


def test_reading_never_sets_seen(server: Dovecot) -> None:
    uid = server.deliver(mail(1))
    box = ImapMailbox(settings(server, handled_keyword="eabot-handled"))
    (message,) = box.poll(DictCursor())
    assert box.count() == 1
    box.mark_handled(message)
    flags = server.flags(uid)
    assert b"\\Seen" not in flags
    assert b"eabot-handled" in flags


def test_fetches_in_batches_and_advances_after_each_yield(
    server: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    for n in range(1, 6):
        server.deliver(mail(n))
    box, cursor = ImapMailbox(settings(server, batch_size=2)), DictCursor()
    caplog.set_level(logging.DEBUG, logger="imapclient")

    messages = box.poll(cursor)
    assert uid_of(next(messages)) == 1
    assert cursor.get("imap:INBOX:last_uid") == "0"  # not consumed until the yield returns
    assert uid_of(next(messages)) == 2
    assert cursor.get("imap:INBOX:last_uid") == "1"
    assert [uid_of(m) for m in messages] == [3, 4, 5]
    assert cursor.get("imap:INBOX:last_uid") == "5"

    fetches = [r.getMessage() for r in caplog.records if "UID FETCH" in r.getMessage()]
    assert len(fetches) == 3 and "UID FETCH 1,2 " in fetches[0]


def test_abandoned_poll_resumes_at_the_first_unconsumed_message(server: Dovecot) -> None:
    for n in range(1, 4):
        server.deliver(mail(n))
    box, cursor = ImapMailbox(settings(server)), DictCursor()
    messages = box.poll(cursor)
    next(messages)
    next(messages)  # consumed 1; 2 is yielded but its yield has not returned
    assert isinstance(messages, Generator)
    messages.close()
    assert [uid_of(m) for m in box.poll(cursor)] == [2, 3]


def test_uidvalidity_change_rereads_everything_with_new_keys(
    server: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    server.deliver(mail(1))
    server.deliver(mail(2))
    box, cursor = ImapMailbox(settings(server)), DictCursor()
    old = [m.backend_key for m in box.poll(cursor)]
    old_validity = int(cursor.get("imap:INBOX:uidvalidity") or 0)

    server.doveadm("mailbox", "update", "-u", server.user,
                   "--uid-validity", str(old_validity + 1000), "INBOX")
    again = list(box.poll(cursor))

    assert [m.raw for m in again] == [mail(1), mail(2)]
    assert [m.backend_key for m in again] == [
        k.replace(f":{old_validity}:", f":{old_validity + 1000}:") for k in old
    ]
    assert cursor.get("imap:INBOX:uidvalidity") == str(old_validity + 1000)
    assert "UIDVALIDITY of INBOX changed" in caplog.text


def test_recreated_folder_reusing_uids_is_read_again(server: Dovecot) -> None:
    server.deliver(mail(1), folder="Archive")
    box, cursor = ImapMailbox(settings(server, folder="Archive")), DictCursor()
    assert [uid_of(m) for m in box.poll(cursor)] == [1]
    with server.client() as client:
        client.delete_folder("Archive")
    server.deliver(mail(2), folder="Archive")  # new folder: UID 1 again
    (message,) = box.poll(cursor)
    assert message.raw == mail(2) and uid_of(message) == 1


def test_connection_cut_mid_fetch_raises_and_nothing_is_lost(server: Dovecot) -> None:
    for n in range(1, 4):
        server.deliver(mail(n))
    box, cursor = ImapMailbox(settings(server, batch_size=1)), DictCursor()
    seen = []
    messages = box.poll(cursor)
    seen.append(next(messages).raw)
    server.kick()  # the server drops the session between two batches
    with pytest.raises(MailboxError) as failure:
        seen.extend(m.raw for m in messages)
    assert server.password not in str(failure.value)
    assert "reading INBOX" in str(failure.value)

    seen.extend(m.raw for m in box.poll(cursor))
    assert seen == [mail(1), mail(2), mail(3)]


def test_login_failures_are_mailbox_errors_without_the_password(
    server: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "wrong-Pa55word")
    with pytest.raises(MailboxError) as failure:
        ImapMailbox(settings(server)).count()
    assert "wrong-Pa55word" not in str(failure.value)
    assert "AUTHENTICATIONFAILED" in str(failure.value)

    monkeypatch.delenv(PASSWORD_ENV)
    with pytest.raises(MailboxError, match=f"environment variable {PASSWORD_ENV} for imap"):
        list(ImapMailbox(settings(server)).poll(DictCursor()))


def test_password_command(server: Dovecot) -> None:
    box = ImapMailbox(settings(server, password_env=None,
                               password_command=f"printf %s {server.password}"))
    assert box.count() == 0


def test_starttls_is_required_when_configured(server: Dovecot) -> None:
    # The test Dovecot offers no STARTTLS: refuse rather than log in in plain text.
    with pytest.raises(MailboxError, match="STARTTLS"):
        ImapMailbox(settings(server, security="starttls")).count()


def test_unreachable_server_is_a_mailbox_error() -> None:
    from tests.servers import free_port

    box = ImapMailbox(ImapSettings(host="127.0.0.1", port=free_port(), username="x",
                                   password_env=PASSWORD_ENV, timeout=2))
    with pytest.raises(MailboxError, match=r"127\.0\.0\.1"):
        box.count()


def test_keyword_not_added_where_the_server_forbids_keywords(
    server: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    uid = server.deliver(mail(1), folder=NO_KEYWORDS_FOLDER)
    box = ImapMailbox(settings(server, folder=NO_KEYWORDS_FOLDER, handled_keyword="eabot-handled"))
    (message,) = box.poll(DictCursor())
    box.mark_handled(message)
    assert server.flags(uid, NO_KEYWORDS_FOLDER) == ()
    assert "does not allow keywords" in caplog.text


def test_move_handled_moves_without_deleting(server: Dovecot) -> None:
    server.deliver(mail(1))
    with server.client() as client:
        client.create_folder("Handled")
    box = ImapMailbox(settings(server, handled_keyword="eabot-handled", move_handled_to="Handled"))
    (message,) = box.poll(DictCursor())
    box.mark_handled(message)
    assert box.count() == 0
    (moved,) = ImapMailbox(settings(server, folder="Handled")).poll(DictCursor())
    assert moved.raw == mail(1)
    assert b"eabot-handled" in server.flags(uid_of(moved), "Handled")


def test_count_is_the_exists_count(server: Dovecot) -> None:
    for n in range(1, 4):
        server.deliver(mail(n))
    assert ImapMailbox(settings(server)).count() == 3


def test_poll_sent_reads_the_sent_folder_incrementally(server: Dovecot) -> None:
    server.deliver(mail(1))
    server.deliver(mail(7, "Re: Request"), folder="Sent")
    cursor = DictCursor()
    assert list(ImapMailbox(settings(server)).poll_sent(cursor)) == []

    box = ImapMailbox(settings(server, sent_folder="Sent"))
    (reply,) = box.poll_sent(cursor)
    assert reply.folder == "Sent" and reply.backend_key.startswith("imap:Sent:")
    assert list(box.poll_sent(cursor)) == []
    assert [m.raw for m in box.poll(cursor)] == [mail(1)]  # separate cursor keys


def test_append_sent_stores_a_seen_copy_findable_by_message_id(server: Dovecot) -> None:
    with server.client() as client:
        client.create_folder("Sent")
    box = ImapMailbox(settings(server, sent_folder="Sent"))
    reply = EmailMessage()
    reply["From"], reply["To"] = "clinical@example.com", "doctor1@example.org"
    reply["Subject"], reply["Message-ID"] = "Re: Request 1", "<ack-1@eabot.example.com>"
    reply.set_content("We received your request.\n")

    assert box.append_sent(reply) is True
    (copy,) = box.poll_sent(DictCursor())
    assert b"Message-ID: <ack-1@eabot.example.com>\r\n" in copy.raw
    assert b"\\Seen" in server.flags(uid_of(copy), "Sent")
    assert box.has_message_id("<ack-1@eabot.example.com>") is True
    assert box.has_message_id("<ack-2@eabot.example.com>") is False
    assert ImapMailbox(settings(server)).append_sent(reply) is False


def test_idle_wait_times_out_then_wakes_on_new_mail(server: Dovecot) -> None:
    box, cursor = ImapMailbox(settings(server, idle=True)), DictCursor()
    try:
        assert list(box.poll(cursor)) == []
        started = time.monotonic()
        assert box.idle_wait(0.5) is False
        assert 0.4 < time.monotonic() - started < 5

        timer = threading.Timer(0.3, server.deliver, args=(mail(1),))
        timer.start()
        started = time.monotonic()
        assert box.idle_wait(20) is True
        assert time.monotonic() - started < 10
        timer.join()
        assert [m.raw for m in box.poll(cursor)] == [mail(1)]  # same kept connection
    finally:
        box.close()


def test_idle_kept_connection_dropped_by_the_server_is_replaced(server: Dovecot) -> None:
    box, cursor = ImapMailbox(settings(server, idle=True)), DictCursor()
    try:
        assert box.count() == 0
        server.kick()  # while we were away: noticed and replaced without an error
        for _ in range(100):  # kick returns before the server has hung up: wait for it
            if server.user not in server.doveadm("who"):
                break
            time.sleep(0.05)
        assert box.idle_wait(0.2) is False

        threading.Timer(0.3, server.kick).start()  # during IDLE: this wait fails ...
        with pytest.raises(MailboxError, match="waiting for mail in INBOX"):
            box.idle_wait(10)
        server.deliver(mail(1))  # ... and the next call reconnects
        assert [m.raw for m in box.poll(cursor)] == [mail(1)]
    finally:
        box.close()


def test_idle_mode_poll_keeps_its_folder_while_other_calls_run(server: Dovecot) -> None:
    server.deliver(mail(1))
    server.deliver(mail(2))
    server.deliver(mail(9, "Re: Request"), folder="Sent")
    box = ImapMailbox(settings(server, idle=True, sent_folder="Sent", batch_size=1))
    cursor = DictCursor()
    try:
        inbox = box.poll(cursor)
        first = next(inbox)
        assert [m.raw for m in box.poll_sent(cursor)] == [mail(9, "Re: Request")]
        assert [first.raw, *(m.raw for m in inbox)] == [mail(1), mail(2)]
    finally:
        box.close()


def test_idle_is_renewed_periodically(
    server: Dovecot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("bot.backends.imap.IDLE_RENEW_S", 0.2)
    caplog.set_level(logging.DEBUG, logger="imapclient")
    box = ImapMailbox(settings(server, idle=True))
    try:
        assert box.idle_wait(1.0) is False
    finally:
        box.close()
    idles = [r for r in caplog.records if r.getMessage().rstrip("'\"").endswith(" IDLE")]
    assert len(idles) >= 3


def test_without_idle_capability_idle_wait_sleeps(
    server: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    box = ImapMailbox(settings(server, host=server.lean_host, idle=True))
    try:
        started = time.monotonic()
        assert box.idle_wait(0.3) is False
        assert time.monotonic() - started >= 0.3
    finally:
        box.close()
    assert "lacks IDLE" in caplog.text


def test_without_move_capability_nothing_is_moved(
    server: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    server.deliver(mail(1))
    with server.client() as client:
        client.create_folder("Handled")
    box = ImapMailbox(settings(server, host=server.lean_host, move_handled_to="Handled"))
    (message,) = box.poll(DictCursor())
    box.mark_handled(message)
    assert box.count() == 1
    assert "lacks MOVE" in caplog.text


def test_settings_validation_names_keys() -> None:
    with pytest.raises(ValueError, match=r"imap\.insecure_plaintext"):
        ImapSettings(host="h", username="u", password_env="E", security="plain")
    with pytest.raises(ValueError, match=r"exactly one of imap\.password_env"):
        ImapSettings(host="h", username="u")
    with pytest.raises(ValueError, match=r"imap\.token_command or all of imap\.tenant_id"):
        ImapSettings(host="h", username="u", auth="xoauth2", tenant_id="t")
    with pytest.raises(ValueError, match="handled_keyword"):
        ImapSettings(host="h", username="u", password_env="E", handled_keyword="\\Seen")
    relaxed = ImapSettings(host="h", username="u", password_env="E", danger_skip_tls_verify=True)
    assert relaxed.verify_tls is False
    assert ImapSettings(host="h", username="u", token_command="t", auth="xoauth2").verify_tls


def test_resolve_secret_messages_never_contain_the_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("EABOT_IMAP_PASSWORD", raising=False)
    with pytest.raises(SecretError) as missing:
        resolve_secret(env="EABOT_IMAP_PASSWORD", command=None, what="imap.password")
    assert str(missing.value) == (
        "environment variable EABOT_IMAP_PASSWORD for imap.password is not set; "
        "export it or set imap.password_command"
    )
    assert resolve_secret(env=None, command="echo '  t0ken  '", what="x") == "t0ken"
    with pytest.raises(SecretError, match="exit status 3") as failed:
        resolve_secret(env=None, command="sh -c 'echo hunter2; exit 3'", what="x")
    assert "hunter2" not in str(failed.value)
    with pytest.raises(SecretError, match="was not found"):
        resolve_secret(env=None, command="/nonexistent/secret-tool", what="x")
