"""Turn the raw bytes of one inbound message into an :class:`Inbound`.  [pure: no I/O]

This module is pure: no I/O, no logging, no global state. ``parse()`` never
raises for any ``bytes`` input; whatever could not be read cleanly is noted
in ``Inbound.defects`` as a short string.

How it reads a message, and why:

* The MIME *structure* is parsed with ``policy.compat32``. ``policy.default``
  builds a new header object on every header access, and the feed parser
  reads each part's Content-Type that way a dozen times: a 25 KB message
  took four times as long to parse. Its header objects also raise on real
  headers (``Message-ID: <[abc]@outlook.com>``: IndexError), and from
  inside the parser that would lose the whole message.
* Well-formed messages get that same compat32 tree from a faster reader
  (``_fast_structure``: header blocks and boundary lines found with
  ``bytes.find``, payloads sliced, no per-line Python loop, no regex per
  boundary); anything the feed parser would flag as a defect, or split into
  lines differently, goes to the feed parser. benchmarks/parse_equivalence.py
  checks that both give identical results.
* Header *values* come from the raw strings (``raw_items()``) and are decoded
  with ``policy.default``'s header registry where that adds something:
  RFC 2047 encoded-words, and address lists that are not trivially simple.
  Every such call is guarded; when it raises, the value falls back to a
  lenient ``email.header.decode_header`` / ``email.utils.getaddresses``
  reading of the raw string and a defect is recorded.
* Raw 8-bit header bytes are read as UTF-8, else windows-1252. A bare CR in
  the header section is read as a space (the stdlib would start a new
  header there, so ``Subject: Hi<CR>Bcc: x`` would grow a Bcc header).
* Every header-derived string is unfolded, stripped of control characters
  (CR and LF included), bidi overrides and lone surrogates, whitespace is
  collapsed and the value is capped.
* The body is walked iteratively (no recursion, at most ``MAX_PARTS`` parts).
  text/plain parts that are not attachments make ``body_text``; when there
  are none, text/html parts with tags stripped. Attached messages
  (message/rfc822, text/rfc822-headers) and the machine-readable parts of a
  multipart/report contribute attachment names only, never body text.
  Attachment payloads are never decoded.
* Messages with more than ``MAX_NESTING_MARKERS`` MIME nesting markers are
  read headers-only: the stdlib parser's cost grows with depth times lines
  and it recurses (RecursionError near 1,000 levels).
"""

from __future__ import annotations

import codecs
import email
import hashlib
import itertools
import re
from dataclasses import dataclass
from email import policy
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses
from html import unescape
from html.parser import HTMLParser

from bot.model import Inbound

__all__ = [
    "MAX_ADDRESSES",
    "MAX_ATTACHMENT_NAMES",
    "MAX_DEFECTS",
    "MAX_HEADERS",
    "MAX_HEADER_CHARS",
    "MAX_IDS",
    "MAX_NESTING_MARKERS",
    "MAX_PARTS",
    "MAX_SUBJECT_CHARS",
    "parse",
]

MAX_HEADERS = 200  # kept in Inbound.headers
MAX_HEADER_CHARS = 2_000  # per sanitised header value
MAX_SUBJECT_CHARS = 998
MAX_IDS = 50  # per In-Reply-To / References
MAX_ADDRESSES = 100  # in to_addrs
MAX_ATTACHMENT_NAMES = 50
MAX_PARTS = 500  # MIME parts walked
MAX_DEFECTS = 50
MAX_NESTING_MARKERS = 64  # "boundary" / "message/" occurrences before headers-only

_MAX_NAME_CHARS = 255  # header names, attachment file names
_MAX_HEADERS_SCANNED = 10_000
_RAW_HEADER_CAP = 16_000  # chars of a raw header value we look at
_RAW_ID_CAP = 100_000  # chars of In-Reply-To / References we scan for ids
_STRUCTURED_CAP = 4_000  # longer address lists skip policy.default's slow parser
_MAX_ID_CHARS = 998
_DEFECT_CHARS = 300
_SNIPPET_CHARS = 80
_HTML_FACTOR = 5  # read at most this many HTML chars per body char wanted
_HTML_CHUNK = 65_536

