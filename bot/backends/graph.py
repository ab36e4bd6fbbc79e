"""Microsoft Graph mailbox and outbox (httpx + msal, app-only).  [does I/O: network]

For Exchange Online. Settings, tokens and the retry policy (Retry-After,
token refresh) live in :mod:`bot.backends.graph_http`; what this backend
shares with the EWS backend (the page bookkeeping below, keys, send failures)
in :mod:`bot.backends.common`.

Reading uses a delta query on the folder
(``/users/{user}/mailFolders/{folder}/messages/delta`` with ``$select=id,
receivedDateTime,internetMessageId``); each entry's raw MIME is fetched from
``/messages/{id}/$value``; the receipt time is ``receivedDateTime``; the
backend key is ``graph:<folder>:<id>`` (immutable ids are requested, so a
message keeps its id). A *round* runs from the first request (or the saved
deltaLink) over every ``@odata.nextLink`` to the page that carries the new
``@odata.deltaLink``. The cursor holds two links per folder:

* ``graph:<folder>:delta_link``: where the next round starts; written only
  when a round has completed;
* ``graph:<folder>:next_link``: the position inside an unfinished round,
  written after every message of a page has been consumed (and cleared when
  the round completes).

A poll starts at ``next_link`` if set, else at ``delta_link``, else with a
full round. So a crash, a lost connection or an abandoned iteration replays
at most the page it was in, and the rest of the round continues from there;
no message is lost, and the repeats carry the same backend key and
Message-ID, which the store recognises. Messages that changed (read, a
category set) come again in a later round for the same reason and are
recognised the same way; ``@removed`` entries are skipped. When Graph no
longer knows a link (410 Gone, ``syncStateNotFound``, ``resyncRequired``),
both links are cleared and a full round starts: every message of the folder
comes again and the store drops those it has (by backend key, Message-ID or
the hash of the raw bytes). Nothing is deleted, moved or marked read.

Sending posts the message's own MIME, base64-encoded, as ``text/plain`` to
``/users/{user}/sendMail`` (202 Accepted; Exchange keeps the Message-ID and
threading headers and saves a copy to Sent Items). ``already_sent`` filters
Sent Items on ``internetMessageId``.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from functools import partial
from typing import Any
from urllib.parse import quote

from bot.backends.base import Cursor, MailboxError, RawMessage
from bot.backends.common import (
    ExchangeBackend,
    ExchangeMailbox,
    Page,
    Sleep,
    folder_key,
    mime_bytes,
    read_pages,
    send_failure,
)
from bot.backends.graph_http import GraphClient, GraphError, GraphSettings
from bot.store import parse_utc

log = logging.getLogger(__name__)

__all__ = ["GraphMailbox", "GraphOutbox", "GraphSettings"]

SELECT = "id,receivedDateTime,internetMessageId"
IMMUTABLE_IDS = 'IdType="ImmutableId"'


class _OverGraph(ExchangeBackend[GraphSettings, GraphClient]):
    """Keys start with ``graph:``; the connection is a :class:`GraphClient`."""

    scheme = "graph"

    def _connect(self, settings: GraphSettings, sleep: Sleep) -> GraphClient:
        return GraphClient(settings, sleep=sleep)


class GraphMailbox(_OverGraph, ExchangeMailbox[GraphSettings, GraphClient]):
    """The :class:`~bot.backends.base.Mailbox` of one Exchange Online folder via Graph."""

    # -- Mailbox protocol (poll, poll_sent, key_prefix, close: ExchangeMailbox) ----

    def count(self) -> int | None:
        folder = self.settings.folder
        try:
            response = self._connection.request(
                "GET", self._connection.user_url(f"/mailFolders/{folder}"),
                action=f"counting {folder}", params={"$select": "totalItemCount"})
        except GraphError as exc:
            raise MailboxError(str(exc)) from exc
        value = response.json().get("totalItemCount")
        return None if value is None else int(value)

    def mark_handled(self, message: RawMessage) -> None:
        """Add ``category_on_handled`` to the message (cosmetic: failures are only logged)."""
        target = self._to_mark(message)
        if target is None:
            return
        category, message_id = target
        url = self._connection.user_url(f"/messages/{_quote(message_id)}")
        try:
            current = self._connection.request("GET", url, action="reading categories",
                                               params={"$select": "categories"},
                                               headers={"Prefer": IMMUTABLE_IDS})
            categories = list(current.json().get("categories") or [])
            if category not in categories:
                self._connection.request("PATCH", url, action="setting a category",
                                         json={"categories": [*categories, category]},
                                         headers={"Prefer": IMMUTABLE_IDS})
        except GraphError as exc:
            log.warning("%s: could not set category %r on a handled message: %s",
                        self.name, category, exc)

    def fetch(self, backend_key: str) -> RawMessage | None:
        """One message by key (``graph:<folder>:<immutable id>``); None when it is gone."""
        parts = self._split_key(backend_key)
        if parts is None:
            return None
        folder, message_id = parts
        try:
            entry = self._connection.request(
                "GET", self._connection.user_url(f"/messages/{_quote(message_id)}"),
                action=f"reading a message of {folder}", headers={"Prefer": IMMUTABLE_IDS},
                params={"$select": "id,receivedDateTime"}).json()
        except GraphError as exc:
            if exc.status == 404:
                return None
            raise MailboxError(str(exc)) from exc
        except ValueError as exc:
            raise MailboxError(f"Graph sent a message of {folder} that is not JSON") from exc
        return self._download(folder, {**entry, "id": message_id})

    # -- the delta rounds -----------------------------------------------------

    def _read_new(self, cursor: Cursor, folder: str) -> Iterator[RawMessage]:
        next_key = folder_key(self.scheme, folder, "next_link")
        delta_key = folder_key(self.scheme, folder, "delta_link")
        yield from read_pages(
            cursor, cursor.get(next_key) or cursor.get(delta_key) or None,
            partial(self._round_page, folder, next_key, delta_key),
            errors=GraphError, forget=(next_key, delta_key),
            lost=lambda exc, url: exc.lost_sync_state and url is not None,
            on_lost=lambda exc: log.warning(
                "%s: Graph no longer knows the delta position of %s (%s); reading the whole "
                "folder again (the store drops what it already has)",
                self.name, folder, exc.code or exc.status))

    def _round_page(self, folder: str, next_key: str, delta_key: str, url: str | None) -> Page:
        """One delta page: inside a round it saves ``next_link``; the last one the
        ``delta_link`` for the next round (and clears ``next_link``)."""
        page = self._page(folder, url)
        messages = self._messages(folder, page)
        next_link, delta_link = page.get("@odata.nextLink"), page.get("@odata.deltaLink")
        if next_link:
            return Page(messages, save={next_key: str(next_link)}, next=str(next_link))
        save = {delta_key: str(delta_link)} if delta_link else {}
        return Page(messages, save={**save, next_key: ""}, next=None)

    def _page(self, folder: str, url: str | None) -> dict[str, Any]:
        headers = {"Prefer": f"odata.maxpagesize={self.settings.page_size}, {IMMUTABLE_IDS}"}
        params = None
        if url is None:
            url = self._connection.user_url(f"/mailFolders/{folder}/messages/delta")
            params = {"$select": SELECT}
        response = self._connection.request("GET", url, action=f"reading changes of {folder}",
                                            params=params, headers=headers)
        try:
            page = response.json()
        except ValueError as exc:
            raise GraphError(f"Graph sent a delta page of {folder} that is not JSON",
                             status=response.status_code) from exc
        if not isinstance(page, dict):
            raise GraphError(f"Graph sent an unexpected delta page of {folder}",
                             status=response.status_code)
        return page

    def _messages(self, folder: str, page: dict[str, Any]) -> Iterator[RawMessage]:
        for entry in page.get("value", []):
            if "@removed" in entry or not entry.get("id"):
                continue
            message = self._download(folder, entry)
            if message is not None:
                yield message

    def _download(self, folder: str, entry: dict[str, Any]) -> RawMessage | None:
        message_id = str(entry["id"])
        try:
            response = self._connection.request(
                "GET", self._connection.user_url(f"/messages/{_quote(message_id)}/$value"),
                action=f"downloading a message of {folder}", headers={"Prefer": IMMUTABLE_IDS})
        except GraphError as exc:
            if exc.status == 404:
                return None  # deleted or moved away since the delta page: nothing to report
            raise MailboxError(str(exc)) from exc
        received = parse_utc(entry.get("receivedDateTime"))
        if received is None:
            log.warning("%s: message %s of %s has no receivedDateTime; using now",
                        self.name, message_id, folder)
            received = datetime.now(UTC)
        return RawMessage(backend_key=folder_key(self.scheme, folder, message_id),
                          raw=response.content, received_at=received, folder=folder)


class GraphOutbox(_OverGraph):
    """The :class:`~bot.backends.base.Outbox` of one Exchange Online mailbox via Graph."""

    def send(self, message: EmailMessage) -> None:
        """POST sendMail with the base64 MIME; throttling is waited for, never resent blindly."""
        raw = mime_bytes(message)
        try:
            self._connection.request(
                "POST", self._connection.user_url("/sendMail"), action="sending a message",
                content=base64.b64encode(raw), headers={"Content-Type": "text/plain"},
                idempotent=False)
        except GraphError as exc:
            permanent = exc.status is not None and 400 <= exc.status < 500 and exc.status not in (
                401, 403, 404, 408, 409, 429)
            raise send_failure(exc, maybe_done=exc.maybe_done, permanent=permanent) from exc

    def already_sent(self, message_id: str) -> bool | None:
        """Whether Sent Items holds the Message-ID; None when Graph cannot be asked."""
        wanted = message_id.strip().replace("'", "''")
        folder = self.settings.sent_items
        try:
            response = self._connection.request(
                "GET", self._connection.user_url(f"/mailFolders/{folder}/messages"),
                action=f"searching {folder}",
                params={"$filter": f"internetMessageId eq '{wanted}'", "$select": "id", "$top": "1"})
            return bool(response.json().get("value"))
        except (GraphError, ValueError, AttributeError) as exc:
            log.warning("%s: cannot check %s for %s: %s", self.name, folder, message_id.strip(), exc)
            return None


def _quote(message_id: str) -> str:
    return quote(message_id, safe="=-_")
