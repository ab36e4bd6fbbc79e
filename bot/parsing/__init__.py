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

The package's modules: ``limits`` (the caps above and below), ``sanitise``
(``_Defects``, cleaning strings), ``charsets`` (decoding bytes and
encoded-words), ``headers`` (``_HeaderReader``, addresses, message ids),
``structure`` (bare CRs, the MIME tree: ``_load`` and the fast reader),
``body`` (the walk for body text and attachment names) and ``html_text``
(HTML to text).
"""

from __future__ import annotations

import hashlib
import re

from bot.model import Inbound
from bot.parsing.body import _content_type, _unstructured_body, _walk_body
from bot.parsing.headers import _HeaderReader, _ids, _message_id, _read_headers
from bot.parsing.limits import (
    MAX_ADDRESSES,
    MAX_ATTACHMENT_NAMES,
    MAX_DEFECTS,
    MAX_HEADER_CHARS,
    MAX_HEADERS,
    MAX_IDS,
    MAX_NESTING_MARKERS,
    MAX_PARTS,
    MAX_SUBJECT_CHARS,
)
from bot.parsing.sanitise import _clean, _Defects, _norm_addr
from bot.parsing.structure import _load, _neutralise_bare_cr

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


_BRACKETED = re.compile(r"^([^<>@]*)<([^<>@\s]+@[^<>\s]+)>\s*$")


def _sender(pairs: tuple[tuple[str, str], ...], value: str) -> tuple[str, str]:
    """(display name, address) of a From header (``value``, parsed into ``pairs``): the first
    mailbox with an address. (learnt from dev-zb4) An unquoted comma splits a display name
    into a mailbox of its own ("Okafor, Samuel <s@x.org>", '"Samuel Okafor", MD <s@x.org>'):
    the words before the address are the name's, not the sender's address; (the review of
    session 25) where the parser loses the address ("Okafor, Samuel (NIH/NCI) [E]
    <s.okafor@nih.gov>"), the one in angle brackets is the sender's."""
    at = next((i for i, p in enumerate(pairs) if "@" in p[1] and _norm_addr(p[1])), None)
    if at is None and (bracketed := _BRACKETED.search(value)):
        return (_clean(bracketed.group(1).replace('"', "").strip(), MAX_SUBJECT_CHARS),
                _norm_addr(bracketed.group(2)))
    if at is None:
        chosen = next((p for p in pairs if _norm_addr(p[1])), pairs[0] if pairs else ("", ""))
        return _clean(chosen[0], MAX_SUBJECT_CHARS), _norm_addr(chosen[1])
    name, addr = pairs[at]
    lead = [p[0] or p[1].strip('" ') for p in pairs[:at]]
    if lead and all("@" not in p[1] for p in pairs[:at]):
        name = ", ".join(w for w in (*lead, name) if w)
    return _clean(name, MAX_SUBJECT_CHARS), _norm_addr(addr)


def _parse(raw: bytes, limit: int, problem: str | None) -> Inbound:
    defects = _Defects()
    if problem:
        defects.add(problem)
    msg, structured = _load(_neutralise_bare_cr(raw, defects), defects)
    reader = _HeaderReader(defects)
    headers, first, recipients = _read_headers(msg, reader, defects)

    from_addr, from_name = "", ""
    if "from" in first:
        from_name, from_addr = _sender(reader.addresses("from", *first["from"]).pairs,
                                       str(first["from"][-1]))

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
        body_text, names, extra = _walk_body(msg, limit, defects)
    else:
        body_text, names, extra = _unstructured_body(msg, limit, defects), (), ""

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
        attachment_text=extra,
        defects=defects.result(),
    )
