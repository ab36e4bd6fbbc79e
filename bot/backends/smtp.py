"""SMTP outbox backend (smtplib), one connection per flush.  [does I/O: network]

The dialogue is driven step by step (EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA)
rather than through ``sendmail()`` so that every failure can be placed:

* anything that goes wrong before the final ``.`` of DATA has been sent means
  the server cannot have accepted the message: 4xx, hang-ups and timeouts are
  :class:`TransientSendError`, 5xx is :class:`PermanentSendError`;
* a timeout or hang-up while waiting for the reply to the final ``.`` is
  :class:`UncertainSendError`: the server may have queued it (sending again
  blindly is how freescout#5457 duplicated replies).

Connecting, STARTTLS and login failures are transient whatever their code:
they are about the configuration or the server, not about the message.

One connection (and one login) serves the messages of a flush: after a
message is accepted the connection is kept (the session is back in its
initial state, RFC 5321 §3.3), and the next message starts with MAIL FROM; a
kept connection that does not answer that with 250 (the server timed it out,
restarted, said 421) is replaced by a new one, and the message starts again
there. After any other failure the connection is dropped.
:meth:`SmtpOutbox.close` (the end of every cycle) hangs up.
"""

from __future__ import annotations

import copy
import logging
import re
import smtplib
from dataclasses import dataclass
from email import message_from_string
from email.message import EmailMessage
from email.parser import HeaderParser
from email.policy import compat32
from email.utils import getaddresses, parseaddr
from typing import ClassVar

from bot.backends.base import (
    MailboxError,
    PermanentSendError,
    TransientSendError,
    UncertainSendError,
)
from bot.backends.imap import ImapMailbox
from bot.replies import OUTBOUND_POLICY
from bot.secrets import Credentials, SecretError, ServerSettings

log = logging.getLogger(__name__)

_LINE_ENDS = re.compile(rb"\r\n|\n|\r")
_LONG_LINE = re.compile(r"[^\n]{999}")  # RFC 5321: 998 characters per line at most
_LEADING_DOT = re.compile(rb"(?m)^\.")


@dataclass(frozen=True, kw_only=True)
class SmtpSettings(ServerSettings):
    """One SMTP submission server; see :class:`ServerSettings` for login/TLS.

    ``auth = "none"`` sends without logging in (an internal relay).
    ``envelope_from`` overrides the MAIL FROM address (default: the message's
    Sender, else From). ``helo_name`` is the EHLO name (default: this host's FQDN).
    """

    section: ClassVar[str] = "smtp"
    allowed_auth: ClassVar[tuple[str, ...]] = ("password", "xoauth2", "none")

    envelope_from: str | None = None
    helo_name: str | None = None

    @property
    def effective_port(self) -> int:
        return self.port or {"tls": 465, "starttls": 587}.get(self.security, 25)


class SmtpRejectedError(PermanentSendError):
    """The server refused the message with a 5xx reply."""

    def __init__(self, code: int, text: str, stage: str) -> None:
        super().__init__(f"SMTP server refused the message at {stage}: {code} {text}")
        self.code = code
        self.text = text
        self.stage = stage