# C0, DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates.
_HEADER_CTRL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Same for body text, but tab and LF survive (CR is normalised to LF first).
_BODY_CTRL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ID_RE = re.compile("<[^<>\\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+>")
_EW_CHARSET_RE = re.compile(r"=\?([^?*\s]+)(?:\*[^?\s]*)?\?[bBqQ]\?")
_BARE_CR_RE = re.compile(rb"\r(?!\n)")
_TAG_RE = re.compile(r"<[^<>]*>")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_CHARSET_RE = re.compile(r"""(?i)\bcharset\s*=\s*["']?([^"';\s]+)""")
_FILENAME_RE = re.compile(r"""(?i)\b(?:file)?name\s*=\s*(?:"([^"]*)"|([^";\s]+))""")
_CTYPE_RE = re.compile(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")

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

_ADDRESS_HEADERS = frozenset(
    {
        "from", "to", "cc", "bcc", "reply-to", "sender",
        "resent-from", "resent-to", "resent-cc", "resent-bcc", "resent-sender",
    }
)  # fmt: skip
_FIRST_ONLY = frozenset({"subject", "date", "message-id", "from", "in-reply-to", "references"})
_RECIPIENT_HEADERS = frozenset({"to", "cc"})
_MAX_RECIPIENT_HEADERS = 20

# Labels mail software uses that Python does not know by that name.
_CHARSET_ALIASES = {
    "windows-874": "cp874",
    "x-mac-roman": "mac_roman",
    "x-gbk": "gbk",
    "x-sjis": "shift_jis",
    "x-euc-jp": "euc_jp",
    "iso-8859-8-i": "iso8859_8",
    "iso-8859-6-i": "iso8859_6",
}
# Text codecs that are not character sets.
_REFUSED_CODECS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "undefined", "idna", "punycode"}
)

_HTML_SKIP = frozenset({"script", "style", "title", "template"})
_HTML_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "table", "tr", "ul",
    }
)  # fmt: skip
_HTML_CELL = frozenset({"td", "th"})


# --------------------------------------------------------------------------
# Entry point


def parse(raw: bytes, *, max_body_chars: int = 200_000) -> Inbound:
    """Parse one raw message; never raises (see the module docstring)."""
    data, problem = _as_bytes(raw)
    try:
        limit = max(0, int(max_body_chars))
    except Exception:
        limit = 200_000
    try:
        return _parse(data, limit, problem)
    except Exception as exc:  # last resort: parse() must not raise
        return _bare_inbound(data, exc, problem)


def _as_bytes(raw: object) -> tuple[bytes, str | None]:
    if isinstance(raw, bytes):
        return raw, None
    if isinstance(raw, (bytearray, memoryview)):
        try:
            return bytes(raw), None
        except Exception:
            pass
    return b"", f"input is {type(raw).__name__}, not bytes; parsed as empty"


def _bare_inbound(data: bytes, exc: Exception, problem: str | None) -> Inbound:
    defects = [f"parser failed ({type(exc).__name__}); message not read"]
    if problem:
        defects.insert(0, problem)
    return Inbound(
        message_id=None,
        from_addr="",
        from_name="",
        to_addrs=(),
        subject="",
        date_header="",
        in_reply_to=(),
        references=(),
        headers=(),
        content_type="text/plain",
        body_text="",
        raw_sha256=hashlib.sha256(data).hexdigest(),
        raw_size=len(data),
        defects=tuple(defects),
    )


