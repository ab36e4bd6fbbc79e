"""Defects and sanitising: one clean line, or body text, from any string.  [pure]

:class:`_Defects` collects what could not be read cleanly; ``_clean`` makes
a header-derived string one line without control characters, bidi
overrides or lone surrogates, whitespace collapsed and capped.
"""

from __future__ import annotations

import re

from bot.parsing.limits import _DEFECT_CHARS, _SNIPPET_CHARS, MAX_DEFECTS, MAX_SUBJECT_CHARS

# C0, DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates.
_HEADER_CTRL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Same for body text, but tab and LF survive (CR is normalised to LF first).
_BODY_CTRL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


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
