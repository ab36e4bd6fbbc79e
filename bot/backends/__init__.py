"""Backend factory: config → Mailbox / Outbox objects.  [I/O at use]"""

from __future__ import annotations

from bot.backends.base import BackendError, Mailbox, Outbox
from bot.backends.maildir import MaildirMailbox, MaildirOutbox
from bot.config import Config


def make_mailbox(cfg: Config) -> Mailbox:
    kind = cfg.mailbox.get("backend", "maildir")
    if kind == "maildir":
        sent = cfg.mailbox.get("sent_path")
        return MaildirMailbox(cfg.base_dir / cfg.mailbox["path"],
                              cfg.base_dir / sent if sent else None)
    raise BackendError(f"mailbox backend {kind!r} is not available in this build")


def make_outbox(cfg: Config) -> Outbox:
    kind = cfg.outbox.get("backend", "maildir")
    if kind == "maildir":
        return MaildirOutbox(cfg.base_dir / cfg.outbox["path"])
    raise BackendError(f"outbox backend {kind!r} is not available in this build")
