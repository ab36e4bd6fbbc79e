"""Case-insensitive patterns searched as case-sensitive ones on lower-cased text.  [pure]

Python's ``re`` matches a case-insensitive pattern about twice as slowly as
the same pattern without IGNORECASE, and can then use no literal prefix at
all. For most patterns and most texts the two searches below find matches at
the same places, with the same spans:

* the pattern, case-insensitive, on the text;
* the pattern without IGNORECASE (:func:`lowered`) on ``text.lower()``.

Under IGNORECASE, ``re`` compares each text character's (simple) lower case
with the pattern's lower-cased items, plus a few extra equivalences it keeps
for characters with several lower cases (``ı`` and ``i``, ``ſ`` and ``s``,
``µ`` and ``μ``, Greek ``σ`` and ``ς``…: ``re._casefix``). So the two agree,
position by position, when

* every literal and class of the pattern is its own lower case, none of them
  is one of those extra characters but ``i`` and ``s``, and the pattern has no
  back-reference (:func:`lowered` returns None otherwise; the pattern is then
  always searched as it is); and
* every character of the text lowers to one character, and none is the
  partner of ``i`` or ``s`` (``ı``, ``ſ``: :func:`lower_text` returns None
  otherwise; then every pattern is searched as it is). Other characters with
  extra equivalences (``µ``, Greek) match no lowered pattern either way.

A match found on the lower-cased text is then matched again, at its start,
by the original pattern on the original text (``pattern.match(text, pos)``
sees the characters before ``pos``, for ``\\b`` and look-behinds): callers get
the very match object the original search gives. Where the two ever disagreed
the original search is used (:mod:`bot.classify.scan`), so this is a speed-up
only, never a change of results.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import import_module
from typing import Any

try:  # private parts of ``re``; without them there is no fast path
    _parser: Any = import_module("re._parser")
    _constants: Any = import_module("re._constants")
    _EXTRA: dict[int, tuple[int, ...]] = dict(import_module("re._casefix")._EXTRA_CASES)
except (ImportError, AttributeError):  # pragma: no cover - another Python
    _parser = _constants = None
    _EXTRA = {}

# every character in one of ``re``'s extra equivalence groups: no lowered pattern holds one
# but "i" and "s" (common in patterns), so only their partners (ı, ſ) make a *text* unsafe
_SPECIAL = frozenset(chr(c) for k, v in _EXTRA.items() for c in (k, *v))
_PARTNERS = frozenset(chr(c) for k in (ord("i"), ord("s")) for c in _EXTRA.get(k, ()))
_TEXT_UNSAFE = re.compile("[" + "".join(map(re.escape, sorted(_PARTNERS))) + "]" if _PARTNERS
                          else r"(?!)")
_AS_PARTNER = {c: chr(k) for k in (ord("i"), ord("s")) for c in _EXTRA.get(k, ())}
_RANGE_LIMIT = 5_000  # a wider class is not checked character by character (not lowered)


def lower_text(text: str) -> str | None:
    """``text.lower()`` when a lowered pattern finds exactly what the original finds in
    ``text``; None when it may not (a character with several lower cases)."""
    if _parser is None:
        return None
    low = text.lower()
    if len(low) != len(text) or _TEXT_UNSAFE.search(low):
        return None
    return low


def twin_lower(text: str, low: str | None = None) -> str:
    """``text`` lower-cased for the RE2 twins of case-insensitive patterns: each character
    as IGNORECASE compares it (its simple lower case; ``ı`` as ``i``, ``ſ`` as ``s``):
    wherever such a pattern matches ``text``, its twin matches this. ``low``:
    :func:`lower_text` of it, if the caller has it."""
    low = low if low is not None else lower_text(text)
    if low is not None:
        return low
    return text.replace("\u0130", "i").lower().translate(_AS_PARTNER)


@lru_cache(maxsize=4096)
def lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` without IGNORECASE, for lower-cased text; None if it is not
    case-insensitive or the two might find different matches (see the module).
    Cached: a pattern's twin (bot/classify/superset.py) asks too."""
    flags = pattern.flags
    if _parser is None or not flags & re.IGNORECASE or flags & (re.LOCALE | re.ASCII) \
            or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _parser.parse(pattern.pattern, flags)
    except Exception:
        return None
    try:
        _check(tree)
    except _NotLowered:
        return None
    source = pattern.pattern[4:] if pattern.pattern.startswith("(?i)") else pattern.pattern
    try:
        plain = re.compile(source, flags & ~re.IGNORECASE)
    except re.error:
        return None
    return None if plain.flags & re.IGNORECASE else plain  # (an inline flag elsewhere)


class _NotLowered(Exception):
    pass


def _char_ok(code: int) -> bool:
    c = chr(code)
    return c.lower() == c and (c not in _SPECIAL or c in "is")


def _check(tree: Any) -> None:
    c = _constants
    for op, av in tree:
        if op in (c.LITERAL, c.NOT_LITERAL):
            if not _char_ok(av):
                raise _NotLowered
        elif op is c.IN:
            for item_op, item in av:
                if item_op is c.LITERAL and not _char_ok(item):
                    raise _NotLowered
                if item_op is c.RANGE:
                    lo, hi = item
                    if hi - lo > _RANGE_LIMIT or not all(map(_char_ok, range(lo, hi + 1))):
                        raise _NotLowered
                if item_op not in (c.LITERAL, c.RANGE, c.NEGATE, c.CATEGORY):
                    raise _NotLowered
        elif op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if (add_flags | del_flags) & (re.IGNORECASE | re.LOCALE | re.ASCII):
                raise _NotLowered
            _check(sub)
        elif op is c.BRANCH:
            for sub in av[1]:
                _check(sub)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            _check(av[2])
        elif op in (c.ASSERT, c.ASSERT_NOT):
            _check(av[1])
        elif op is c.ATOMIC_GROUP:
            _check(av)
        elif op is c.GROUPREF_EXISTS:
            _check(av[1])
            if av[2] is not None:
                _check(av[2])
        elif op not in (c.AT, c.ANY, c.CATEGORY):
            # (a back-reference too: IGNORECASE compares it character by character, while
            # str.lower() lowers a capital sigma by its context, "ΣΣ" to "σς")
            raise _NotLowered
