"""GraphMailbox / GraphOutbox (httpx + msal) against the fake Graph server.  [does I/O]"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from bot.backends.base import (
    MailboxError,
    PermanentSendError,
    RawMessage,
    TransientSendError,
    UncertainSendError,
)
from bot.backends.graph import GraphMailbox, GraphOutbox, GraphSettings
from tests.e2e import assert_examples_like_maildir
from tests.fake_graph import CLIENT_ID, CLIENT_SECRET, TENANT, FakeGraph, serve
from tests.helpers import T0, DictCursor, Sleeps, acknowledgement, assert_headers_kept, deliver, mail

SECRET_ENV = "EABOT_TEST_GRAPH_SECRET"
DELTA = "/mailFolders/inbox/messages/delta"


@pytest.fixture
def graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGraph]:
    monkeypatch.setenv(SECRET_ENV, CLIENT_SECRET)
    (tmp_path / "tls").mkdir()
    yield from serve(FakeGraph(), tmp_path / "tls")


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def settings(fake: FakeGraph, **overrides: Any) -> GraphSettings:
    values: dict[str, Any] = {
        "tenant_id": TENANT, "client_id": CLIENT_ID, "user": fake.user,
        "client_secret_env": SECRET_ENV, "base_url": f"{fake.origin}/v1.0",
        "authority_url": fake.origin, "ca_file": fake.ca_file, "timeout": 5.0,
    }
    values.update(overrides)
    return GraphSettings(**values)


def mailbox(fake: FakeGraph, sleeps: Sleeps, **overrides: Any) -> GraphMailbox:
    return GraphMailbox(settings(fake, **overrides), sleep=sleeps)


def keys(ids: list[str], folder: str = "inbox") -> list[str]:
    return [f"graph:{folder}:{i}" for i in ids]


def initial_rounds(fake: FakeGraph) -> int:
    return sum(1 for method, path in fake.requests if path.endswith(DELTA + "?$select="
                                                                    "id,receivedDateTime,internetMessageId"))


# -- reading ----------------------------------------------------------------------


def test_delta_read_raw_mime_and_receipt_times(graph: FakeGraph, sleeps: Sleeps) -> None:
    ids = deliver(graph, 1, 2, 3)
    box, cursor = mailbox(graph, sleeps, page_size=2), DictCursor()
    got = list(box.poll(cursor))
    assert [m.backend_key for m in got] == keys(ids)
    assert [m.raw for m in got] == [mail(1), mail(2), mail(3)]  # byte for byte from $value
    assert [m.received_at for m in got] == [T0 + timedelta(minutes=n) for n in (1, 2, 3)]
    assert "$deltatoken=" in (cursor.get("graph:inbox:delta_link") or "")
    assert cursor.get("graph:inbox:next_link") == ""
    assert list(box.poll(cursor)) == []
    [new] = deliver(graph, 4)
    assert [m.backend_key for m in box.poll(cursor)] == keys([new])
    assert box.count() == 4 and box.key_prefix(cursor) == "graph:inbox:"
    assert initial_rounds(graph) == 1
    assert graph.tokens_issued == 1  # msal keeps the token between requests
    box.close()


def test_a_crash_mid_round_resumes_at_the_page_it_was_in(graph: FakeGraph, sleeps: Sleeps) -> None:
    ids = deliver(graph, 1, 2, 3, 4, 5)
    box, cursor = mailbox(graph, sleeps, page_size=2), DictCursor()
    stream = box.poll(cursor)
    first = [next(stream).backend_key for _ in range(3)]  # page 1 done, page 2 half read
    stream.close()
    assert first == keys(ids[:3])
    assert "$skiptoken=" in (cursor.get("graph:inbox:next_link") or "")
    assert cursor.get("graph:inbox:delta_link") is None  # the round is not complete
    rest = [m.backend_key for m in box.poll(cursor)]
    assert rest == keys(ids[2:])  # message 3 again (the store drops it), none lost
    assert initial_rounds(graph) == 1  # resumed, not restarted
    assert cursor.get("graph:inbox:next_link") == "" and cursor.get("graph:inbox:delta_link")


def test_retry_after_is_honoured(graph: FakeGraph, sleeps: Sleeps) -> None:
    deliver(graph, 1, 2)
    graph.throttle(2, status=429, retry_after="3", path="/delta")
    graph.throttle(1, status=503, retry_after="7", path="/$value")
    assert len(list(mailbox(graph, sleeps).poll(DictCursor()))) == 2
    assert sleeps == [3.0, 3.0, 7.0]


def test_throttling_beyond_the_retries_fails_without_losing_mail(graph: FakeGraph,
                                                                 sleeps: Sleeps) -> None:
    deliver(graph, 1)
    box, cursor = mailbox(graph, sleeps, retries=2), DictCursor()
    graph.throttle(3, retry_after="1", path="/delta")
    with pytest.raises(MailboxError, match="HTTP 429 ApplicationThrottled"):
        list(box.poll(cursor))
    assert sleeps == [1.0, 1.0] and cursor.data == {}
    assert len(list(box.poll(cursor))) == 1


def test_a_retry_after_longer_than_allowed_gives_up_at_once(graph: FakeGraph,
                                                            sleeps: Sleeps) -> None:
    deliver(graph, 1)
    graph.throttle(1, retry_after="3600")
    with pytest.raises(MailboxError, match="asked to wait 3600 s"):
        list(mailbox(graph, sleeps, max_retry_after=120).poll(DictCursor()))
    assert sleeps == []


def test_an_expired_token_is_replaced_once(graph: FakeGraph, sleeps: Sleeps) -> None:
    deliver(graph, 1)
    box, cursor = mailbox(graph, sleeps), DictCursor()
    assert len(list(box.poll(cursor))) == 1
    graph.expire_tokens()
    deliver(graph, 2)
    assert len(list(box.poll(cursor))) == 1
    assert graph.tokens_issued == 2
    graph.reject_tokens = True  # a token that never works: one refresh, then give up
    with pytest.raises(MailboxError, match="HTTP 401 InvalidAuthenticationToken"):
        list(box.poll(cursor))
    assert graph.tokens_issued == 3


def test_a_refused_client_secret_says_what_to_check(graph: FakeGraph, sleeps: Sleeps,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, "not-the-secret-value")
    with pytest.raises(MailboxError, match=r"Entra ID refused a Graph token.*AADSTS7000215") as failure:
        list(mailbox(graph, sleeps).poll(DictCursor()))
    assert "not-the-secret-value" not in str(failure.value)
    monkeypatch.delenv(SECRET_ENV)
    with pytest.raises(MailboxError, match=f"{SECRET_ENV} for graph.client_secret is not set"):
        list(mailbox(graph, sleeps).poll(DictCursor()))


def test_certificate_credentials(graph: FakeGraph, sleeps: Sleeps, tmp_path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "eabot")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(T0).not_valid_after(datetime.now(UTC) + timedelta(days=1))
            .sign(key, hashes.SHA256()))
    graph.client_certificate = cert
    pem = tmp_path / "eabot-graph.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    thumbprint = hashlib.sha1(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
    deliver(graph, 1)
    box = mailbox(graph, sleeps, client_secret_env=None, certificate_path=str(pem),
                  certificate_thumbprint=thumbprint)
    assert len(list(box.poll(DictCursor()))) == 1, graph.assertion_errors


def test_a_lost_delta_token_starts_a_full_round(graph: FakeGraph, sleeps: Sleeps) -> None:
    ids = deliver(graph, 1, 2)
    box, cursor = mailbox(graph, sleeps), DictCursor()
    assert [m.backend_key for m in box.poll(cursor)] == keys(ids)
    old = cursor.get("graph:inbox:delta_link")
    graph.lose_sync_state()
    ids += deliver(graph, 3)
    # Everything again under the same keys (the store recognises it), plus the new one.
    assert [m.backend_key for m in box.poll(cursor)] == keys(ids)
    assert cursor.get("graph:inbox:delta_link") not in (None, "", old)
    assert initial_rounds(graph) == 2
    assert list(box.poll(cursor)) == []


def test_a_lost_skip_token_mid_round_starts_a_full_round(graph: FakeGraph, sleeps: Sleeps) -> None:
    ids = deliver(graph, 1, 2, 3)
    box, cursor = mailbox(graph, sleeps, page_size=2), DictCursor()
    stream = box.poll(cursor)
    [next(stream) for _ in range(2)]
    next(stream)  # page 2 requested: next_link saved for page 2
    stream.close()
    graph.lose_sync_state()
    assert [m.backend_key for m in box.poll(cursor)] == keys(ids)


def test_a_connection_cut_mid_batch_is_retried(graph: FakeGraph, sleeps: Sleeps) -> None:
    deliver(graph, 1, 2, 3)
    graph.drop(1, path="/$value")
    got = list(mailbox(graph, sleeps).poll(DictCursor()))
    assert [m.raw for m in got] == [mail(1), mail(2), mail(3)]
    assert sleeps == [1.0]


def test_a_connection_cut_mid_batch_fails_then_next_poll_completes(graph: FakeGraph,
                                                                   sleeps: Sleeps) -> None:
    ids = deliver(graph, 1, 2, 3, 4)
    box, cursor = mailbox(graph, sleeps, page_size=2, retries=0), DictCursor()
    box.poll(cursor)  # (a generator: nothing happens before it is iterated)
    seen: list[str] = []
    stream = box.poll(cursor)
    seen.append(next(stream).backend_key)
    graph.drop(1, path="/$value")
    with pytest.raises(MailboxError, match="downloading a message"):
        seen.extend(m.backend_key for m in stream)
    assert cursor.get("graph:inbox:next_link") is None  # page 1 was not finished
    seen.extend(m.backend_key for m in box.poll(cursor))
    assert set(seen) == set(keys(ids))  # nothing lost (message 1 seen twice)
    assert list(box.poll(cursor)) == []


def test_removed_and_vanished_messages_are_skipped(graph: FakeGraph, sleeps: Sleeps) -> None:
    ids = deliver(graph, 1, 2)
    box, cursor = mailbox(graph, sleeps), DictCursor()
    assert len(list(box.poll(cursor))) == 2
    graph.remove(ids[0])  # an "@removed" entry in the next round
    assert list(box.poll(cursor)) == []
    [gone, kept] = deliver(graph, 3, 4)
    original = box._page

    def page_then_delete(folder: str, url: str | None) -> dict[str, Any]:
        page = original(folder, url)
        if any(e.get("id") == gone for e in page.get("value", [])):
            graph.remove(gone)  # deleted between the delta page and $value
        return page

    box._page = page_then_delete  # type: ignore[method-assign]
    assert [m.backend_key for m in box.poll(cursor)] == keys([kept])


def test_sent_items_have_their_own_delta(graph: FakeGraph, sleeps: Sleeps) -> None:
    deliver(graph, 1)
    staff = graph.deliver(mail(9), folder="sentitems", received=T0 + timedelta(hours=1))
    box, cursor = mailbox(graph, sleeps), DictCursor()
    assert len(list(box.poll(cursor))) == 1
    assert [(m.backend_key, m.folder) for m in box.poll_sent(cursor)] == [
        (f"graph:sentitems:{staff}", "sentitems")]
    assert list(box.poll_sent(cursor)) == []
    assert {k for k, v in cursor.data.items() if v} == {"graph:inbox:delta_link",
                                                        "graph:sentitems:delta_link"}
    assert list(mailbox(graph, sleeps, sent_folder=None).poll_sent(cursor)) == []


def test_mark_handled_adds_a_category(graph: FakeGraph, sleeps: Sleeps,
                                     caplog: pytest.LogCaptureFixture) -> None:
    [mid] = deliver(graph, 1)
    message = graph.find(mid)
    assert message is not None
    message.categories = ["Blue category"]
    box, cursor = mailbox(graph, sleeps, category_on_handled="eabot: logged"), DictCursor()
    [raw] = box.poll(cursor)
    box.mark_handled(raw)
    box.mark_handled(raw)
    assert message.categories == ["Blue category", "eabot: logged"]
    assert sum(1 for method, _ in graph.requests if method == "PATCH") == 1
    # The change comes back in the next round; the store recognises the key.
    assert [m.backend_key for m in box.poll(cursor)] == [raw.backend_key]
    box.mark_handled(RawMessage(backend_key="graph:inbox:AAkALgone", raw=b"", received_at=T0))
    assert "could not set category" in caplog.text


# -- sending ----------------------------------------------------------------------


def test_send_mail_posts_the_mime_with_threading_headers(graph: FakeGraph, sleeps: Sleeps) -> None:
    outbox = GraphOutbox(settings(graph), sleep=sleeps)
    assert outbox.already_sent("<ack-1@cellectar.example>") is False
    outbox.send(acknowledgement())
    [raw] = graph.sent
    assert_headers_kept(raw, acknowledgement())
    assert [m.folder for m in graph.messages] == ["sentitems"]
    assert outbox.already_sent("<ack-1@cellectar.example>") is True
    assert outbox.already_sent("<it's-quoted@cellectar.example>") is False
    outbox.close()


def test_send_waits_out_throttling_and_sends_once(graph: FakeGraph, sleeps: Sleeps) -> None:
    graph.throttle(1, status=429, retry_after="5", path="/sendMail")
    GraphOutbox(settings(graph), sleep=sleeps).send(acknowledgement())
    assert sleeps == [5.0] and len(graph.sent) == 1


def test_send_still_throttled_is_transient(graph: FakeGraph, sleeps: Sleeps) -> None:
    graph.throttle(5, status=503, retry_after="1", path="/sendMail")
    with pytest.raises(TransientSendError, match="HTTP 503") as failure:
        GraphOutbox(settings(graph, retries=1), sleep=sleeps).send(acknowledgement())
    assert not isinstance(failure.value, UncertainSendError) and graph.sent == []


def test_send_refused_for_the_message_is_permanent(graph: FakeGraph, sleeps: Sleeps) -> None:
    graph.fail(400, "ErrorInvalidRecipients", path="/sendMail")
    with pytest.raises(PermanentSendError, match="ErrorInvalidRecipients"):
        GraphOutbox(settings(graph), sleep=sleeps).send(acknowledgement())
    graph.fail(403, "ErrorAccessDenied", path="/sendMail")  # RBAC scope: fix config, retry later
    with pytest.raises(TransientSendError, match="ErrorAccessDenied"):
        GraphOutbox(settings(graph), sleep=sleeps).send(acknowledgement())


def test_a_connection_cut_while_sending_is_uncertain_and_not_repeated(graph: FakeGraph,
                                                                      sleeps: Sleeps) -> None:
    graph.drop(1, path="/sendMail")
    outbox = GraphOutbox(settings(graph), sleep=sleeps)
    with pytest.raises(UncertainSendError, match="check Sent Items"):
        outbox.send(acknowledgement())
    assert sum(1 for m, p in graph.requests if m == "POST" and p.endswith("/sendMail")) == 1
    assert outbox.already_sent("<ack-1@cellectar.example>") is True


def test_send_body_is_base64_text_plain(graph: FakeGraph, sleeps: Sleeps) -> None:
    GraphOutbox(settings(graph), sleep=sleeps).send(acknowledgement())
    [raw] = graph.sent
    assert raw == acknowledgement().as_bytes(policy=default_policy.clone(linesep="\r\n"))
    assert base64.b64encode(raw)  # what went over the wire (the fake decoded it)


# -- settings ---------------------------------------------------------------------


def test_settings_problems_name_their_keys() -> None:
    with pytest.raises(ValueError) as failure:
        GraphSettings(tenant_id="", client_id="c", user="clinical@example.com",
                      base_url="http://graph.example/v1.0", page_size=0, folder="Inbox/EA")
    text = str(failure.value)
    for expected in ("graph.tenant_id is empty", "set exactly one of graph.client_secret_env",
                     "graph.base_url must be an https:// URL", "graph.page_size",
                     "graph.folder must be a well-known folder"):
        assert expected in text
    with pytest.raises(ValueError, match=re.escape("graph.certificate_thumbprint is required")):
        GraphSettings(tenant_id="t", client_id="c", user="u@example.com", certificate_path="/k.pem")
    ok = GraphSettings(tenant_id="t", client_id="c", user="u@example.com", client_secret_env="S")
    assert ok.problems() == [] and ok.scope == "https://graph.microsoft.com/.default"


def test_links_outside_the_graph_origin_are_refused(graph: FakeGraph, sleeps: Sleeps) -> None:
    cursor = DictCursor()
    cursor.set("graph:inbox:delta_link", "https://evil.example/v1.0/users/x/delta?$deltatoken=a")
    with pytest.raises(MailboxError, match="refusing a link outside"):
        list(mailbox(graph, sleeps).poll(cursor))


# -- end to end with the example mail ---------------------------------------------


def test_examples_end_to_end_match_the_maildir_run(tmp_path: Path, graph: FakeGraph,
                                                   sleeps: Sleeps) -> None:
    box, out = mailbox(graph, sleeps, page_size=4), GraphOutbox(settings(graph), sleep=sleeps)
    assert_examples_like_maildir(tmp_path, "graph-run", graph, box, out,
                                 lose_read_position=graph.lose_sync_state)
