"""The MIME structure: bare CRs, the compat32 tree, the fast reader.  [pure]

``_load`` reads a message headers-only when it has too many nesting
markers, else with ``_fast_structure`` when that can vouch for it, else
with the stdlib feed parser (see the comment above ``_fast_structure``).
"""

from __future__ import annotations

import email
import itertools
import re
from email import policy
from email.message import Message
from email.parser import BytesParser

from bot.parsing.limits import MAX_NESTING_MARKERS, MAX_PARTS
from bot.parsing.sanitise import _Defects

_BARE_CR_RE = re.compile(rb"\r(?!\n)")


def _neutralise_bare_cr(raw: bytes, defects: _Defects) -> bytes:
    """Read a CR that is not part of CRLF in the header section as a space.

    The stdlib parser ends a header line at a bare CR, so ``Subject: Hi<CR>Bcc:
    x`` would yield a Bcc header that no MTA saw as one; keep it in the Subject.
    """
    if b"\r" not in raw:
        return raw
    if b"\n" not in raw[:65_536] and raw.count(b"\r\r") >= 1:
        # Old Mac-style mail: every line ends in a bare CR. Read them as line ends
        # (a header-injection CR needs LF line ends around it to mean anything).
        defects.add("CR-only line endings, read as line ends")
        return raw.replace(b"\r", b"\n")
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
    if b"\r" in raw and _BARE_CR_RE.search(raw) is not None:
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
