"""Formulas over a text's words and substrings, built from marked strings.  [pure]

A formula says what any text a pattern matches must contain, in terms of the
text's folded form (:mod:`bot.classify.folding`). It is a plain tuple, cheap
to evaluate (:class:`bot.classify.scan.Scan` does):

* ``("and", words, parts)``: every word of ``words`` is a word of the text,
  and every part holds;
* ``("or", words, parts)``: some word of ``words`` is a word of the text, or
  some part holds; :func:`compiled` turns it into ``("or", words, keyed,
  keys, others)`` for evaluation, where ``keyed`` holds ``(need, part)``
  pairs whose part can only hold if one of the words ``need`` is in the text,
  ``keys`` is the union of those, and ``others`` the remaining parts;
* ``("pre", s)``: some word of the text starts with ``s`` (evaluated as
  ``sub``, which it implies);
* ``("sub", s)``: ``s`` occurs in the folded text;
* ``("wsub", s)``: ``s`` occurs in the folded text with each run of white
  space reduced to one space.

The analysis of a pattern (:mod:`bot.classify.prefilter`) describes the
folded strings a stretch of a match can be, with the three markers below in
place of what is not a literal; :func:`of_string` turns such a string into a
formula.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

Formula = tuple[Any, ...]
TRUE: Formula = ("and", frozenset(), ())

Z = "\uf8fd"  # zero width, no word character on both sides: \b, ^, $, \A, \Z
G = "\uf8fe"  # one or more characters, none of them a word character: [\s\-]+
S = "\uf8ff"  # one or more white-space characters: \s+
MARKERS = (Z, G, S)

_WORD_RUN = re.compile(r"\w+")
_FREQ = dict(zip("etaoinshrdlcumwfgypbvkjxqz",
                 (12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4,
                  2.4, 2.2, 2.0, 2.0, 1.9, 1.5, 1.0, 0.8, 0.2, 0.2, 0.1, 0.1), strict=True))


def chance(f: Formula) -> float:
    """Rough chance that a formula holds on ordinary mail (for ordering only)."""
    if f[0] in ("pre", "sub", "wsub"):
        p = 100.0 if f[0] == "pre" else 800.0
        for ch in f[1]:
            p *= _FREQ.get(ch, 1.0) / 100.0
        return min(p, 1.0)
    chances = [chance(("pre", w)) * 0.5 for w in f[1]] + [chance(p) for p in f[2]]
    if f[0] == "and":
        return min(chances, default=1.0)
    return min(sum(chances), 1.0)


def _order(p: Formula) -> tuple[bool, float]:
    return p[0] in ("sub", "wsub"), chance(p)


def conj(words: Iterable[str], parts: Iterable[Formula]) -> Formula:
    ws: set[str] = set(words)
    ps: list[Formula] = []
    for p in parts:
        if p[0] == "and":
            ws |= p[1]
            ps += [q for q in p[2] if q not in ps]
        elif p not in ps:
            ps.append(p)
    if not ws and len(ps) == 1:
        return ps[0]
    # word prefixes before substring scans (cheaper), the likeliest to fail first
    return ("and", frozenset(ws), tuple(sorted(ps, key=_order)))


def disj(options: Iterable[Formula]) -> Formula:
    ws: set[str] = set()
    ps: list[Formula] = []
    for f in options:
        if f == TRUE:
            return TRUE
        if f[0] == "or":
            ws |= f[1]
            ps += [q for q in f[2] if q not in ps]
        elif f[0] == "and" and len(f[1]) == 1 and not f[2]:
            ws |= f[1]
        elif f not in ps:
            ps.append(f)
    if not ws and len(ps) <= 1:
        return ps[0] if ps else TRUE  # (no options only from an empty set: stay safe)
    return ("or", frozenset(ws), tuple(sorted(ps, key=lambda p: (_order(p)[0], -chance(p)))))


def of_string(s: str) -> Formula:
    """What a match (or a stretch of one) whose folded text is the marked string ``s`` implies.

    Between ``G`` markers the stretches are contiguous; a word run inside a
    stretch is a whole word of the text where its ends are a non-word
    character or a marker, a word prefix where only its start is.
    """
    words: set[str] = set()
    parts: list[Formula] = []
    pieces = s.split(G)
    for k, piece in enumerate(pieces):
        left = k > 0 or piece.startswith((Z, S))  # a non-word character or edge before
        right = k < len(pieces) - 1 or piece.endswith((Z, S))
        text = piece.replace(Z, "").replace(S, " ")
        core = (len(text) - len(text.lstrip()), len(text.rstrip()))  # without white space at the ends
        covered = False
        for m in _WORD_RUN.finditer(text):
            i, j = m.span()
            starts, ends = i > 0 or left, j < len(text) or right
            if starts and ends:
                words.add(m.group(0))
            elif starts and j - i > 1:
                parts.append(("pre", m.group(0)))
            else:
                continue
            covered = covered or (i, j) == core
        if covered:
            continue
        if any(ch.isspace() for ch in text):  # S stands for any run of white space
            spaced = " ".join(text.split())
            if len(spaced) > 1:
                parts.append(("wsub" if " " in spaced else "sub", spaced))
        elif len(text) > 1:
            parts.append(("sub", text))
    return conj(words, parts)


def key_words(f: Formula) -> frozenset[str] | None:
    """Words of which a text must contain one for ``f`` (not yet compiled) to hold."""
    if f[0] == "and":
        options = [frozenset({w}) for w in sorted(f[1])] + [k for k in map(key_words, f[2]) if k]
        return min(options, key=lambda k: sum(chance(("pre", w)) for w in k), default=None)
    if f[0] == "or":
        keys = [key_words(p) for p in f[2]]
        if any(k is None for k in keys):
            return None
        return frozenset(f[1]).union(*(k for k in keys if k))
    return None


def compiled(f: Formula) -> Formula:
    """The evaluated form: an "or" sorts its parts into keyed and others."""
    if f[0] == "and":
        return ("and", f[1], tuple(compiled(p) for p in f[2]))
    if f[0] == "or":
        keyed, others = [], []
        for p in f[2]:
            need = key_words(p)
            if need:
                keyed.append((need, compiled(p)))
            else:
                others.append(compiled(p))
        keys = frozenset().union(*(need for need, _ in keyed))
        return ("or", f[1], tuple(keyed), keys, tuple(others))
    return f



Leaf = Callable[[str, str], bool]
Check = Callable[[AbstractSet[str], str, Leaf], bool]
_KEYED_INDEX_FROM = 6  # an "or" with more keyed parts looks its parts up by the text's words


def _keyed_index(keyed: tuple[tuple[frozenset[str], Formula], ...]) -> Check | None:
    """The keyed parts of an "or" as one function that tries only the parts one of whose
    words ``need`` the text has (found by a set intersection, not a test per part); None
    if a part is too large to turn into a function."""
    checks = [_check_of(p) for _, p in keyed]
    if any(c is None for c in checks):
        return None
    parts: dict[str, tuple[Check, ...]] = {}
    for (need, _), c in zip(keyed, checks, strict=True):
        for w in need:
            parts[w] = (*parts.get(w, ()), c)  # type: ignore[arg-type]
    keys = frozenset(parts)

    def any_part(W: AbstractSet[str], F: str, L: Leaf) -> bool:
        found = keys.intersection(W)
        if not found:
            return False
        tried: set[int] = set()
        for w in found:
            for c in parts[w]:
                if id(c) not in tried:
                    tried.add(id(c))
                    if c(W, F, L):
                        return True
        return False

    return any_part
_CHECK_SOURCE_LIMIT = 20_000  # longer formulas stay with the evaluator (Scan._holds)


def check_of(f: Formula) -> Check | None:
    """``f`` (compiled) as one Python function of a text's word set ``W``, its
    folded form ``F`` and a leaf test ``L`` (for ``wsub``), for texts whose
    words are known; None if it is too large to turn into one expression.

    It gives what :meth:`bot.classify.scan.Scan._holds` gives on such texts,
    without walking the tuple: no recursion, no unpacking, no dispatch on the
    kind (the prefilter's hot path).
    """
    return _check_of(f)


@lru_cache(maxsize=8192)
def _check_of(f: Formula) -> Check | None:
    consts: dict[str, object] = {}

    def const(value: object) -> str:
        name = f"c{len(consts)}"
        consts[name] = value
        return name

    def expr(g: Formula) -> str:
        kind = g[0]
        if kind == "and":
            terms = [f"{const(g[1])} <= W"] if g[1] else []
            terms += [f"({expr(p)})" for p in g[2]]
            return " and ".join(terms) or "True"
        if kind == "or":
            _, any_of, keyed, keys, others = g
            terms = [f"not W.isdisjoint({const(any_of)})"] if any_of else []
            indexed = _keyed_index(keyed) if len(keyed) > _KEYED_INDEX_FROM else None
            if indexed is not None:
                terms.append(f"{const(indexed)}(W, F, L)")
            elif keyed:
                inner = " or ".join(f"(not W.isdisjoint({const(need)}) and ({expr(p)}))"
                                    for need, p in keyed)
                terms.append(f"(not W.isdisjoint({const(keys)}) and ({inner}))")
            terms += [f"({expr(p)})" for p in others]
            return " or ".join(terms) or "False"
        if kind == "wsub":
            return f"L('wsub', {const(g[1])})"
        return f"{const(g[1])} in F"  # sub, and pre (a word that starts with s contains it)

    try:
        source = f"lambda W, F, L: {expr(f)}"
        if len(source) > _CHECK_SOURCE_LIMIT:
            return None
        check: Check = eval(source, {"__builtins__": {}, **consts})  # (our own source, no builtins)
    except (RecursionError, SyntaxError, MemoryError):
        return None
    return check