class SmtpOutbox:
    """The :class:`~bot.backends.base.Outbox` of one SMTP server."""

    def __init__(
        self, settings: SmtpSettings, *, sent_mailbox: ImapMailbox | None = None,
        name: str = "smtp",
    ) -> None:
        self.name = name
        self.settings = settings
        self._sent_mailbox = sent_mailbox
        self._credentials = Credentials(settings)
        self._kept: smtplib.SMTP | None = None  # the connection of the last accepted message
        self.connections = 0  # made so far (one per flush when all goes well)
        if settings.danger_skip_tls_verify:
            log.warning("%s: TLS certificate verification is OFF for %s", name, settings.host)

    def send(self, message: EmailMessage) -> None:
        sender, recipients, data = self._envelope(message)
        self._deliver(sender, recipients, data)

    def _deliver(self, sender: str, recipients: list[str], data: bytes) -> None:
        smtp, self._kept = self._kept, None
        mail_done = False
        if smtp is not None:  # a kept connection must take MAIL FROM, else start afresh
            mail_done = _mail(smtp, sender, data)
            if not mail_done:
                _hang_up(smtp)
                smtp = None
        if smtp is None:
            smtp = self._connect()
        try:
            self._transaction(smtp, sender, recipients, data, mail_done=mail_done)
        except BaseException:
            _hang_up(smtp)
            raise
        self._kept = smtp

    # bot.sending: a message send_raw() returned from is with the server already, so
    # its row is marked sent at once (no batch waiting for sync()).
    batch_sync = False

    def send_raw(self, raw: str, message_id: str) -> None:
        """Send an outbox row's stored text as it is (what the log holds is what goes).

        Text that is not plain ASCII with lines SMTP allows, or that carries a
        Bcc header (which must not be transmitted), goes the general way:
        parsed and serialised by :meth:`send`.
        """
        head, _, _body = raw.partition("\n\n")
        headers = HeaderParser(policy=compat32).parsestr(head + "\n\n", headersonly=True)
        if "Bcc" in headers or not raw.isascii() or _LONG_LINE.search(raw):
            self.send(message_from_string(raw, policy=OUTBOUND_POLICY))
            return
        fields = [str(v) for key in ("To", "Cc") for v in headers.get_all(key, [])]
        recipients = list(dict.fromkeys(a for _, a in getaddresses(fields) if a))
        sender = self.settings.envelope_from or parseaddr(
            str(headers.get("Sender") or headers.get("From") or ""))[1]
        self._deliver(self._checked(sender, recipients), recipients, raw.encode("ascii"))

    def sync(self) -> None:
        """Nothing to do: an accepted message is the server's."""

    def already_sent(self, message_id: str) -> bool | None:
        """Look for the Message-ID in the IMAP Sent folder; None when we cannot tell."""
        if self._sent_mailbox is None:
            return None
        try:
            return self._sent_mailbox.has_message_id(message_id)
        except MailboxError as exc:
            log.warning("%s: cannot check Sent for %s: %s", self.name, message_id, exc)
            return None

    def close(self) -> None:
        """Hang up the kept SMTP connection and release the Sent-folder one."""
        smtp, self._kept = self._kept, None
        if smtp is not None:
            _hang_up(smtp)
        if self._sent_mailbox is not None:
            self._sent_mailbox.close()

    # -- steps ---------------------------------------------------------------

    def _envelope(self, message: EmailMessage) -> tuple[str, list[str], bytes]:
        try:
            fields = [str(v) for key in ("To", "Cc", "Bcc") for v in message.get_all(key, [])]
            recipients = list(dict.fromkeys(a for _, a in getaddresses(fields) if a))
            sender = self.settings.envelope_from or parseaddr(
                str(message.get("Sender") or message.get("From") or "")
            )[1]
            if "Bcc" in message:
                message = copy.deepcopy(message)
                del message["Bcc"]
            data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        except Exception as exc:  # header parsing/serialising of a malformed message
            raise PermanentSendError(f"message cannot be serialised for SMTP: {exc}") from exc
        return self._checked(sender, recipients), recipients, data

    @staticmethod
    def _checked(sender: str, recipients: list[str]) -> str:
        if not recipients:
            raise PermanentSendError("message has no recipients in To, Cc or Bcc")
        if not sender:
            raise PermanentSendError("no envelope sender: set smtp.envelope_from or a From header")
        if not all(address.isascii() for address in [sender, *recipients]):
            raise PermanentSendError("non-ASCII addresses need SMTPUTF8, which is not supported")
        return sender

    def _connect(self) -> smtplib.SMTP:
        """Connect, secure and log in; every failure here is transient."""
        s = self.settings
        where = f"SMTP {s.host}:{s.effective_port}"
        smtp: smtplib.SMTP | None = None
        try:
            if s.security == "tls":
                smtp = smtplib.SMTP_SSL(
                    s.host, s.effective_port, local_hostname=s.helo_name,
                    timeout=s.timeout, context=s.ssl_context(),
                )
            else:
                smtp = smtplib.SMTP(
                    s.host, s.effective_port, local_hostname=s.helo_name, timeout=s.timeout
                )
            smtp.ehlo()
            if s.security == "starttls":
                smtp.starttls(context=s.ssl_context())
                smtp.ehlo()
            if s.auth == "password":
                smtp.login(str(s.username), self._credentials.secret())
            elif s.auth == "xoauth2":
                initial = f"user={s.username}\x01auth=Bearer {self._credentials.secret()}\x01\x01"
                # A 334 challenge after the initial response carries an error: answer empty.
                smtp.auth("XOAUTH2", lambda challenge=None: initial if challenge is None else "")
        except (smtplib.SMTPException, OSError, SecretError) as exc:
            if smtp is not None:
                _hang_up(smtp)
            raise TransientSendError(
                f"{where}: cannot connect or log in: {_describe(exc)}"
            ) from exc
        self.connections += 1
        return smtp

    def _transaction(
        self, smtp: smtplib.SMTP, sender: str, recipients: list[str], data: bytes, *,
        mail_done: bool = False,
    ) -> None:
        where = f"SMTP {self.settings.host}:{self.settings.effective_port}"
        try:
            if not mail_done:
                _expect(smtp.mail(sender, _options(smtp, data)), "MAIL FROM", 250)
            for rcpt in recipients:
                _expect(smtp.rcpt(rcpt), f"RCPT TO <{rcpt}>", 250, 251)
            smtp.putcmd("data")
            _expect(smtp.getreply(), "DATA", 354)
            body = _LEADING_DOT.sub(b"..", _LINE_ENDS.sub(b"\r\n", data))
            smtp.send(body + (b"" if body.endswith(b"\r\n") else b"\r\n") + b".\r\n")
        except (smtplib.SMTPException, OSError) as exc:
            raise TransientSendError(
                f"{where}: failed before the message was complete: {_describe(exc)}"
            ) from exc
        try:
            reply = smtp.getreply()
        except (smtplib.SMTPException, OSError) as exc:
            raise UncertainSendError(
                f"{where}: no reply after the end of DATA ({_describe(exc)}); the server may "
                "have accepted the message, so check Sent before sending it again"
            ) from exc
        _expect(reply, "end of DATA", 250, uncertain=True)


def _expect(reply: tuple[int, bytes], stage: str, *ok: int, uncertain: bool = False) -> None:
    code, raw = reply
    if code in ok:
        return
    text = raw.decode("utf-8", "replace").replace("\n", " ").strip()
    if 500 <= code < 600:
        raise SmtpRejectedError(code, text, stage)
    if 400 <= code < 500:
        raise TransientSendError(f"SMTP server deferred the message at {stage}: {code} {text}")
    error = UncertainSendError if uncertain else TransientSendError
    raise error(f"unexpected SMTP reply at {stage}: {code} {text}")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SecretError):
        return str(exc)
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _options(smtp: smtplib.SMTP, data: bytes) -> list[str]:
    return ["BODY=8BITMIME"] if not data.isascii() and smtp.has_extn("8bitmime") else []


def _mail(smtp: smtplib.SMTP, sender: str, data: bytes) -> bool:
    """MAIL FROM on a kept connection: whether it took it (250). Anything else (the
    server timed the connection out, restarted, said 421) and nothing of the
    message has been sent: the caller starts again on a new connection."""
    try:
        return smtp.mail(sender, _options(smtp, data))[0] == 250
    except (smtplib.SMTPException, OSError):
        return False


def _hang_up(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
