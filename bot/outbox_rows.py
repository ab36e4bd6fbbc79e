"""Render a template into an outbox row.  [I/O: store writes; rendering is pure]

The one place where a rendered message becomes a ``pending`` outbox row, for
acknowledgements, notices and alerts alike. The caller owns the transaction.

:func:`compose` writes the text of an outbound message directly: exactly what
``build_message(...).as_string()`` gives (same headers and folding, same
transfer encodings, the boundary from the same random draw), without building
an EmailMessage, which costs header objects for every header and, for 8-bit
text, two deep copies in the generator. A header value the stdlib writes
unchanged (plain ASCII of a known kind that fits on a line) is written as it
is; any other value goes through the stdlib's own header classes and folding.
A text part is encoded as ``set_content`` encodes it; 8-bit text then as the
generator re-encodes it (base64). tests/test_ack_speed_equivalence.py holds
the two to the same text.
"""

from __future__ import annotations

import functools
import random
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email import base64mime
from email.message import EmailMessage
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from bot.replies import (
    OUTBOUND_POLICY,
    Envelope,
    Template,
    TemplateProblem,
    TemplateSet,
    outbound_headers,
    render_html,
    render_text,
)
from bot.store import Store, iso

_MAXLEN = OUTBOUND_POLICY.max_line_length or sys.maxsize
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = rf"{_ATEXT}(?:\.{_ATEXT})*"
_DOMAIN = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_PLAIN = re.compile(r"[!-~]+(?: [!-~]+)*")  # printable ASCII words, single spaces
_ADDR_SPEC = re.compile(rf"{_DOT_ATOM}@{_DOMAIN}")
_MSG_ID = re.compile(rf"<{_DOT_ATOM}@{_DOMAIN}>")
# Headers the registry parses as unstructured text (Subject: unique unstructured).
_UNSTRUCTURED = frozenset({"subject", "in-reply-to", "references", "auto-submitted",
                           "x-auto-response-suppress", "x-eabot-case"})
_BOUNDARY_DIGITS = len(repr(sys.maxsize - 1))  # as email.generator


@dataclass(frozen=True)
class Outgoing:
    """A composed message: its text, and the decoded values of its envelope headers
    (From ... Bcc, by lower-case name) as ``EmailMessage[name]`` would give them."""

    text: str
    headers: Mapping[str, str]

    def __getitem__(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def as_string(self) -> str:
        return self.text


def render(templates: TemplateSet, name: str, context: dict[str, Any], envelope: Envelope,
           now: datetime, auto_submitted: str) -> tuple[Outgoing, Template]:
    """The complete message, or TemplateProblem (caller records it)."""
    template = templates.templates.get(name)
    if template is None:
        raise TemplateProblem(f"template {name!r} is not loaded")
    subject, body = render_text(template, context)
    html = render_html(template, context)
    return compose(subject, body, envelope, now, auto_submitted=auto_submitted,
                   html=html), template


def compose(subject: str, body: str, env: Envelope, now: datetime, auto_reply: bool = True,
            auto_submitted: str = "auto-replied", html: str | None = None) -> Outgoing:
    """The text of ``build_message(subject, body, env, now, ...).as_string()``."""
    top = outbound_headers(subject, env, now, auto_reply, auto_submitted)
    written = [_header(name, value) for name, value in top]
    head = "".join(line for line, _ in written)
    decoded = {name.lower(): value for (name, _), (_, value) in zip(top, written, strict=True)}
    cte, payload = _text_part(body, "plain")
    plain = f'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: {cte}\n'
    if html is None:
        return Outgoing(f"{head}{plain}MIME-Version: 1.0\n\n{payload}", decoded)
    html_cte, html_payload = _text_part(html, "html")
    parts = [f"{plain}\n{payload}",
             f'Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: {html_cte}\n'
             f"MIME-Version: 1.0\n\n{html_payload}"]
    boundary = _boundary("\n".join(parts))
    return Outgoing(f'{head}MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary='
                    f'"{boundary}"\n\n--{boundary}\n{parts[0]}\n--{boundary}\n{parts[1]}\n'
                    f"--{boundary}--\n", decoded)


def _header(name: str, value: str) -> tuple[str, str]:
    """(the header as ``msg[name] = value`` then ``as_string()`` write it, its decoded value)."""
    kind = name.lower()
    if kind == "date":  # the registry re-formats the parsed date
        try:
            value = format_datetime(parsedate_to_datetime(value))
        except (TypeError, ValueError):
            return _stdlib_header(name, value)
        plain = _PLAIN.fullmatch(value) is not None
    elif kind in _UNSTRUCTURED:  # "=?" could start an encoded word
        plain = _PLAIN.fullmatch(value) is not None and "=?" not in value
    elif kind == "to":
        plain = _ADDR_SPEC.fullmatch(value) is not None
    elif kind == "message-id":
        plain = _MSG_ID.fullmatch(value) is not None
    else:
        plain = False
    if plain and len(name) + 2 + len(value) <= _MAXLEN:
        return f"{name}: {value}\n", value
    return _stdlib_header(name, value)


@functools.lru_cache(maxsize=512)
def _stdlib_header(name: str, value: str) -> tuple[str, str]:
    header = OUTBOUND_POLICY.header_store_parse(name, value)[1]
    return OUTBOUND_POLICY.fold(name, header), str(header)


def _text_part(text: str, subtype: str) -> tuple[str, str]:
    """(Content-Transfer-Encoding, payload) of a utf-8 text part, as written."""
    lines = text.encode("utf-8").splitlines()
    if max(map(len, lines), default=0) <= _MAXLEN:
        data = b"\n".join(lines) + b"\n"
        if data.isascii():
            return "7bit", data.decode("ascii")
        # set_content makes it 8bit; the generator re-encodes 8-bit text as base64.
        return "base64", base64mime.body_encode(data)
    part = EmailMessage(policy=OUTBOUND_POLICY)  # long lines: quoted-printable or base64
    part.set_content(text, subtype=subtype)
    return str(part["Content-Transfer-Encoding"]), str(part.get_payload())


def _boundary(text: str) -> str:
    """email.generator's multipart boundary: a random token not found in ``text``."""
    boundary = f"{'=' * 15}{random.randrange(sys.maxsize):0{_BOUNDARY_DIGITS}d}=="
    found, counter = boundary, 0
    while f"--{found}" in text and re.search(f"^--{re.escape(found)}(--)?$", text, re.MULTILINE):
        found, counter = f"{boundary}.{counter}", counter + 1
    return found


def enqueue(store: Store, email: EmailMessage | Outgoing, now: datetime, *, kind: str,
            recipient: str, dedupe_key: str, template: Template | None = None,
            case_id: int | None = None, message_row: int | None = None,
            status: str = "pending") -> int:
    """Insert the outbox row (``pending``, or ``held`` until staff release it); returns its id."""
    return store.insert("outbox", {
        "case_id": case_id, "message_row": message_row, "kind": kind, "recipient": recipient,
        "subject": str(email["Subject"]), "message_id": str(email["Message-ID"]),
        "template": template.name if template else None,
        "template_sha256": template.sha256 if template else None,
        "raw": email.as_string(), "status": status, "attempts": 0,
        "next_attempt_at": iso(now), "created_at": iso(now), "dedupe_key": dedupe_key})
