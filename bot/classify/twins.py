"""Which patterns of a lexicon list may match a text, in one pass with RE2.  [pure]

Each pattern of a list has an RE2 twin (:func:`bot.classify.superset.superset`)
that matches wherever the pattern can. The twins of one list are compiled
into an RE2 set (``google-re2``, a well-kept binding of Google's RE2), which
says in one pass over the text which twins match: the patterns whose twin
does not match provably cannot, and are not searched. The others are searched
with ``re``, which decides; results are exactly those of searching every
pattern. A pattern without a twin is searched as before (its prefilter
decides), and without ``google-re2`` no list has twins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from bot.classify.lowered import twin_lower
from bot.classify.superset import as_bytes, superset

try:
    _re2: Any = import_module("re2")
except ImportError:  # pragma: no cover - the dependency is declared; without it, no twins
    _re2 = None

HAVE_RE2 = _re2 is not None
# memory budgets to try, smallest first: RE2 caches its automaton within it (a set's DFA
# grows with the mail it sees), and the largest lists' sets need the last to compile
_BUDGETS = (1 << 20, 2 << 20, 4 << 20, 8 << 20)


@dataclass(frozen=True)
class Twins:
    """The twins of one list: a set searched on the lower-cased text, one on the text
    itself (for case-sensitive patterns); for each set, the pattern bit of each twin."""

    on_lower: Any
    lower_bits: tuple[int, ...]
    on_text: Any
    text_bits: tuple[int, ...]
    without: int  # the patterns with no twin (a bit per index)

    def has_twin(self, bit: int) -> bool:
        return not self.without & bit

    def may_match(self, as_bytes: Callable[[bool], bytes]) -> int:
        """The patterns (a bit per index) that may match: those whose twin matches the
        text (``as_bytes(lowered)``: the text as twins search it) and those with none."""
        mask = self.without
        if self.on_lower is not None:
            for j in self.on_lower.Match(as_bytes(True)) or ():
                mask |= self.lower_bits[j]
        if self.on_text is not None:
            for j in self.on_text.Match(as_bytes(False)) or ():
                mask |= self.text_bits[j]
        return mask


def twin_bytes(text: str, lowered: bool, low: str | None = None) -> bytes:
    """``text`` as the twins search it: lower-cased for case-insensitive patterns
    (``low``: its :func:`~bot.classify.lowered.lower_text`, if known), in Latin-1 bytes."""
    return as_bytes(twin_lower(text, low) if lowered else text)


def _options(budget: int) -> Any:
    options = _re2.Options()
    options.max_mem = budget
    options.encoding = _re2.Options.Encoding.LATIN1
    return options


def compile_one(source: str) -> Any:
    """One twin as an RE2 regex (searched on its own), or None (no RE2, or too large)."""
    if _re2 is None:
        return None
    try:  # (the largest budget: a small one compiles, then runs out of memory on long mail)
        return _re2.compile(source.encode("latin-1"), _options(_BUDGETS[-1]))
    except _re2.error:
        return None


def _compiled_set(sources: Sequence[bytes]) -> tuple[Any, list[int]]:
    """The sources as one RE2 set, in the smallest budget it compiles in (None if none),
    and the indices of the sources RE2 does not read (left out)."""
    unread: list[int] = []
    for budget in _BUDGETS:
        found = _re2.Set.SearchSet(_options(budget))
        for j, source in enumerate(sources):
            if j in unread:
                continue
            try:
                found.Add(source)
            except _re2.error:
                unread.append(j)
        try:
            found.Compile()
        except _re2.error:
            continue
        return found, unread
    return None, unread


def twins_of(twins: Sequence[tuple[str, bool] | None]) -> Twins | None:
    """The twins of a list's patterns (each pattern's twin text and whether it reads the
    lower-cased text, or None), as RE2 sets; None if no RE2, or no pattern has a twin."""
    if _re2 is None:
        return None
    groups: dict[bool, tuple[list[bytes], list[int]]] = {}
    without = 0
    for i, twin in enumerate(twins):
        if twin is None:
            without |= 1 << i
            continue
        sources, bits = groups.setdefault(twin[1], ([], []))
        sources.append(twin[0].encode("latin-1"))
        bits.append(1 << i)
    compiled: dict[bool, tuple[Any, tuple[int, ...]]] = {}
    for lower, (sources, bits) in groups.items():
        found, unread = _compiled_set(sources)
        for j in unread:  # searched as before
            without |= bits[j]
        if found is None:  # too large: these patterns are searched as before
            for bit in bits:
                without |= bit
            continue
        compiled[lower] = (found, tuple(b for j, b in enumerate(bits) if j not in unread))
    if not compiled:
        return None
    on_lower, lower_bits = compiled.get(True, (None, ()))
    on_text, text_bits = compiled.get(False, (None, ()))
    return Twins(on_lower, lower_bits, on_text, text_bits, without)


@dataclass(frozen=True)
class TwinGate:
    """A few patterns used on their own (e.g. the patient marks' name patterns), gated
    together: :meth:`mask` says in one RE2 pass which may match a text, and
    :meth:`finditer` searches only those (with ``re``, which decides)."""

    patterns: tuple[Any, ...]
    twins: Twins | None

    def mask(self, text: str) -> int:
        """The patterns (a bit per index) that may match ``text`` (all, without RE2)."""
        if self.twins is None:
            return (1 << len(self.patterns)) - 1
        return self.twins.may_match(lambda lower: twin_bytes(text, lower))

    def finditer(self, pattern: Any, text: str, mask: int) -> Iterator[Any]:
        """``pattern.finditer(text)``, or nothing when ``mask`` rules it out."""
        if mask >> self.patterns.index(pattern) & 1:
            yield from pattern.finditer(text)


def twin_gate(patterns: Sequence[Any]) -> TwinGate:
    return TwinGate(tuple(patterns), twins_of([superset(p) for p in patterns]))
