"""Case folding as ``re`` matches under IGNORECASE, and the words of a text.  [pure]

:func:`fold` maps a text to a form in which a case-insensitive pattern
literal ``x`` and every text character ``t`` it matches look alike:
``re`` matches ``t`` to ``x`` when their simple lower cases are equal or
belong to one of ``re._casefix``'s extra equivalence classes, so ``fold``
lowers and then maps each class to one member. It works character by
character, so a match of a pattern folds to a substring of the folded text.

:func:`words` gives the set of words (runs of ``\\w``) of the folded text, so
whole-word literals are set lookups instead of substring scans. That is right
only when folding keeps every character's word-ness (``re``'s ``\\b`` is
decided on the original text); texts with a character for which it does not
(e.g. U+0307, dropped by ``fold``) get ``None``, and callers then scan.

tests/test_classify_analysis.py checks both claims for every code point.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any


def _private(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:  # pragma: no cover - another Python: no prefilter
        return None


# The case tables ``re`` itself uses (private: without them, prefilters are off).
EXTRA_CASES: dict[int, tuple[int, ...]] = getattr(_private("re._casefix"), "_EXTRA_CASES", {})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _representative(k: int) -> int:
    """One member per class, a word character if the class has one."""
    members = sorted((k, *EXTRA_CASES.get(k, ())))
    return next((c for c in members if _is_word(chr(c))), members[0])


# Lower-case members of the extra classes map to their class's representative;
# U+0307 is dropped because "İ".lower() == "i\u0307" while ``re`` matches "İ"
# as "i" (its simple lower case).
_FIX: dict[int, int | None] = {k: _representative(k) for k in EXTRA_CASES if _representative(k) != k}
_FIX[0x307] = None
_NEEDS_FIX = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FIX)) + "]")


def fold(text: str) -> str:
    """Case-fold ``text`` character by character, as ``re`` compares under IGNORECASE."""
    low = text.lower()
    if low.isascii() or not _NEEDS_FIX.search(low):
        return low
    return low.translate(_FIX)


@lru_cache(maxsize=4096)
def folds_cleanly(ch: str) -> bool:
    """``fold(ch)`` is not empty, and all of it is word characters (white space)
    iff ``ch`` is one."""
    folded = fold(ch)
    return bool(folded) and all(_is_word(c) == _is_word(ch) and c.isspace() == ch.isspace()
                                for c in folded)


# Every ASCII byte that is not a word character becomes a space.
_SPACE_OUT = bytes(b if chr(b).isalnum() or b == 0x5F or b > 0x7F else 0x20 for b in range(256))


def words(text: str, folded: str) -> set[str] | None:
    r"""The words (runs of ``\w``) of ``folded`` (= ``fold(text)``), or None if
    they may not be the folded words of ``text`` (or its white space may differ)."""
    if text.isascii():
        return set(folded.encode().translate(_SPACE_OUT).decode().split())
    others: set[str] = set()
    for ch in set(_NON_ASCII.findall(text)):
        if not folds_cleanly(ch):
            return None
        others.update(c for c in fold(ch) if not c.isascii() and not _is_word(c))
    for ch in others:  # non-ASCII non-word characters (quotes, dashes...) end words too
        folded = folded.replace(ch, " ")
    return set(folded.encode().translate(_SPACE_OUT).decode().split())


def _self_check() -> bool:
    """The case tables are there and ``re`` still matches as :func:`fold` assumes."""
    if not EXTRA_CASES:
        return False
    pairs = [(k, v) for k, vs in EXTRA_CASES.items() for v in vs] + [(0x69, 0x130), (0x6B, 0x212A)]
    return all(re.fullmatch(re.escape(chr(k)), chr(v), re.IGNORECASE) is not None
               and fold(chr(k)) == fold(chr(v)) for k, v in pairs)


ENABLED = _self_check()