def _parse(raw: bytes, limit: int, problem: str | None) -> Inbound:
    defects = _Defects()
    if problem:
        defects.add(problem)
    msg, structured = _load(_neutralise_bare_cr(raw, defects), defects)
    reader = _HeaderReader(defects)
    headers, first, recipients = _read_headers(msg, reader, defects)

    from_addr, from_name = "", ""
    if "from" in first:
        pairs = reader.addresses("from", *first["from"]).pairs
        chosen = next((p for p in pairs if _norm_addr(p[1])), pairs[0] if pairs else ("", ""))
        from_name, from_addr = _clean(chosen[0], MAX_SUBJECT_CHARS), _norm_addr(chosen[1])

    to_addrs: list[str] = []
    for lname, name, value in recipients:
        for _, addr in reader.addresses(lname, name, value).pairs:
            norm = _norm_addr(addr)
            if norm and norm not in to_addrs:
                to_addrs.append(norm)
        if len(to_addrs) >= MAX_ADDRESSES:
            del to_addrs[MAX_ADDRESSES:]
            break

    subject = reader.text("subject", *first["subject"]) if "subject" in first else ""
    date_header = reader.text("date", *first["date"]) if "date" in first else ""
    message_id = _message_id(reader, first.get("message-id"))
    in_reply_to = _ids(reader, first.get("in-reply-to"))[:MAX_IDS]
    references = _ids(reader, first.get("references"))
    if len(references) > MAX_IDS:  # keep the thread root and the most recent ids
        references = references[:1] + references[-(MAX_IDS - 1) :]

    content_type = _content_type(msg, defects)
    if structured:
        body_text, names = _walk_body(msg, limit, defects)
    else:
        body_text, names = _unstructured_body(msg, limit, defects), ()

    return Inbound(
        message_id=message_id,
        from_addr=from_addr,
        from_name=from_name,
        to_addrs=tuple(to_addrs),
        subject=subject,
        date_header=date_header,
        in_reply_to=tuple(in_reply_to),
        references=tuple(references),
        headers=tuple(headers),
        content_type=content_type,
        body_text=body_text,
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        raw_size=len(raw),
        attachment_names=names,
        defects=defects.result(),
    )


# --------------------------------------------------------------------------
# Defects and sanitising


class _Defects:
    """Ordered, de-duplicated, capped list of short sanitised strings."""

    def __init__(self) -> None:
        self._items: dict[str, None] = {}
        self._dropped = 0

    def add(self, text: str) -> None:
        item = _clean(text, _DEFECT_CHARS)
        if not item or item in self._items:
            return
        if len(self._items) >= MAX_DEFECTS - 1:
            self._dropped += 1
            return
        self._items[item] = None

    def result(self) -> tuple[str, ...]:
        items = list(self._items)
        if self._dropped:
            items.append(f"{self._dropped} more defects not listed")
        return tuple(items)


