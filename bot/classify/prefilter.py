"""Literal prefilters: prove cheaply that a regex cannot match a text.  [pure]

Python's ``re`` tries every position of the text for each case-insensitive
pattern (it does no literal-prefix search under IGNORECASE), so a search that
finds nothing costs a full scan. Most patterns of the lexicon cannot match
most texts, and that can be shown from the words they need.

:func:`requirements` reads a pattern's parse tree (``re._parser``, what ``re``
compiles from) and derives a :mod:`~bot.classify.formula` every match
satisfies. Literals are folded as the text is, so a text character a literal
matches folds like it. ``\\b``, ``^``, ``$`` become the marker ``Z``, runs of
white space ``S``, runs of other non-word characters ``G``, which tell where
words start and end. Anything the analysis does not understand
(back-references, conditionals, ``.``, ``\\w``, classes with ranges, new node
types) counts as "any text", which only weakens the formula, never makes it
wrong; a pattern it cannot read at all gets ``TRUE`` and is always searched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.classify.folding import ENABLED, fold
from bot.classify.formula import (
    MARKERS,
    TRUE,
    Formula,
    G,
    S,
    Z,
    compiled,
    conj,
    disj,
    key_words,
    of_string,
)
from bot.classify.prefilter_table import shipped

try:  # what ``re`` compiles patterns with (private; without it: no prefilter)
    from re import _parser as _re_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python
    _re_parser = None

_EXACT_LIMIT = 64  # most strings an exact set may hold before it is given up
_SPACES = frozenset(" \t\n\r\f\v")


class _Unreadable(Exception):
    pass


@dataclass(frozen=True)
class _Info:
    """What a node may match: ``exact``, the (folded, marked) strings, if few;
    else a ``formula`` every match satisfies. ``head``/``tail``: every match is
    empty or starts/ends with a marker; ``empty``: it may match nothing."""

    exact: frozenset[str] | None
    formula: Formula = TRUE
    head: bool = False
    tail: bool = False
    empty: bool = True


def _exact(strings: frozenset[str]) -> _Info:
    return _Info(strings, TRUE, all(x[:1] in MARKERS for x in strings if x),
                 all(x[-1:] in MARKERS for x in strings if x), "" in strings)


_ANY = _Info(None)
_EMPTY = _exact(frozenset({""}))


def _formula(info: _Info) -> Formula:
    return info.formula if info.exact is None else disj(of_string(s) for s in sorted(info.exact))


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > _EXACT_LIMIT:
        return None
    return frozenset(x + y for x in a for y in b)


def _marked_before(infos: Sequence[_Info], k: int, lead: bool) -> bool:
    """A marker holds just before item ``k`` (items before it are empty or end marked)."""
    for info in reversed(infos[:k]):
        if not info.tail:
            return False
        if not info.empty:
            return True
    return lead


def _marked_after(infos: Sequence[_Info], k: int, trail: bool) -> bool:
    for info in infos[k:]:
        if not info.head:
            return False
        if not info.empty:
            return True
    return trail


def _sequence(items: Sequence[Any], wordy: bool, lead: bool = False, trail: bool = False) -> _Info:
    """Consecutive exact items multiply into one exact set (a "run"); the
    formula of a sequence is the "and" of its runs' and other items' formulas.
    ``lead``/``trail``: a marker is known to hold just before/after it."""
    if not items:
        return _EMPTY
    infos = [_node(item, wordy) for item in items]
    for k, info in enumerate(infos):  # a branch between markers: analyse it knowing that
        if info.exact is None and str(items[k][0]) == "BRANCH":
            before, after = _marked_before(infos, k, lead), _marked_after(infos, k + 1, trail)
            if before or after:
                infos[k] = _branch(items[k][1][1], wordy, before, after)
    found: list[Formula] = []
    run: frozenset[str] | None = None

    def flush(k: int) -> None:
        if run is not None:
            found.append(_formula(_exact(_product(run, _mark(_marked_after(infos, k, trail))) or run)))

    for k, info in enumerate(infos):
        if info.exact is None:
            flush(k)
            run = None
            found.append(info.formula)
            continue
        joined = _product(run, info.exact) if run is not None else None
        if joined is None:
            flush(k)
            joined = _product(_mark(_marked_before(infos, k, lead)), info.exact) or info.exact
        run = joined
    if run is not None and not found:  # (the run starts with the lead marker already)
        return _exact(_product(run, _mark(trail)) or run)
    flush(len(infos))
    head, tail = _marked_after(infos, 0, lead), _marked_before(infos, len(infos), trail)
    return _Info(None, conj((), found), head, tail, all(i.empty for i in infos))


def _mark(present: bool) -> frozenset[str]:
    return frozenset({Z if present else ""})


def _char_set(members: Sequence[Any]) -> _Info:
    if all(str(op) == "LITERAL" for op, _ in members):
        return _exact(frozenset(_literal(av) for _, av in members))
    kinds = {str(av) if str(op) == "CATEGORY" else chr(av) if str(op) == "LITERAL" else "OTHER"
             for op, av in members}
    if kinds <= _SPACES | {"CATEGORY_SPACE"}:
        return _exact(frozenset({S}))
    if all(k == "CATEGORY_SPACE" or (len(k) == 1 and k.isascii() and not (k.isalnum() or k == "_"))
           for k in kinds):  # (CATEGORY_NOT_WORD would be "non-word" only without ASCII)
        return _exact(frozenset({G}))
    return _ANY


def _repeat(lo: int, hi: int, sub: _Info) -> _Info:
    if hi == 0:
        return _EMPTY
    if sub.exact in (frozenset({G}), frozenset({S})):
        return _exact(sub.exact if lo else sub.exact | {""})
    if sub.exact is not None and hi <= 4:
        total: set[str] = set()
        power: frozenset[str] | None = frozenset({""})
        for count in range(hi + 1):
            if count:
                power = _product(power, sub.exact) if power is not None else None
            if power is not None and count >= lo:
                total |= power
        if power is not None and len(total) <= _EXACT_LIMIT:
            return _exact(frozenset(total))
    return _Info(None, _formula(sub) if lo else TRUE, sub.head, sub.tail, sub.empty or not lo)


def _branch(alternatives: Sequence[Any], wordy: bool, lead: bool = False, trail: bool = False) -> _Info:
    infos = [_sequence(alt, wordy, lead, trail) for alt in alternatives]
    if all(i.exact is not None for i in infos):
        union = frozenset().union(*(i.exact for i in infos if i.exact is not None))
        if len(union) <= _EXACT_LIMIT:
            return _exact(union)
    return _Info(None, disj(_formula(i) for i in infos), all(i.head for i in infos),
                 all(i.tail for i in infos), any(i.empty for i in infos))


def _literal(code: int) -> str:
    folded = fold(chr(code))
    if any(m in folded for m in MARKERS):
        raise _Unreadable
    return folded


def _node(item: Any, wordy: bool) -> _Info:
    """Literals are folded whatever the flags: with IGNORECASE a text character
    that matches folds like the literal; without, it *is* the literal.
    ``wordy``: \\b means Unicode words here (no ASCII flag)."""
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return _exact(frozenset({_literal(av)}))
    if name == "IN":
        return _char_set(av)
    if name == "AT":  # \b needs Unicode words; ^ $ \A \Z hold at a line or text edge
        boundary = str(av) in ("AT_BOUNDARY", "AT_NON_BOUNDARY")
        return _exact(frozenset({Z})) if str(av) != "AT_NON_BOUNDARY" and (wordy or not boundary) else _EMPTY
    if name in ("ASSERT", "ASSERT_NOT"):  # zero width: adds nothing to the match
        return _EMPTY
    if name == "BRANCH":
        return _branch(av[1], wordy)
    if name == "SUBPATTERN":
        return _sequence(av[3], wordy and not av[1] & (re.ASCII | re.LOCALE))
    if name == "ATOMIC_GROUP":
        return _sequence(av, wordy)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, hi, sub = av
        return _repeat(lo, hi, _sequence(sub, wordy))
    return _ANY  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS, anything new


Requirements = tuple[Formula, "frozenset[str] | None"]
_KNOWN: dict[tuple[str, int], Requirements] = {}  # this process's, by (pattern text, flags)


def requirements(pattern: re.Pattern[str], *, table: bool = True) -> Requirements:
    """A formula every match of ``pattern`` satisfies (compiled for evaluation;
    ``TRUE`` if none is known), and words of which a text it matches must
    contain one (None if no such words are known). The default lexicon's come
    from the shipped table (:mod:`bot.classify.prefilter_table`), unless not
    ``table`` (a few patterns: deriving them is cheaper than reading it)."""
    if not ENABLED or _re_parser is None or not isinstance(pattern.pattern, str):
        return TRUE, None
    key = (pattern.pattern, pattern.flags)
    found = _KNOWN.get(key)
    if found is None:
        found = (shipped().get(key) if table else None) or derive(*key)
        _KNOWN[key] = found
    return found


def seen() -> list[tuple[str, int]]:
    """The (pattern text, flags) this process has asked for, in order."""
    return list(_KNOWN)


def derive(source: str, flags: int) -> Requirements:
    """:func:`requirements` of a pattern, worked out from its parse tree."""
    try:
        tree = _re_parser.parse(source, flags)
        wordy = not tree.state.flags & (re.ASCII | re.LOCALE)
        found = _formula(_sequence(list(tree), wordy))
    except Exception:  # an unreadable pattern is simply not prefiltered
        return TRUE, None
    return (TRUE, None) if found == TRUE else (compiled(found), key_words(found))
