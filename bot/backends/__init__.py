"""Backend factory: config → Mailbox / Outbox objects.  [I/O at use]"""

from __future__ import annotations

import logging
from email.message import EmailMessage

from bot.backends.base import BackendError, Mailbox, Outbox
from bot.backends.maildir import MaildirMailbox, MaildirOutbox
from bot.config import Config

log = logging.getLogger(__name__)


def make_mailbox(cfg: Config) -> Mailbox:
    kind = cfg.mailbox.get("backend", "maildir")
    if kind == "maildir":
        sent = cfg.mailbox.get("sent_path")
        return MaildirMailbox(cfg.base_dir / cfg.mailbox["path"],
                              cfg.base_dir / sent if sent else None)
    if kind == "imap":
        from bot.backends.imap import ImapMailbox

        return ImapMailbox(cfg.mailbox_settings)
    if kind == "ews":
        from bot.backends.ews import EwsMailbox

        return EwsMailbox(cfg.mailbox_settings)
    if kind == "graph":
        from bot.backends.graph import GraphMailbox

        return GraphMailbox(cfg.mailbox_settings)
    raise BackendError(f"mailbox backend {kind!r} is not available in this build")


def make_outbox(cfg: Config) -> Outbox:
    kind = cfg.outbox.get("backend", "maildir")
    if kind == "maildir":
        return MaildirOutbox(cfg.base_dir / cfg.outbox["path"])
    if kind == "smtp":
        from bot.backends.imap import ImapMailbox
        from bot.backends.smtp import SmtpOutbox

        sent = None
        if cfg.mailbox.get("backend") == "imap" and cfg.mailbox_settings.sent_folder:
            sent = ImapMailbox(cfg.mailbox_settings, name="imap-sent")
        outbox = SmtpOutbox(cfg.outbox_settings, sent_mailbox=sent)
        if sent is not None and cfg.outbox.get("append_to_sent", False):
            return SentCopyOutbox(outbox, sent)
        return outbox
    if kind == "ews":  # send_and_save: the copy lands in Sent Items by itself
        from bot.backends.ews import EwsOutbox

        return EwsOutbox(cfg.outbox_settings)
    if kind == "graph":  # sendMail saves to Sent Items by itself
        from bot.backends.graph import GraphOutbox

        return GraphOutbox(cfg.outbox_settings)
    raise BackendError(f"outbox backend {kind!r} is not available in this build")


class SentCopyOutbox:
    """Sends through ``inner``, then APPENDs a copy to the IMAP Sent folder so
    staff see what the bot wrote (a failed copy is logged, never fatal)."""

    def __init__(self, inner: Outbox, sent: object):
        self.inner = inner
        self.sent = sent
        self.name = inner.name

    def send(self, message: EmailMessage) -> None:
        self.inner.send(message)
        try:
            self.sent.append_sent(message)  # type: ignore[attr-defined]
        except BackendError as exc:
            log.warning("sent, but could not copy to the Sent folder: %s", exc)

    def already_sent(self, message_id: str) -> bool | None:
        return self.inner.already_sent(message_id)

    def close(self) -> None:
        self.inner.close()
        self.sent.close()  # type: ignore[attr-defined]
