"""The body: an iterative walk for body text and attachment names.  [pure]

text/plain parts that are not attachments make the body text; when there
are none, text/html parts with tags stripped (:mod:`bot.parsing.html_text`).
Attached messages and the machine-readable parts of a multipart/report give
attachment names only. Attachment payloads are never decoded.
"""

from __future__ import annotations

import re
from email.message import Message

from bot.parsing.attachments import MAX_CHARS, attachment_text, points_to_attachment
from bot.parsing.charsets import _decode_bytes
from bot.parsing.headers import _HeaderReader
from bot.parsing.html_text import _html_to_text
from bot.parsing.limits import _MAX_NAME_CHARS, MAX_ATTACHMENT_NAMES, MAX_HEADER_CHARS, MAX_PARTS
from bot.parsing.sanitise import _clean, _clean_body, _Defects, _snippet

_CHARSET_RE = re.compile(r"""(?i)\bcharset\s*=\s*["']?([^"';\s]+)""")
_FILENAME_RE = re.compile(r"""(?i)\b(?:file)?name\s*=\s*(?:"([^"]*)"|([^";\s]+))""")
_CTYPE_RE = re.compile(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")


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


def _walk_body(msg: Message, limit: int,
               defects: _Defects) -> tuple[str, tuple[str, ...], str]:
    """Body text, attachment names and the text of readable attachments (see
    :mod:`bot.parsing.attachments`), from an iterative walk of the MIME tree."""
    reader = _HeaderReader(defects)
    # (part, may give body text, may give attachment text: not inside a report)
    stack: list[tuple[Message, bool, bool]] = [(msg, True, True)]
    attached: list[tuple[Message, str, str | None]] = []
    walked: list[Message] = []
    plain: list[Message] = []
    html: list[Message] = []
    names: list[str] = []
    while stack:
        if len(walked) >= MAX_PARTS:
            defects.add(f"more than {MAX_PARTS} MIME parts; the rest was not read")
            break
        part, body_ok, attach_ok = stack.pop()
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
            inner_ok = attach_ok and ctype != "multipart/report"
            stack.extend(reversed([(c, m, inner_ok) for c, m in zip(children, modes, strict=True)]))
            continue
        if not body_ok:
            if attach_ok:
                attached.append((part, ctype, filename))
            continue
        disposition = _disposition(part)
        if disposition == "attachment" or (
            filename is not None and disposition != "inline" and part is not msg
        ):
            if attach_ok:
                attached.append((part, ctype, filename))
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
    body = "\n\n".join(texts)[:limit]
    extra = attachment_text(
        attached, lambda p: _clean_body(_html_to_text(_part_text(p, defects), MAX_CHARS, defects)
                                        if _content_type(p, defects) == "text/html"
                                        else _part_text(p, defects)[:MAX_CHARS]),
        defects.add) if attached and points_to_attachment(body) else ""
    return body, tuple(names), extra


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
