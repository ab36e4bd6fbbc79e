"""Header values: decoded once, guarded, sanitised; addresses and ids.  [pure]

Values come from the raw strings (``raw_items()``); ``policy.default``'s
header registry is used where it adds something (encoded-words, address
lists that are not trivially simple), every call guarded, with a lenient
fallback and a defect when it raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses

from bot.parsing.charsets import _decode_words, _legacy, _odd_word_charsets
from bot.parsing.limits import (
    _MAX_HEADERS_SCANNED,
    _MAX_ID_CHARS,
    _MAX_NAME_CHARS,
    _RAW_HEADER_CAP,
    _RAW_ID_CAP,
    _STRUCTURED_CAP,
    MAX_HEADER_CHARS,
    MAX_HEADERS,
    MAX_SUBJECT_CHARS,
)
from bot.parsing.sanitise import _cap, _clean, _Defects, _snippet

_ID_RE = re.compile("<[^<>\\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+>")

# Simple mailboxes that need no structured parser: `addr`, `Name <addr>`,
# `"Name" <addr>` (ASCII, no encoded-words, no comments, no groups). The
# patterns are written so that they cannot backtrack.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+"
_ADDR_SPEC = _ATEXT + r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_SIMPLE_MAILBOX_RE = re.compile(
    rf'(?:"(?P<quoted>[^"\\]*)" ?|(?P<plain>{_ATEXT}(?: {_ATEXT})*) )?<(?P<angle>{_ADDR_SPEC})>'
    rf"|(?P<bare>{_ADDR_SPEC})"
)

_LIST_ITEM_RE = re.compile(r'(?:"[^"\\]*"|[^",])+')

# One mailbox whose display name is one encoded-word (`=?utf-8?q?Dr=2E_M=C3=BCller?= <a@b>`),
# the commonest From of non-English mail: decoded without the structured parser, to the same
# name and display (tests/test_parsing.py compares the two on every fixture)
_WORD = r"=\?[A-Za-z0-9_.:\-]+\?[QqBb]\?[^?\s]*\?="
_ENCODED_MAILBOX_RE = re.compile(rf"(?P<words>{_WORD}) ?<(?P<angle>{_ADDR_SPEC})>")

_ADDRESS_HEADERS = frozenset(
    {
        "from", "to", "cc", "bcc", "reply-to", "sender",
        "resent-from", "resent-to", "resent-cc", "resent-bcc", "resent-sender",
    }
)  # fmt: skip
_FIRST_ONLY = frozenset({"subject", "date", "message-id", "from", "in-reply-to", "references"})
_RECIPIENT_HEADERS = frozenset({"to", "cc"})
_MAX_RECIPIENT_HEADERS = 20


@dataclass(frozen=True)
class _Addresses:
    pairs: tuple[tuple[str, str], ...]  # (display name, address) as parsed
    display: str  # the header value to show


class _HeaderReader:
    """Decodes raw header values once, guarding every policy.default call."""

    def __init__(self, defects: _Defects) -> None:
        self._defects = defects
        self._prepared: dict[str, str] = {}
        self._texts: dict[tuple[str, str], str] = {}
        self._addresses: dict[tuple[str, str], _Addresses] = {}

    def prepare(self, name: str, value: str, cap: int = _RAW_HEADER_CAP) -> str:
        """Capped raw value with raw 8-bit bytes decoded (UTF-8, else cp1252)."""
        value = value[:cap]
        if value.isascii():
            return value
        cached = self._prepared.get(value)
        if cached is not None:
            return cached
        result = value
        try:
            data = value.encode("ascii", "surrogateescape")
        except UnicodeEncodeError:
            pass  # not from bytes; nothing to undo
        else:
            try:
                result = data.decode("utf-8")
            except UnicodeDecodeError:
                result, charset = _legacy(data)
                self._defects.add(f"header {name}: 8-bit bytes not utf-8, decoded as {charset}")
        self._prepared[value] = result
        return result

    def text(self, lname: str, name: str, value: str) -> str:
        """The sanitised, decoded, capped value of one header."""
        key = (lname, value)
        cached = self._texts.get(key)
        if cached is not None:
            return cached
        cap = MAX_SUBJECT_CHARS if lname == "subject" else MAX_HEADER_CHARS
        if lname in _ADDRESS_HEADERS:
            result = _clean(self.addresses(lname, name, value).display, cap)
        else:
            flat = _clean(self.prepare(name, value), _RAW_HEADER_CAP)
            # Decoding can mint new control characters (=0D=0A): clean again.
            result = (
                _clean(self._unstructured(name, flat), cap) if "=?" in flat else _cap(flat, cap)
            )
        self._texts[key] = result
        return result

    def words(self, name: str, value: str) -> str:
        """Lenient RFC 2047 decoding, with charset trouble noted as defects."""
        notes: list[str] = []
        text = _decode_words(value, notes)
        for note in notes:
            self._defects.add(f"header {name}: {note}")
        return text

    def _unstructured(self, name: str, value: str) -> str:
        if "=?" not in value:
            return value
        if _odd_word_charsets(value):
            return self.words(name, value)
        try:
            return str(policy.default.header_fetch_parse("X-Eabot-Unstructured", value))
        except Exception:
            self._defects.add(f"header {name} unparseable: {_snippet(value)}")
            return self.words(name, value)

    def addresses(self, lname: str, name: str, value: str) -> _Addresses:
        key = (lname, value)
        cached = self._addresses.get(key)
        if cached is None:
            cached = self._parse_addresses(lname, name, value)
            self._addresses[key] = cached
        return cached

    def _parse_addresses(self, lname: str, name: str, value: str) -> _Addresses:
        flat = _clean(self.prepare(name, value), _RAW_HEADER_CAP)
        if "=?" not in flat:
            simple = _simple_addresses(flat)
            if simple is not None:
                return _Addresses(simple, flat)
        elif (encoded := _ENCODED_MAILBOX_RE.fullmatch(flat.strip())) is not None \
                and not _odd_word_charsets(flat):
            mailbox = _encoded_mailbox(encoded["words"], encoded["angle"])
            if mailbox is not None:
                return mailbox
        if len(flat) <= _STRUCTURED_CAP and not _odd_word_charsets(flat):
            try:
                header = policy.default.header_fetch_parse(lname, flat)
                pairs = tuple((str(a.display_name), str(a.addr_spec)) for a in header.addresses)
                return _Addresses(pairs, str(header))
            except Exception:
                self._defects.add(f"header {name} unparseable: {_snippet(flat)}")
        try:
            found = getaddresses([flat])
        except Exception:
            self._defects.add(f"header {name}: no addresses readable")
            return _Addresses((), self.words(name, flat))
        pairs = tuple((self.words(name, n), a) for n, a in found if n or a)
        shown = [f'"{_quote(n)}" <{a}>' if n else a for n, a in pairs]
        return _Addresses(pairs, ", ".join(shown))


def _encoded_mailbox(words: str, address: str) -> _Addresses | None:
    """``words <address>`` decoded as the structured parser would; None when the
    decoded name is one it treats differently (quotes, brackets, control characters)."""
    try:
        parts = decode_header(words)
        name = "".join(b.decode(c or "ascii") if isinstance(b, bytes) else b for b, c in parts)
    except (LookupError, UnicodeDecodeError, ValueError, HeaderParseError):
        return None
    if not name or not _PLAIN_NAME_RE.fullmatch(name):
        return None
    shown = f'"{name}" <{address}>' if _NEEDS_QUOTES_RE.search(name) else f"{name} <{address}>"
    return _Addresses(((name, address),), shown)


_PLAIN_NAME_RE = re.compile(r"[^\x00-\x1f\x7f-\x9f\"\\<>()\[\]\u2028\u2029]*\S")
_NEEDS_QUOTES_RE = re.compile(r"[.,:;@]")


def _quote(name: str) -> str:
    return name.replace("\\", "\\\\").replace('"', '\\"')


def _simple_addresses(flat: str) -> tuple[tuple[str, str], ...] | None:
    """Parse a comma-separated list of simple mailboxes; None if any is not simple."""
    if "\\" in flat or flat.count('"') % 2:
        return None
    pairs: list[tuple[str, str]] = []
    for piece in _LIST_ITEM_RE.findall(flat):  # commas inside quotes do not split
        piece = piece.strip()
        if not piece:
            continue
        match = _SIMPLE_MAILBOX_RE.fullmatch(piece)
        if match is None:
            return None
        if match["bare"] is not None:
            pairs.append(("", match["bare"]))
        else:
            pairs.append((match["quoted"] or match["plain"] or "", match["angle"]))
    return tuple(pairs)


def _read_headers(
    msg: Message, reader: _HeaderReader, defects: _Defects
) -> tuple[list[tuple[str, str]], dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    headers: list[tuple[str, str]] = []
    first: dict[str, tuple[str, str]] = {}
    recipients: list[tuple[str, str, str]] = []
    try:
        items = list(msg.raw_items())
    except Exception:
        defects.add("headers unreadable")
        items = []
    if len(items) > _MAX_HEADERS_SCANNED:
        defects.add(f"{len(items)} headers; only the first {_MAX_HEADERS_SCANNED} were read")
        items = items[:_MAX_HEADERS_SCANNED]
    if len(items) > MAX_HEADERS:
        defects.add(f"{len(items)} headers; only the first {MAX_HEADERS} are kept")
    for index, (raw_name, raw_value) in enumerate(items):
        name = _clean(str(raw_name), _MAX_NAME_CHARS)
        value = raw_value if isinstance(raw_value, str) else str(raw_value)
        lname = name.lower()
        if index < MAX_HEADERS:
            headers.append((lname, reader.text(lname, name, value)))
        if lname in _FIRST_ONLY:
            first.setdefault(lname, (name, value))
        elif lname in _RECIPIENT_HEADERS and len(recipients) < _MAX_RECIPIENT_HEADERS:
            recipients.append((lname, name, value))
    return headers, first, recipients


def _unencoded(value: str) -> str:
    """A msg-id header some mailer wrote as RFC 2047 encoded-words ("=?utf-8?q?=3Cabc=40x?=",
    not allowed there, seen in real mail): decoded, so its ids are found; else as it is."""
    if "=?" not in value:
        return value
    out: list[str] = []
    encoded_before = False
    for token in value.split():  # (only whole tokens: "<a=?x?=b@h>" is an id as it is)
        encoded = token.startswith("=?") and token.endswith("?=")
        text = _decode_words(token, []) if encoded else token
        if encoded and encoded_before:  # the space between two encoded-words is not text
            out[-1] += text
        else:
            out.append(text)
        encoded_before = encoded
    return " ".join(out)


def _message_id(reader: _HeaderReader, item: tuple[str, str] | None) -> str | None:
    if item is None:
        return None
    value = _clean(_unencoded(reader.prepare(*item)), _RAW_HEADER_CAP)
    match = _ID_RE.search(value)
    found = match.group(0) if match else value
    return found[:MAX_HEADER_CHARS] or None


def _ids(reader: _HeaderReader, item: tuple[str, str] | None) -> list[str]:
    if item is None:
        return []
    value = _unencoded(reader.prepare(item[0], item[1], _RAW_ID_CAP))
    found: dict[str, None] = {}
    for match in _ID_RE.finditer(value):
        ident = match.group(0)
        if len(ident) <= _MAX_ID_CHARS:
            found.setdefault(ident, None)
    return list(found)
