"""Exchange Web Services mailbox and outbox (exchangelib).  [does I/O: network]

For on-premises Exchange Server (Exchange Online turns EWS off in 2026-27;
use the Graph backend there). Connection, settings and the retry policy live
in :mod:`bot.backends.ews_session`.

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
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from functools import partial
from typing import Any

from bot.backends.base import (
    Cursor,
    MailboxError,
    PermanentSendError,
    RawMessage,
    TransientSendError,
    UncertainSendError,
)
from bot.backends.ews_session import EwsCallError, EwsSession, EwsSettings

log = logging.getLogger(__name__)

__all__ = ["EwsMailbox", "EwsOutbox", "EwsSettings"]

# Refusals that are about this message: sending it again cannot help.
_PERMANENT = {"ErrorInvalidRecipients", "ErrorMessageSizeExceeded", "ErrorInvalidSmtpAddress",
              "ErrorMimeContentConversionFailed", "ErrorMimeContentInvalid", "ErrorSendAsDenied",
              "ErrorInvalidRecipientSubfilter", "ErrorItemSave"}


class EwsMailbox:
    """The :class:`~bot.backends.base.Mailbox` of one Exchange folder over EWS."""

    def __init__(self, settings: EwsSettings, *, name: str = "ews",
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.name = name
        self.settings = settings
        self._session = EwsSession(settings, sleep=sleep)

    # -- Mailbox protocol ----------------------------------------------------

    def poll(self, cursor: Cursor) -> Iterator[RawMessage]:
        return self._read_new(cursor, self.settings.folder)

    def poll_sent(self, cursor: Cursor) -> Iterator[RawMessage]:
        if self.settings.sent_folder is None:
            return iter(())
        return self._read_new(cursor, self.settings.sent_folder)

    def key_prefix(self, cursor: Cursor) -> str | None:
        """Backend-key prefix of the inbox folder (for reconciliation)."""
        return f"ews:{self.settings.folder}:"

    def count(self) -> int | None:
        name = self.settings.folder
        folder = self._call(f"counting {name}", lambda: self._session.folder(name).refresh())
        return None if folder.total_count is None else int(folder.total_count)

    def mark_handled(self, message: RawMessage) -> None:
        """Add ``category_on_handled`` to the item (cosmetic: failures are only logged)."""
        category = self.settings.category_on_handled
        prefix = f"ews:{self.settings.folder}:"
        if not category or not message.backend_key.startswith(prefix):
            return
        item_id = message.backend_key[len(prefix):]
        try:
            self._session.call("setting a category", lambda: self._add_category(item_id, category))
        except EwsCallError as exc:
            log.warning("%s: could not set category %r on a handled message: %s",
                        self.name, category, exc)

    def close(self) -> None:
        self._session.close()

    # -- the incremental read -------------------------------------------------

    def _read_new(self, cursor: Cursor, name: str) -> Iterator[RawMessage]:
        key = f"ews:{name}:sync_state"
        state = cursor.get(key) or None
        restarted = False
        while True:
            try:
                ids, new_state, complete = self._session.call(
                    f"syncing {name}", partial(self._sync_page, name, state))
            except EwsCallError as exc:
                if exc.code != "ErrorInvalidSyncStateData" or restarted:
                    raise MailboxError(str(exc)) from exc
                log.warning("%s: Exchange no longer knows the sync state of %s; reading the whole "
                            "folder again (the store drops what it already has)", self.name, name)
                cursor.set(key, "")
                state, restarted = None, True
                continue
            size = self.settings.fetch_size
            for start in range(0, len(ids), size):
                chunk = ids[start : start + size]
                yield from self._call(f"reading {name}", partial(self._fetch, name, chunk))
            if new_state:
                cursor.set(key, new_state)  # every message of the page was consumed
            if complete or new_state == state:
                return
            state = new_state

    def _sync_page(self, name: str, state: str | None) -> tuple[list[tuple[str, str]], str, bool]:
        from exchangelib.items import ID_ONLY
        from exchangelib.services import SyncFolderItems

        service = SyncFolderItems(account=self._session.account())
        changes = list(service.call(
            folder=self._session.folder(name), shape=ID_ONLY, additional_fields=set(),
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

    def _fetch(self, name: str, ids: list[tuple[str, str]]) -> list[RawMessage]:
        from exchangelib.errors import ErrorItemNotFound

        account = self._session.account()
        items = list(account.fetch(ids=ids, folder=self._session.folder(name),
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
                backend_key=f"ews:{name}:{item_id}", raw=bytes(item.mime_content),
                received_at=datetime.fromtimestamp(item.datetime_received.timestamp(), UTC),
                folder=name,
            ))
        return out

    def _add_category(self, item_id: str, category: str) -> None:
        account = self._session.account()
        (item,) = account.fetch(ids=[(item_id, None)], only_fields=["categories"])
        if isinstance(item, Exception):
            raise item
        if category not in (item.categories or []):
            item.categories = [*(item.categories or []), category]
            item.save(update_fields=["categories"])

    def _call(self, action: str, fn: Callable[[], Any]) -> Any:
        try:
            return self._session.call(action, fn)
        except EwsCallError as exc:
            raise MailboxError(str(exc)) from exc


class EwsOutbox:
    """The :class:`~bot.backends.base.Outbox` of one Exchange mailbox over EWS."""

    def __init__(self, settings: EwsSettings, *, name: str = "ews",
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.name = name
        self.settings = settings
        self._session = EwsSession(settings, sleep=sleep)

    @property
    def _sent_folder(self) -> str:
        return self.settings.sent_folder or "sentitems"

    def send(self, message: EmailMessage) -> None:
        """CreateItem(SendAndSaveCopy) from the MIME; busy servers are waited for."""
        try:
            raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        except Exception as exc:  # header serialising of a malformed message
            raise PermanentSendError(f"message cannot be serialised as MIME: {exc}") from exc
        try:
            self._session.call("sending a message", lambda: self._send(raw), idempotent=False)
        except EwsCallError as exc:
            if exc.maybe_done:
                raise UncertainSendError(
                    f"{exc}; Exchange may have accepted the message, so check Sent Items "
                    "before sending it again") from exc
            if exc.code in _PERMANENT:
                raise PermanentSendError(str(exc)) from exc
            raise TransientSendError(str(exc)) from exc

    def _send(self, raw: bytes) -> None:
        from exchangelib import Message

        account = self._session.account()
        Message(account=account, folder=self._session.folder(self._sent_folder),
                mime_content=raw).send_and_save()

    def already_sent(self, message_id: str) -> bool | None:
        """Whether Sent Items holds the Message-ID; None when Exchange cannot be asked."""
        wanted = message_id.strip()
        try:
            return bool(self._session.call(
                f"searching {self._sent_folder}",
                lambda: self._session.folder(self._sent_folder).filter(message_id=wanted).exists(),
            ))
        except EwsCallError as exc:
            log.warning("%s: cannot check %s for %s: %s", self.name, self._sent_folder, wanted, exc)
            return None

    def close(self) -> None:
        self._session.close()
