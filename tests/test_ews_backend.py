"""EwsMailbox / EwsOutbox (exchangelib) against the fake EWS server.  [does I/O]"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.backends.base import MailboxError, RawMessage, TransientSendError, UncertainSendError
from bot.backends.ews import EwsMailbox, EwsOutbox, EwsSettings
from tests.e2e import assert_examples_like_maildir
from tests.fake_ews import FakeExchange, serve
from tests.helpers import T0, DictCursor, Sleeps, acknowledgement, assert_headers_kept, deliver, mail


@pytest.fixture
def exchange() -> Iterator[FakeExchange]:
    yield from serve(FakeExchange())


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def settings(fake: FakeExchange, **overrides: Any) -> EwsSettings:
    values: dict[str, Any] = {
        "primary_smtp_address": fake.address, "service_endpoint": fake.url,
        "insecure_plaintext": True, "auth": "noauth", "danger_noauth_for_testing": True,
        "version": "Exchange2016", "timeout": 5.0,
    }
    values.update(overrides)
    return EwsSettings(**values)


def mailbox(fake: FakeExchange, sleeps: Sleeps, **overrides: Any) -> EwsMailbox:
    return EwsMailbox(settings(fake, **overrides), sleep=sleeps)


# -- reading ----------------------------------------------------------------------


def test_incremental_read_raw_mime_and_receipt_times(exchange: FakeExchange, sleeps: Sleeps) -> None:
    ids = deliver(exchange, 1, 2, 3)
    box, cursor = mailbox(exchange, sleeps), DictCursor()
    got = list(box.poll(cursor))
    assert [m.backend_key for m in got] == [f"ews:inbox:{i}" for i in ids]
    assert [m.raw for m in got] == [mail(1), mail(2), mail(3)]  # byte for byte
    assert [m.received_at for m in got] == [T0 + timedelta(minutes=n) for n in (1, 2, 3)]
    assert all(m.received_at.tzinfo is not None and m.folder == "inbox" for m in got)
    assert cursor.get("ews:inbox:sync_state")
    assert list(box.poll(cursor)) == []
    [new] = deliver(exchange, 4)
    assert [m.backend_key for m in box.poll(cursor)] == [f"ews:inbox:{new}"]
    assert box.count() == 4
    assert box.key_prefix(cursor) == "ews:inbox:"
    box.close()


def test_state_is_saved_per_page_and_only_after_consumption(exchange: FakeExchange,
                                                           sleeps: Sleeps) -> None:
    ids = deliver(exchange, 1, 2, 3, 4, 5)
    box, cursor = mailbox(exchange, sleeps, batch_size=2, fetch_size=1), DictCursor()
    stream = box.poll(cursor)
    first = [next(stream).backend_key for _ in range(3)]  # page 1 done, page 2 half read
    stream.close()  # the caller stops (a crash, a shutdown)
    assert first == [f"ews:inbox:{i}" for i in ids[:3]]
    rest = [m.backend_key for m in box.poll(cursor)]
    # Page 2 is read again from its start: message 3 twice (the store drops it), none lost.
    assert rest == [f"ews:inbox:{i}" for i in ids[2:]]
    assert exchange.operations.count("SyncFolderItems") == 2 + 2


def test_throttling_waits_as_the_server_asks(exchange: FakeExchange, sleeps: Sleeps) -> None:
    deliver(exchange, 1, 2)
    exchange.busy(2, back_off_ms=1500, operation="SyncFolderItems")
    exchange.busy(1, back_off_ms=250, operation="GetItem")
    got = list(mailbox(exchange, sleeps).poll(DictCursor()))
    assert len(got) == 2
    assert sleeps == [1.5, 1.5, 0.25]


def test_throttling_beyond_the_retries_fails_the_poll_without_losing_mail(
    exchange: FakeExchange, sleeps: Sleeps,
) -> None:
    deliver(exchange, 1)
    box, cursor = mailbox(exchange, sleeps, retries=2), DictCursor()
    exchange.busy(3, back_off_ms=100, operation="SyncFolderItems")
    with pytest.raises(MailboxError, match="after 3 attempts: ErrorServerBusy"):
        list(box.poll(cursor))
    assert sleeps == [0.1, 0.1] and cursor.data == {}
    assert len(list(box.poll(cursor))) == 1


def test_a_back_off_longer_than_allowed_gives_up_at_once(exchange: FakeExchange,
                                                         sleeps: Sleeps) -> None:
    deliver(exchange, 1)
    exchange.busy(1, back_off_ms=600_000)
    with pytest.raises(MailboxError, match="asked to wait 600 s"):
        list(mailbox(exchange, sleeps, max_backoff=60).poll(DictCursor()))
    assert sleeps == []


def test_lost_sync_state_reads_the_folder_again(exchange: FakeExchange, sleeps: Sleeps) -> None:
    deliver(exchange, 1, 2)
    box, cursor = mailbox(exchange, sleeps), DictCursor()
    first = [m.backend_key for m in box.poll(cursor)]
    old_state = cursor.get("ews:inbox:sync_state")
    exchange.invalidate_sync_states()
    deliver(exchange, 3)
    again = [m.backend_key for m in box.poll(cursor)]
    # The same messages come again with the same keys (the store recognises them) plus the new one.
    assert again[:2] == first and len(again) == 3
    assert cursor.get("ews:inbox:sync_state") not in (None, "", old_state)
    assert list(box.poll(cursor)) == []


def test_connection_cut_mid_batch_is_retried(exchange: FakeExchange, sleeps: Sleeps) -> None:
    deliver(exchange, 1, 2, 3, 4)
    exchange.drop(1, operation="GetItem", after=1)
    got = list(mailbox(exchange, sleeps, fetch_size=2).poll(DictCursor()))
    assert [m.raw for m in got] == [mail(n) for n in (1, 2, 3, 4)]
    assert sleeps == [1.0]


def test_connection_cut_mid_batch_fails_then_next_poll_completes(exchange: FakeExchange,
                                                                 sleeps: Sleeps) -> None:
    ids = deliver(exchange, 1, 2, 3, 4)
    box, cursor = mailbox(exchange, sleeps, fetch_size=2, retries=1), DictCursor()
    exchange.drop(2, operation="GetItem", after=1)
    seen: list[str] = []
    with pytest.raises(MailboxError, match="reading inbox"):
        seen.extend(m.backend_key for m in box.poll(cursor))
    assert seen == [f"ews:inbox:{i}" for i in ids[:2]]
    assert "ews:inbox:sync_state" not in cursor.data  # the page was not finished
    seen.extend(m.backend_key for m in box.poll(cursor))
    assert set(seen) == {f"ews:inbox:{i}" for i in ids}  # nothing lost (two seen twice)
    assert list(box.poll(cursor)) == []


def test_item_deleted_between_sync_and_fetch_is_skipped(exchange: FakeExchange,
                                                        sleeps: Sleeps) -> None:
    ids = deliver(exchange, 1, 2)
    box = mailbox(exchange, sleeps)
    original = box._sync_page

    def sync_then_delete(name: str, state: str | None) -> Any:
        page = original(name, state)
        exchange.remove(ids[0])
        return page

    box._sync_page = sync_then_delete  # type: ignore[method-assign]
    assert [m.backend_key for m in box.poll(DictCursor())] == [f"ews:inbox:{ids[1]}"]


def test_sent_items_are_read_with_their_own_state(exchange: FakeExchange, sleeps: Sleeps) -> None:
    deliver(exchange, 1)
    staff = exchange.deliver(mail(9), folder="sentitems", received=T0 + timedelta(hours=1))
    box, cursor = mailbox(exchange, sleeps), DictCursor()
    assert len(list(box.poll(cursor))) == 1
    sent = list(box.poll_sent(cursor))
    assert [(m.backend_key, m.folder) for m in sent] == [(f"ews:sentitems:{staff}", "sentitems")]
    assert set(cursor.data) == {"ews:inbox:sync_state", "ews:sentitems:sync_state"}
    assert list(box.poll_sent(cursor)) == []
    assert list(mailbox(exchange, sleeps, sent_folder=None).poll_sent(cursor)) == []


def test_a_subfolder_path_is_found_with_find_folder(exchange: FakeExchange,
                                                    sleeps: Sleeps) -> None:
    exchange.add_folder("inbox/Expanded access")
    deliver(exchange, 1)  # the inbox itself is not read
    mine = exchange.deliver(mail(2), folder="inbox/Expanded access", received=T0)
    box, cursor = mailbox(exchange, sleeps, folder="inbox/Expanded access"), DictCursor()
    assert [m.backend_key for m in box.poll(cursor)] == [f"ews:inbox/Expanded access:{mine}"]
    assert "ews:inbox/Expanded access:sync_state" in cursor.data
    assert box.count() == 1
    missing = mailbox(exchange, sleeps, folder="inbox/Nope")
    with pytest.raises(MailboxError, match="ErrorFolderNotFound"):
        list(missing.poll(cursor))


def test_mark_handled_adds_a_category_and_keeps_others(exchange: FakeExchange,
                                                       sleeps: Sleeps) -> None:
    [item_id] = deliver(exchange, 1)
    exchange.item(item_id).categories = ["Red category"]
    box = mailbox(exchange, sleeps, category_on_handled="eabot: logged")
    [message] = box.poll(DictCursor())
    box.mark_handled(message)
    box.mark_handled(message)  # idempotent
    assert exchange.item(item_id).categories == ["Red category", "eabot: logged"]
    assert exchange.operations.count("UpdateItem") == 1
    plain = mailbox(exchange, sleeps)
    plain.mark_handled(message)
    assert exchange.operations.count("UpdateItem") == 1
    assert [i.folder for i in exchange.items] == ["inbox"]  # never moved or deleted


def test_mark_handled_failure_is_only_logged(exchange: FakeExchange, sleeps: Sleeps,
                                            caplog: pytest.LogCaptureFixture) -> None:
    box = mailbox(exchange, sleeps, category_on_handled="eabot", retries=0)
    gone = RawMessage(backend_key="ews:inbox:AAMkAGone=", raw=b"", received_at=T0)
    box.mark_handled(gone)
    assert "could not set category" in caplog.text


def test_basic_auth_uses_the_password_from_the_environment(
    exchange: FakeExchange, sleeps: Sleeps, monkeypatch: pytest.MonkeyPatch,
) -> None:
    deliver(exchange, 1)
    exchange.basic_auth = ("EXAMPLE\\eabot", "correct horse battery")
    monkeypatch.setenv("EABOT_TEST_EWS_PW", "correct horse battery")
    values = {"auth": "basic", "username": "EXAMPLE\\eabot", "password_env": "EABOT_TEST_EWS_PW",
              "danger_noauth_for_testing": False}
    assert len(list(mailbox(exchange, sleeps, **values).poll(DictCursor()))) == 1
    monkeypatch.setenv("EABOT_TEST_EWS_PW", "wrong-password-value")
    with pytest.raises(MailboxError) as failure:
        list(mailbox(exchange, sleeps, **values).poll(DictCursor()))
    assert "wrong-password-value" not in str(failure.value)
    monkeypatch.delenv("EABOT_TEST_EWS_PW")
    with pytest.raises(MailboxError, match=re.escape("EABOT_TEST_EWS_PW for ews.password is not set")):
        list(mailbox(exchange, sleeps, **values).poll(DictCursor()))


def test_oauth2_credentials_are_built_without_a_network_call(monkeypatch: pytest.MonkeyPatch) -> None:
    from exchangelib import OAuth2Credentials

    from bot.backends.ews_session import EwsSession

    monkeypatch.setenv("EABOT_TEST_EWS_SECRET", "s3cret")
    values = EwsSettings(primary_smtp_address="clinical@example.com", auth="oauth2",
                         service_endpoint="https://mail.example.com/EWS/Exchange.asmx",
                         tenant_id="t-1", client_id="c-1", client_secret_env="EABOT_TEST_EWS_SECRET")
    session = EwsSession(values)
    account = session.account()
    assert isinstance(account.protocol.credentials, OAuth2Credentials)
    assert account.access_type == "impersonation" and account.protocol.TIMEOUT == 60.0
    assert account.version.api_version == "Exchange2016"
    session.close()


# -- sending ----------------------------------------------------------------------


def test_send_and_save_keeps_the_mime_and_threading_headers(exchange: FakeExchange,
                                                           sleeps: Sleeps) -> None:
    outbox = EwsOutbox(settings(exchange), sleep=sleeps)
    assert outbox.already_sent("<ack-1@cellectar.example>") is False
    outbox.send(acknowledgement())
    [raw] = exchange.sent
    assert_headers_kept(raw, acknowledgement())
    assert [i.folder for i in exchange.items] == ["sentitems"]  # saved a copy
    assert exchange.operations.count("CreateItem") == 1
    assert outbox.already_sent("<ack-1@cellectar.example>") is True
    assert outbox.already_sent(" <ack-2@cellectar.example> ") is False
    outbox.close()


def test_send_waits_out_throttling(exchange: FakeExchange, sleeps: Sleeps) -> None:
    exchange.busy(1, back_off_ms=2000, operation="CreateItem")
    EwsOutbox(settings(exchange), sleep=sleeps).send(acknowledgement())
    assert sleeps == [2.0] and len(exchange.sent) == 1


def test_send_still_throttled_is_transient_and_sent_nothing(exchange: FakeExchange,
                                                            sleeps: Sleeps) -> None:
    exchange.busy(5, back_off_ms=10, operation="CreateItem")
    with pytest.raises(TransientSendError, match="ErrorServerBusy") as failure:
        EwsOutbox(settings(exchange, retries=1), sleep=sleeps).send(acknowledgement())
    assert not isinstance(failure.value, UncertainSendError)
    assert exchange.sent == []


def test_connection_lost_while_sending_is_uncertain_and_not_repeated(
    exchange: FakeExchange, sleeps: Sleeps,
) -> None:
    exchange.drop(1, operation="CreateItem")
    outbox = EwsOutbox(settings(exchange), sleep=sleeps)
    with pytest.raises(UncertainSendError, match="check Sent Items"):
        outbox.send(acknowledgement())
    assert exchange.operations.count("CreateItem") == 1 and sleeps == []
    assert outbox.already_sent("<ack-1@cellectar.example>") is True  # it did leave


def test_unreachable_server_is_transient_and_cannot_tell(sleeps: Sleeps) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nobody listens there
    values = EwsSettings(primary_smtp_address="clinical@example.com", auth="noauth",
                         service_endpoint=f"http://127.0.0.1:{port}/EWS/Exchange.asmx",
                         insecure_plaintext=True, danger_noauth_for_testing=True, retries=0)
    outbox = EwsOutbox(values, sleep=sleeps)
    with pytest.raises(TransientSendError) as failure:
        outbox.send(acknowledgement())
    assert not isinstance(failure.value, UncertainSendError)
    assert outbox.already_sent("<ack-1@cellectar.example>") is None


# -- settings ---------------------------------------------------------------------


def test_settings_problems_name_their_keys() -> None:
    with pytest.raises(ValueError) as failure:
        EwsSettings(primary_smtp_address="clinical", auth="noauth", version="Exchange2099",
                    folder="Posteingang", batch_size=1000)
    text = str(failure.value)
    for expected in ("ews.primary_smtp_address", "ews.service_endpoint and ews.autodiscover",
                     "ews.version must be one of", "ews.danger_noauth_for_testing",
                     "ews.folder must start with", "ews.batch_size"):
        assert expected in text
    both = re.escape("set exactly one of ews.password_env and ews.password_command")
    with pytest.raises(ValueError, match=both):
        EwsSettings(primary_smtp_address="c@example.com", service_endpoint="https://x/EWS/Exchange.asmx",
                    username="eabot")
    with pytest.raises(ValueError, match=re.escape("ews.insecure_plaintext")):
        EwsSettings(primary_smtp_address="c@example.com", service_endpoint="http://x/EWS/Exchange.asmx",
                    username="eabot", password_env="X")
    with pytest.raises(ValueError, match=re.escape("ews.tenant_id, ews.client_id and ews.client_secret_env")):
        EwsSettings(primary_smtp_address="c@example.com", autodiscover=True, auth="oauth2")
    ok = EwsSettings(primary_smtp_address="c@example.com", autodiscover=True, auth="oauth2",
                     tenant_id="t", client_id="c", client_secret_env="EABOT_EWS_SECRET",
                     folder="inbox/Expanded access", version=None)
    assert ok.problems() == []


# -- end to end with the example mail ---------------------------------------------


def test_examples_end_to_end_match_the_maildir_run(tmp_path: Path, exchange: FakeExchange,
                                                   sleeps: Sleeps) -> None:
    box, out = mailbox(exchange, sleeps, batch_size=4, fetch_size=3), EwsOutbox(settings(exchange))
    assert_examples_like_maildir(tmp_path, "ews-run", exchange, box, out,
                                 lose_read_position=exchange.invalidate_sync_states)