def _scrub_surrogates(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE_RE.sub("\ufffd", text)
    return text


def _clean(text: str, cap: int) -> str:
    """One line: no control characters, whitespace collapsed, at most cap chars."""
    if not (text.isascii() and text.isprintable()):
        text = _HEADER_CTRL_RE.sub(" ", _scrub_surrogates(text))
    return _cap(" ".join(text.split()), cap)


def _cap(text: str, cap: int) -> str:
    return text if len(text) <= cap else text[:cap].rstrip()


def _clean_body(text: str) -> str:
    text = _scrub_surrogates(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BODY_CTRL_RE.sub(" ", text)


def _snippet(text: str) -> str:
    text = _clean(text, _SNIPPET_CHARS + 1)
    return text if len(text) <= _SNIPPET_CHARS else text[:_SNIPPET_CHARS] + "…"


def _norm_addr(addr: str) -> str:
    return _clean(addr, MAX_SUBJECT_CHARS).strip("<>").strip().lower()


# --------------------------------------------------------------------------
# Charsets


def _codec(label: str) -> str | None:
    """Python codec name for a MIME charset label, or None when unusable."""
    if not label or len(label) > 64:
        return None
    try:
        info = codecs.lookup(_CHARSET_ALIASES.get(label, label))
    except Exception:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        return None
    return info.name


def _legacy(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _decode_bytes(data: bytes, declared: str | None) -> tuple[str, str | None]:
    """Decode with the declared charset; fall back to UTF-8, then windows-1252.

    Returns the text and a note for ``defects`` (None when the declared
    charset, or ASCII when none was declared, read the bytes cleanly).
    """
    label = (declared or "").strip().strip("\"'").lower()
    codec = _codec(label)
    if codec is not None:
        try:
            if codec == "iso8859-1":  # as browsers do: latin-1 labels mean windows-1252
                return _legacy(data)[0], None
            return data.decode(codec), None
        except Exception:
            problem = f"charset {label} does not match the bytes"
    elif label:
        problem = f"charset {label[:40]} unknown"
    elif data.isascii():
        return data.decode("ascii"), None
    else:
        problem = "8-bit text without a charset"
    try:
        return data.decode("utf-8"), f"{problem}, decoded as utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    if text.replace("\ufffd", "").isascii():
        # Not one valid multi-byte sequence: a legacy 8-bit charset.
        text, name = _legacy(data)
        return text, f"{problem}, decoded as {name}"
    return text, f"{problem}, decoded as utf-8 with replacement"


def _decode_words(value: str, notes: list[str]) -> str:
    """Lenient RFC 2047 decoding (the fallback for policy.default)."""
    try:
        chunks = decode_header(value)
    except Exception:
        return value
    out: list[str] = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            out.append(chunk)
        elif charset is None:
            out.append(chunk.decode("raw-unicode-escape", "replace"))
        else:
            text, note = _decode_bytes(chunk, charset)
            out.append(text)
            if note:
                notes.append(note)
    return "".join(out)


def _odd_word_charsets(value: str) -> bool:
    """Whether an encoded-word names a charset we do not decode with.

    policy.default hands the label straight to ``bytes.decode``: it accepts
    ``unicode-escape`` and friends and reads unknown charsets as ASCII.
    """
    labels = {m.group(1).lower() for m in _EW_CHARSET_RE.finditer(value)}
    return any(_codec(label) is None for label in labels)


# --------------------------------------------------------------------------
# Headers


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


def _message_id(reader: _HeaderReader, item: tuple[str, str] | None) -> str | None:
    if item is None:
        return None
    value = _clean(reader.prepare(*item), _RAW_HEADER_CAP)
    match = _ID_RE.search(value)
    found = match.group(0) if match else value
    return found[:MAX_HEADER_CHARS] or None


def _ids(reader: _HeaderReader, item: tuple[str, str] | None) -> list[str]:
    if item is None:
        return []
    value = reader.prepare(item[0], item[1], _RAW_ID_CAP)
    found: dict[str, None] = {}
    for match in _ID_RE.finditer(value):
        ident = match.group(0)
        if len(ident) <= _MAX_ID_CHARS:
            found.setdefault(ident, None)
    return list(found)


# --------------------------------------------------------------------------
# Structure and body


def _neutralise_bare_cr(raw: bytes, defects: _Defects) -> bytes:
    """Read a CR that is not part of CRLF in the header section as a space.

    The stdlib parser ends a header line at a bare CR, so ``Subject: Hi<CR>Bcc:
    x`` would yield a Bcc header that no MTA saw as one; keep it in the Subject.
    """
    if b"\r" not in raw:
        return raw
    ends = [i for i in (raw.find(b"\n\n"), raw.find(b"\n\r\n")) if i >= 0]
    end = min(ends) + 1 if ends else len(raw)
    head = raw[:end]
    fixed = _BARE_CR_RE.sub(b" ", head)
    if fixed == head:
        return raw
    defects.add("bare CR in the header section, read as a space")
    return fixed + raw[end:]


def _load(raw: bytes, defects: _Defects) -> tuple[Message, bool]:
    """The parsed message, and whether its MIME structure was parsed."""
    lowered = raw.lower()
    markers = lowered.count(b"boundary") + lowered.count(b"message/")
    if markers > MAX_NESTING_MARKERS:
        defects.add(
            f"MIME structure too complex ({markers} nesting markers, over "
            f"{MAX_NESTING_MARKERS}); body read as plain text"
        )
        return _headers_only(raw), False
    try:
        fast = _fast_structure(raw)
    except Exception:  # never expected; the stdlib parser decides
        fast = None
    if fast is not None:
        return fast, True
    try:
        return email.message_from_bytes(raw, policy=policy.compat32), True
    except Exception as exc:  # RecursionError on deep nesting, or worse
        defects.add(f"MIME structure unreadable ({type(exc).__name__}); body read as plain text")
        return _headers_only(raw), False


# The fast structure reader. The stdlib feed parser handles every line of a
# message in Python (base64 attachments included) and compiles a regex per
# MIME boundary; that was two thirds of parse(). _fast_structure() builds the
# same compat32 Message tree for well-formed messages by finding the header
# blocks and the boundary lines with bytes.find, and gives up (None: the feed
# parser reads the message) on anything where the feed parser would note a
# defect or read lines differently: bare CRs, a missing header/body blank
# line, continuation or "From " lines in odd places, a multipart without a
# usable boundary, missing start or close boundaries, adjacent boundary
# lines, a boundary reused by a nested multipart, multipart/digest, too many
# parts. message/* parts are handed to the feed parser on their own bytes.
_HEADER_NAME_RE = re.compile(rb"[\x21-\x39\x3b-\x7e]+:")
_DELIMITER_TAIL_RE = re.compile(rb"(--)?[ \t]*(?:\r?\n)?")
_FAST_MAX_PARTS = 2 * MAX_PARTS


class _Unreadable(Exception):
    """The fast reader cannot vouch for this message; use the feed parser."""


def _fast_structure(raw: bytes) -> Message | None:
    crs = raw.count(b"\r")
    if crs and crs != raw.count(b"\r\n"):
        return None  # bare CRs end lines for the feed parser; leave those to it
    try:
        msg, body = _fast_part(raw, 0, len(raw))
        maintype = msg.get_content_maintype()
        if maintype == "message":
            return None
        if maintype == "multipart":
            _fast_multipart(msg, raw, body, len(raw), (), [0])
        else:
            msg.set_payload(raw[body:].decode("ascii", "surrogateescape"))
    except _Unreadable:
        return None
    return msg


def _fast_part(data: bytes, start: int, end: int) -> tuple[Message, int]:
    """The Message of the header block at data[start:end] and where its body starts."""
    msg = Message()
    fields: list[list[bytes]] = []
    pos = start
    find = data.find
    while True:
        nl = find(b"\n", pos, end)
        if nl < 0:
            raise _Unreadable("no blank line after the headers")
        line = data[pos : nl + 1]
        pos = nl + 1
        if line == b"\r\n" or line == b"\n":
            break
        if line[:1] in (b" ", b"\t"):
            if not fields:
                raise _Unreadable("first header line is a continuation")
            fields[-1].append(line)
        elif line.startswith(b"From ") or _HEADER_NAME_RE.match(line) is None:
            raise _Unreadable("not a header line")
        else:
            fields.append([line])
    for lines in fields:
        text = b"".join(lines).decode("ascii", "surrogateescape")
        name, value = text.split(":", 1)
        msg.set_raw(name, value.lstrip(" \t").rstrip("\r\n"))
    return msg, pos


def _fast_multipart(msg: Message, data: bytes, start: int, end: int,
                    outer: tuple[bytes, ...], count: list[int]) -> None:
    """Attach the parts of the multipart whose body is data[start:end]."""
    boundary = msg.get_boundary()
    if boundary is None or "\r" in boundary or "\n" in boundary:
        raise _Unreadable("no usable boundary")
    if str(msg.get("content-transfer-encoding", "8bit")).lower() not in ("7bit", "8bit", "binary"):
        raise _Unreadable("multipart with a transfer encoding")
    sep = b"--" + boundary.encode("ascii", "surrogateescape")
    if sep in outer:
        raise _Unreadable("boundary reused by a nested multipart")
    if msg.get_content_type() == "multipart/digest":
        raise _Unreadable("multipart/digest: its parts default to message/rfc822")
    delimiters = _delimiters(data, sep, start, end)
    if not delimiters or delimiters[0][2]:
        raise _Unreadable("no start boundary")
    parts: list[Message | str] = []
    for (_, after, _), (line_start, _, close) in itertools.pairwise(delimiters):
        if line_start == after:
            raise _Unreadable("adjacent boundary lines")
        count[0] += 1
        if count[0] > _FAST_MAX_PARTS:
            raise _Unreadable("too many parts")
        part, body = _fast_part(data, after, line_start)
        maintype = part.get_content_maintype()
        if maintype == "message":
            part = email.message_from_bytes(data[after:line_start], policy=policy.compat32)
        elif maintype == "multipart":
            _fast_multipart(part, data, body, line_start, (*outer, sep), count)
        else:
            payload = data[body:line_start]
            if payload.endswith(b"\r\n"):
                payload = payload[:-2]
            elif payload.endswith(b"\n"):
                payload = payload[:-1]
            part.set_payload(payload.decode("ascii", "surrogateescape"))
        parts.append(part)
        if close:
            break
    else:
        raise _Unreadable("no close boundary")
    msg.set_payload(parts)


def _delimiters(data: bytes, sep: bytes, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(line start, next line start, is close) of each boundary line in data[start:end]."""
    found: list[tuple[int, int, bool]] = []
    find = data.find
    pos = start
    while True:
        i = find(sep, pos, end)
        if i < 0:
            return found
        pos = i + 1
        if i != start and data[i - 1] != 0x0A:
            continue  # not at the start of a line
        nl = find(b"\n", i, end)
        line_end = end if nl < 0 else nl + 1
        tail = _DELIMITER_TAIL_RE.fullmatch(data, i + len(sep), line_end)
        if tail is not None:
            found.append((i, line_end, tail.group(1) is not None))
            if tail.group(1) is not None:
                return found  # what follows the close boundary is epilogue
            pos = line_end


def _headers_only(raw: bytes) -> Message:
    try:
        return BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
    except Exception:
        return Message()


def _content_type(part: Message, defects: _Defects) -> str:
    try:
        ctype = part.get_content_type()
    except Exception:
        ctype = ""
        try:
            raw = part.get("content-type")
        except Exception:
            raw = None
        if raw is not None:
            defects.add(f"header Content-Type unparseable: {_snippet(str(raw))}")
            match = _CTYPE_RE.match(_clean(str(raw), MAX_HEADER_CHARS).lower())
            ctype = match.group(0) if match else ""
    return _clean(str(ctype), _MAX_NAME_CHARS).lower() or "text/plain"


def _raw_header(part: Message, lname: str) -> str:
    try:
        for name, value in part.raw_items():
            if name.lower() == lname:
                return str(value)
    except Exception:
        pass
    return ""


def _disposition(part: Message) -> str | None:
    try:
        return part.get_content_disposition()
    except Exception:
        raw = _raw_header(part, "content-disposition")
        return _clean(raw.split(";", 1)[0], _MAX_NAME_CHARS).lower() or None


def _filename(part: Message, reader: _HeaderReader, defects: _Defects) -> str | None:
    raw = _raw_header(part, "content-disposition") + _raw_header(part, "content-type")
    if "name" not in raw.lower():  # filename=, filename*=, name=: cheap to rule out
        return None
    try:
        found = part.get_filename()
    except Exception:
        found = None
        for lname in ("content-disposition", "content-type"):
            match = _FILENAME_RE.search(_raw_header(part, lname))
            if match:
                found = match.group(1) if match.group(1) is not None else match.group(2)
                defects.add(f"header {lname} unparseable, file name read leniently")
                break
    if found is None:
        return None
    name = reader.prepare("Content-Disposition", str(found))
    if "=?" in name:  # RFC 2047 inside a parameter: not standard, but common
        name = reader.words("Content-Disposition", name)
    return _clean(name, _MAX_NAME_CHARS) or None


def _charset(part: Message) -> str | None:
    try:
        return part.get_content_charset()
    except Exception:
        match = _CHARSET_RE.search(_raw_header(part, "content-type"))
        return match.group(1).lower() if match else None


def _children(part: Message) -> list[Message] | None:
    try:
        payload = part.get_payload()
    except Exception:
        return None
    if not isinstance(payload, list):
        return None
    return [child for child in payload[:MAX_PARTS] if isinstance(child, Message)]


def _walk_body(msg: Message, limit: int, defects: _Defects) -> tuple[str, tuple[str, ...]]:
    """Body text and attachment names, from an iterative walk of the MIME tree."""
    reader = _HeaderReader(defects)
    stack: list[tuple[Message, bool]] = [(msg, True)]  # (part, may give body text)
    walked: list[Message] = []
    plain: list[Message] = []
    html: list[Message] = []
    names: list[str] = []
    while stack:
        if len(walked) >= MAX_PARTS:
            defects.add(f"more than {MAX_PARTS} MIME parts; the rest was not read")
            break
        part, body_ok = stack.pop()
        walked.append(part)
        ctype = _content_type(part, defects)
        children = _children(part)
        filename = _filename(part, reader, defects)
        if filename and len(names) < MAX_ATTACHMENT_NAMES:
            names.append(filename)
        if children is not None:
            if ctype == "multipart/report":
                # RFC 6522: human-readable part first, then the machine parts.
                modes = [body_ok and i == 0 for i in range(len(children))]
            elif ctype.startswith("multipart/"):
                modes = [body_ok] * len(children)
            else:  # message/rfc822 and friends: an attached message
                modes = [False] * len(children)
            stack.extend(reversed(list(zip(children, modes, strict=True))))
            continue
        if not body_ok:
            continue
        disposition = _disposition(part)
        if disposition == "attachment" or (
            filename is not None and disposition != "inline" and part is not msg
        ):
            continue
        if ctype == "text/plain" or ctype.startswith("multipart/"):
            # A multipart without a usable boundary arrives as one text payload.
            plain.append(part)
        elif ctype == "text/html":
            html.append(part)

    texts: list[str] = []
    total = 0
    for part in plain:
        if total >= limit:
            break
        text = _clean_body(_part_text(part, defects)[: 2 * (limit - total)]).strip()
        if text:
            texts.append(text)
            total += len(text) + 2
    if not texts:
        for part in html:
            if total >= limit:
                break
            text = _clean_body(_html_to_text(_part_text(part, defects), limit - total, defects))
            if text:
                texts.append(text)
                total += len(text) + 2
    for part in walked:
        for defect in getattr(part, "defects", ()):
            defects.add(f"mime: {type(defect).__name__}")
    return "\n\n".join(texts)[:limit], tuple(names)


def _part_text(part: Message, defects: _Defects) -> str:
    """Transfer-decode and charset-decode one leaf part."""
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if not isinstance(data, bytes):
        defects.add("a text part could not be transfer-decoded; read as is")
        try:
            payload = part.get_payload()
            data = str(payload).encode("utf-8", "surrogateescape")
        except Exception:
            return ""
    text, note = _decode_bytes(data, _charset(part))
    if note:
        defects.add(note)
    return text[1:] if text.startswith("\ufeff") else text


def _unstructured_body(msg: Message, limit: int, defects: _Defects) -> str:
    """Body of a message whose MIME structure was not parsed: its raw text."""
    try:
        payload = msg.get_payload()
        data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
    except Exception:
        return ""
    text, note = _decode_bytes(data[: 4 * limit], _charset(msg))
    if note:
        defects.add(note)
    return _clean_body(text[: 2 * limit]).strip()[:limit]


class _HTMLText(HTMLParser):
    """Collects the text of an HTML document, without script/style/title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP:
            self._skipping += 1
        elif tag in _HTML_BLOCK:
            self.parts.append("\n")
        elif tag in _HTML_CELL:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_SKIP:  # <br/>: one line break, <script/>: nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _HTML_BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)
            self.size += len(data)


def _html_to_text(markup: str, limit: int, defects: _Defects) -> str:
    markup = markup[: max(1, limit) * _HTML_FACTOR]
    parser = _HTMLText()
    try:
        for start in range(0, len(markup), _HTML_CHUNK):
            parser.feed(markup[start : start + _HTML_CHUNK])
            if parser.size >= limit:
                break
        else:
            parser.close()
        text = "".join(parser.parts)
    except Exception as exc:
        defects.add(f"HTML unreadable ({type(exc).__name__}); tags stripped crudely")
        text = unescape(_TAG_RE.sub(" ", markup))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()
