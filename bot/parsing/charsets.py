"""Charsets: decoding bytes and RFC 2047 encoded-words leniently.  [pure]

A declared charset is used when Python knows it as a text codec; otherwise,
or when it does not fit the bytes, UTF-8, then windows-1252 (latin-1 labels
mean windows-1252, as in browsers), with a note for ``defects``.
"""

from __future__ import annotations

import codecs
import re
from email.header import decode_header

_EW_CHARSET_RE = re.compile(r"=\?([^?*\s]+)(?:\*[^?\s]*)?\?[bBqQ]\?")

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
