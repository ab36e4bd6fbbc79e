"""Searching one text with the lexicon, each search prefiltered.  [pure]

A :class:`Scan` holds a text, its folded form and words, and which literals
it contains, so the many searches of one classification share that work; a
lexicon list searched twice on the same text is searched once. Every search
skips the patterns that :mod:`bot.classify.gates` proves cannot match (an RE2
twin, else a word formula) and runs the others in their order, on the
lower-cased text where that is the same (:mod:`bot.classify.lowered`): the hits
are exactly those of searching with every pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from bot.classify.folding import fold, words
from bot.classify.formula import TRUE, Formula
from bot.classify.gates import Gated, GatedList, gated, gated_list
from bot.classify.lowered import lower_text
from bot.classify.twins import twin_bytes

__all__ = ["Gated", "GatedList", "Match", "Scan", "gated", "gated_list"]


@dataclass(frozen=True)
class Match:
    """One pattern hit: the list it belongs to and the text it matched."""

    lexicon: str
    text: str


class Scan:
    """One text to search with the lists of ``lexicon``."""

    __slots__ = ("_all", "_bytes", "_collapsed", "_first", "_folded", "_has", "_indexed", "_lexicon",
                 "_low", "_words", "text")

    def __init__(self, text: str, lexicon: Mapping[str, GatedList]):
        self.text = text
        self._lexicon = lexicon
        self._folded: str | None = None
        self._words: set[str] = set()
        self._indexed = False  # if not, word tests are substring tests (weaker, still right)
        self._collapsed: str | None = None
        self._has: dict[tuple[str, str], bool] = {}
        self._first: dict[str, Match | None] = {}
        self._all: dict[str, list[re.Match[str]]] = {}  # lists whose matches were all read
        self._low: str | bool | None = False  # text.lower() if usable (False: not yet known)
        self._bytes: dict[bool, bytes] = {}  # the text (lowered or not) as RE2 twins search it

    def _load(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
            found = words(self.text, self._folded)
            self._indexed, self._words = found is not None, found or set()
        return self._folded

    def prefixed(self, prefix: str) -> Scan:
        """A scan of ``f"{prefix}\\n{text}"`` that reuses this one's folding."""
        scan = Scan(f"{prefix}\n{self.text}", self._lexicon)
        folded, extra = self._load(), fold(prefix)
        scan._folded = f"{extra}\n{folded}"  # fold and words work character by character
        found = words(prefix, extra)
        scan._indexed = self._indexed and found is not None
        scan._words = self._words | found if scan._indexed and found is not None else set()
        return scan

    def _excluded(self, gl: GatedList) -> bool:
        """Whether no pattern of ``gl`` can match by its key words (lists with RE2 twins
        are ruled on by their twins, in :meth:`_candidates`)."""
        if gl.twins is not None:
            return False
        keys = gl.index[0]
        if self._folded is None:
            self._load()
        return keys is not None and self._indexed and self._words.isdisjoint(keys)

    def possible(self, g: Gated) -> bool:
        """False only if ``g``'s pattern provably has no match in this text: its RE2 twin
        does not match, or (without a twin) its word formula does not hold."""
        one = g.one
        if one is not None:
            return one.search(self._as_bytes(g.twin[1])) is not None  # type: ignore[index]
        return self._by_formula(g)

    def _by_formula(self, g: Gated) -> bool:
        if g.requires is TRUE:
            return True
        if self._folded is None:
            self._load()
        if self._indexed:
            if g.keys is not None and self._words.isdisjoint(g.keys):
                return False
            if g.check is not None:
                return g.check(self._words, self._folded, self._leaf)  # type: ignore[arg-type]
        return self._holds(g.requires)

    def _holds(self, f: Formula) -> bool:
        kind = f[0]
        words, indexed = self._words, self._indexed
        if kind == "and":
            if f[1] and not (f[1] <= words if indexed else all(self._leaf("sub", w) for w in f[1])):
                return False
            for p in f[2]:  # noqa: SIM110 (plain loops: this is the hot path)
                if not self._holds(p):
                    return False
            return True
        if kind == "or":
            _, any_of, keyed, keys, others = f
            if any_of and (not words.isdisjoint(any_of) if indexed
                           else any(self._leaf("sub", w) for w in any_of)):
                return True
            if keyed and (not indexed or not words.isdisjoint(keys)):
                for need, p in keyed:
                    if (not indexed or not words.isdisjoint(need)) and self._holds(p):
                        return True
            for p in others:  # noqa: SIM110
                if self._holds(p):
                    return True
            return False
        return self._leaf(kind, f[1])

    def _leaf(self, kind: str, s: str) -> bool:
        key = (kind, s)
        hit = self._has.get(key)
        if hit is None:
            folded = self._load()
            if kind == "wsub":
                if self._collapsed is None:
                    self._collapsed = " ".join(folded.split()) if self._indexed else ""
                hit = s in self._collapsed or not self._indexed
            else:  # "pre" too: a word that starts with s contains it (cheaper than a sorted index)
                hit = s in folded
            self._has[key] = hit
        return hit

    def _lower(self) -> str | None:
        if self._low is False:
            self._low = lower_text(self.text)
        return self._low  # type: ignore[return-value]

    def _as_bytes(self, lowered: bool) -> bytes:
        found = self._bytes.get(lowered)
        if found is None:
            found = self._bytes[lowered] = twin_bytes(
                self.text, lowered, self._lower() if lowered else None)
        return found

    def search(self, g: Gated) -> re.Match[str] | None:
        return self._search(g) if self.possible(g) else None

    def _search(self, g: Gated) -> re.Match[str] | None:
        """The first match of ``g``, which may match (:meth:`possible`)."""
        low = self._lower() if g.lowered is not None else None
        if low is None or g.lowered is None:
            return g.pattern.search(self.text)
        m = g.lowered.search(low)
        if m is None:
            return None
        found = g.pattern.match(self.text, m.start())
        return found if found is not None and found.end() == m.end() else g.pattern.search(self.text)

    def _finditer(self, g: Gated) -> list[re.Match[str]]:
        """Every match of ``g`` (which :meth:`possible` allows), in text order."""
        low = self._lower() if g.lowered is not None else None
        if low is None or g.lowered is None:
            return list(g.pattern.finditer(self.text))
        found = []
        for m in g.lowered.finditer(low):
            same = g.pattern.match(self.text, m.start())
            if same is None or same.end() != m.end():  # (never seen) the original decides
                return list(g.pattern.finditer(self.text))
            found.append(same)
        return found

    def matches_of(self, g: Gated) -> Iterator[re.Match[str]]:
        """Every match of one gated pattern, in text order (none if it cannot match)."""
        if self.possible(g):
            yield from self._finditer(g)

    def find(self, name: str) -> Match | None:
        """The first hit of the first matching pattern of list ``name``."""
        if name in self._first:
            return self._first[name]
        found = None
        gl = self._lexicon.get(name)
        if gl is not None and not self._excluded(gl):
            for g in self._candidates(gl):
                m = self._search(g)
                if m:
                    found = Match(name, m.group(0))
                    break
        self._first[name] = found
        return found

    def _candidates(self, gl: GatedList) -> Iterable[Gated]:
        """The patterns of ``gl`` that may match this text, in their order: the others
        provably cannot. With RE2 twins, those whose twin matches (and those without a
        twin that the prefilter allows); else those the prefilter allows."""
        if gl.twins is not None:
            mask = gl.twins.may_match(self._as_bytes)
            patterns = gl.patterns
            out = []
            while mask:
                bit = mask & -mask
                mask ^= bit
                g = patterns[bit.bit_length() - 1]
                if gl.twins.has_twin(bit) or self._by_formula(g):
                    out.append(g)
            return out
        return (g for g in self._keyed(gl) if self._by_formula(g))

    def _keyed(self, gl: GatedList) -> Sequence[Gated]:
        """The patterns of ``gl`` whose key words the text has (all, in their order, if
        its words are not known): the others provably cannot match."""
        if not self._indexed:
            return gl.patterns
        _keys, by_word, mask = gl.index
        for w in self._words.intersection(by_word):
            mask |= by_word[w]
        if mask == (1 << len(gl.patterns)) - 1:
            return gl.patterns
        out = []
        patterns = gl.patterns
        while mask:
            low = mask & -mask
            out.append(patterns[low.bit_length() - 1])
            mask ^= low
        return out

    def hit(self, name: str) -> str | None:
        m = self.find(name)
        return m.text if m else None

    def find_all(self, name: str, limit: int = 5) -> list[Match]:
        """Hits of list ``name``, pattern by pattern, each in text order, at most ``limit``."""
        hits: list[Match] = []
        for m in self.matches(name):
            hits.append(Match(name, m.group(0)))
            if len(hits) >= limit:
                break
        return hits

    def matches(self, name: str) -> Iterator[re.Match[str]]:
        """Every match of every pattern of list ``name``, pattern by pattern (lazily).

        A list known to have no hit in this text (a :meth:`find` that found
        nothing, or an earlier ``matches`` run to its end without one) yields
        nothing at once: most lists find nothing in most mail; one read to its end
        before yields the same matches again without searching."""
        if name in self._first and self._first[name] is None:
            return
        done = self._all.get(name)
        if done is not None:  # read to its end before: the same matches again, not searched
            yield from done
            return
        gl = self._lexicon.get(name)
        if gl is None or self._excluded(gl):
            return
        found: list[re.Match[str]] = []
        for g in self._candidates(gl):
            for m in self._finditer(g):
                self._first.setdefault(name, Match(name, m.group(0)))
                found.append(m)
                yield m
        self._first.setdefault(name, None)  # run to its end: find() may answer from this
        self._all[name] = found
