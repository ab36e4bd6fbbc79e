"""Exchange Web Services mailbox and outbox (exchangelib).  [does I/O: network]

For on-premises Exchange Server (Exchange Online turns EWS off in 2026-27;
use the Graph backend there). Connection, settings and the retry policy live
in :mod:`bot.backends.ews_session`; what this backend shares with the Graph
backend (the page bookkeeping below, keys, send failures) in
:mod:`bot.backends.common`.

Reading is incremental with ``SyncFolderItems`` (the service behind
exchangelib's ``Folder.sync_items``, called one page at a time so that
progress can be saved per page). The cursor key ``ews:<folder>:sync_state``
holds the SyncState *after* the last page whose messages were all consumed;
it is written only after the last message of a page has been yielded and the
caller came back for more, so a crash, a lost connection or an abandoned
iteration replays at most that one page (the store ignores what it already
has: same backend key, same Message-ID). Only ``Create`` changes are read:
mail that arrives or is moved into the folder; updates and deletions are of
no interest. Each message is fetched with ``GetItem`` as its raw
``MimeContent`` plus ``DateTimeReceived`` (the receipt time), ``fetch_size``
at a time. Item ids are stable, so the backend key is
``ews:<folder>:<item id>``. When the server no longer knows the sync state
(``ErrorInvalidSyncStateData``) the folder is read again from the start: the
same messages come again and the store drops them. Nothing is ever deleted,
moved or marked read; ``category_on_handled`` only adds a category.

Sending uses ``CreateItem`` with ``SendAndSaveCopy`` from the message's own
MIME (headers, Message-ID and threading headers exactly as built), so a copy
lands in Sent Items; ``already_sent`` looks for the Message-ID there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from functools import partial
from typing import Any

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
from bot.backends.ews_session import EwsCallError, EwsSession, EwsSettings

log = logging.getLogger(__name__)

__all__ = ["EwsMailbox", "EwsOutbox", "EwsSettings"]

# Refusals that are about this message: sending it again cannot help.
_PERMANENT = {"ErrorInvalidRecipients", "ErrorMessageSizeExceeded", "ErrorInvalidSmtpAddress",
              "ErrorMimeContentConversionFailed", "ErrorMimeContentInvalid", "ErrorSendAsDenied",
              "ErrorInvalidRecipientSubfilter", "ErrorItemSave"}


class _OverEws(ExchangeBackend[EwsSettings, EwsSession]):
    """Keys start with ``ews:``; the connection is an :class:`EwsSession`."""

    scheme = "ews"

    def _connect(self, settings: EwsSettings, sleep: Sleep) -> EwsSession:
        return EwsSession(settings, sleep=sleep)


class EwsMailbox(_OverEws, ExchangeMailbox[EwsSettings, EwsSession]):
    """The :class:`~bot.backends.base.Mailbox` of one Exchange folder over EWS."""

    # -- Mailbox protocol (poll, poll_sent, key_prefix, close: ExchangeMailbox) ----

    def count(self) -> int | None:
        name = self.settings.folder
        folder = self._call(f"counting {name}", lambda: self._connection.folder(name).refresh())
        return None if folder.total_count is None else int(folder.total_count)

    def mark_handled(self, message: RawMessage) -> None:
        """Add ``category_on_handled`` to the item (cosmetic: failures are only logged)."""
        target = self._to_mark(message)
        if target is None:
            return
        category, item_id = target
        try:
            self._connection.call("setting a category", lambda: self._add_category(item_id, category))
        except EwsCallError as exc:
            log.warning("%s: could not set category %r on a handled message: %s",
                        self.name, category, exc)

    def fetch(self, backend_key: str) -> RawMessage | None:
        """One message by key (``ews:<folder>:<item id>``); None when the item is gone."""
        parts = self._split_key(backend_key)
        if parts is None:
            return None
        folder, item_id = parts
        found = self._call(f"reading {folder}", partial(self._fetch, folder, [(item_id, None)]))
        return found[0] if found else None

    # -- the incremental read -------------------------------------------------

    def _read_new(self, cursor: Cursor, name: str) -> Iterator[RawMessage]:
        key = folder_key(self.scheme, name, "sync_state")
        yield from read_pages(
            cursor, cursor.get(key) or None, partial(self._page, name, key),
            errors=EwsCallError, forget=(key,),
            lost=lambda exc, _: exc.code == "ErrorInvalidSyncStateData",
            on_lost=lambda _: log.warning(
                "%s: Exchange no longer knows the sync state of %s; reading the whole folder "
                "again (the store drops what it already has)", self.name, name))

    def _page(self, name: str, key: str, state: str | None) -> Page:
        """One SyncFolderItems page; its messages are fetched ``fetch_size`` at a time."""
        ids, new_state, complete = self._connection.call(
            f"syncing {name}", partial(self._sync_page, name, state))
        return Page(messages=self._fetch_all(name, ids),
                    save={key: new_state} if new_state else {},
                    next=None if complete or new_state == state else new_state)

    def _sync_page(self, name: str, state: str | None) -> tuple[list[tuple[str, str]], str, bool]:
        from exchangelib.items import ID_ONLY
        from exchangelib.services import SyncFolderItems

        service = SyncFolderItems(account=self._connection.account())
        changes = list(service.call(
            folder=self._connection.folder(name), shape=ID_ONLY, additional_fields=set(),
            sync_state=state, ignore=None, max_changes_returned=self.settings.batch_size,
            sync_scope=None,
        ))
        ids: list[tuple[str, str]] = []
        for change in changes:
            if isinstance(change, Exception):
                raise change
            kind, item = change
            if kind == SyncFolderItems.CREATE and getattr(item, "id", None):
                ids.append((item.id, item.changekey))
        return ids, str(service.sync_state or ""), bool(service.includes_last_item_in_range)

    def _fetch_all(self, name: str, ids: list[tuple[str, str]]) -> Iterator[RawMessage]:
        size = self.settings.fetch_size
        for start in range(0, len(ids), size):
            chunk = ids[start : start + size]
            yield from self._call(f"reading {name}", partial(self._fetch, name, chunk))

    def _fetch(self, name: str, ids: Sequence[tuple[str, str | None]]) -> list[RawMessage]:
        from exchangelib.errors import ErrorItemNotFound

        account = self._connection.account()
        items = list(account.fetch(ids=ids, folder=self._connection.folder(name),
                                   only_fields=["mime_content", "datetime_received"]))
        out = []
        for (item_id, _), item in zip(ids, items, strict=True):
            if isinstance(item, ErrorItemNotFound):
                continue  # deleted or moved away since the sync: nothing to report
            if isinstance(item, Exception):
                raise item
            if not item.mime_content or item.datetime_received is None:
                log.error("%s: item %s in %s has no MIME content or receipt time; skipped",
                          self.name, item_id, name)
                continue
            out.append(RawMessage(
                backend_key=folder_key(self.scheme, name, item_id), raw=bytes(item.mime_content),
                received_at=datetime.fromtimestamp(item.datetime_received.timestamp(), UTC),
                folder=name,
            ))
        return out

    def _add_category(self, item_id: str, category: str) -> None:
        account = self._connection.account()
        (item,) = account.fetch(ids=[(item_id, None)], only_fields=["categories"])
        if isinstance(item, Exception):
            raise item
        if category not in (item.categories or []):
            item.categories = [*(item.categories or []), category]
            item.save(update_fields=["categories"])

    def _call(self, action: str, fn: Callable[[], Any]) -> Any:
        try:
            return self._connection.call(action, fn)
        except EwsCallError as exc:
            raise MailboxError(str(exc)) from exc


class EwsOutbox(_OverEws):
    """The :class:`~bot.backends.base.Outbox` of one Exchange mailbox over EWS."""

    def send(self, message: EmailMessage) -> None:
        """CreateItem(SendAndSaveCopy) from the MIME; busy servers are waited for."""
        raw = mime_bytes(message)
        try:
            self._connection.call("sending a message", lambda: self._send(raw), idempotent=False)
        except EwsCallError as exc:
            raise send_failure(exc, maybe_done=exc.maybe_done,
                               permanent=exc.code in _PERMANENT) from exc

    def _send(self, raw: bytes) -> None:
        from exchangelib import Message

        account = self._connection.account()
        Message(account=account, folder=self._connection.folder(self.settings.sent_items),
                mime_content=raw).send_and_save()

    def already_sent(self, message_id: str) -> bool | None:
        """Whether Sent Items holds the Message-ID; None when Exchange cannot be asked."""
        wanted, folder = message_id.strip(), self.settings.sent_items
        try:
            return bool(self._connection.call(
                f"searching {folder}",
                lambda: self._connection.folder(folder).filter(message_id=wanted).exists(),
            ))
        except EwsCallError as exc:
            log.warning("%s: cannot check %s for %s: %s", self.name, folder, wanted, exc)
            return None
