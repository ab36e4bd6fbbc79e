"""A lexicon pattern with what proves, cheaply, that it cannot match a text.  [pure]

Two proofs, each exact (a pattern it rules out has no match):

* its **RE2 twin** (:mod:`bot.classify.superset`): the twins of one list are
  searched in one pass as an RE2 set (:mod:`bot.classify.twins`); a pattern
  used alone (the classifier's own, e.g. :data:`bot.classify.flags._URGENT`)
  has its twin as one RE2 regex;
* its **word formula** (:mod:`bot.classify.prefilter`), for a pattern without
  a twin (or a Python without ``google-re2``).

Everything here is worked out on first use only: the twin's text from the
shipped table (:mod:`bot.classify.twin_table`) or derived, the formula, and
the pattern's lower-cased form (:mod:`bot.classify.lowered`). A process
reads and compiles only what its mail needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from bot.classify.formula import TRUE, Check, Formula, check_of
from bot.classify.lowered import lowered
from bot.classify.prefilter import requirements
from bot.classify.superset import superset
from bot.classify.twin_table import shipped_twin
from bot.classify.twins import HAVE_RE2, Twins, compile_one, twins_of

_UNKNOWN: Any = object()
MADE: list[re.Pattern[str]] = []  # every pattern gated in this process (for the tables)


class Gated:
    """A compiled pattern; ``requires``: a formula every match of it satisfies;
    ``keys``: words of which every text it matches contains one (None: not known);
    ``check``: the formula as one function, for texts whose words are known (None: use
    the evaluator); ``lowered``: the pattern for the lower-cased text, if it has one;
    ``twin``: its RE2 twin's text and whether it reads the lower-cased text."""

    __slots__ = ("_lowered", "_one", "_prefilter", "_twin", "pattern")

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        self._prefilter: tuple[Formula, frozenset[str] | None, Check | None] | None = None
        self._lowered: re.Pattern[str] | None = _UNKNOWN
        self._twin: tuple[str, bool] | None = _UNKNOWN
        self._one: Any = _UNKNOWN
        MADE.append(pattern)

    def _formula(self) -> tuple[Formula, frozenset[str] | None, Check | None]:
        if self._prefilter is None:
            # with RE2, only the few patterns without a twin need a formula (derived, not
            # read from the whole shipped table); without it, every pattern does
            requires, keys = requirements(self.pattern, table=not HAVE_RE2)
            self._prefilter = (requires, keys, None if requires is TRUE else check_of(requires))
        return self._prefilter

    @property
    def requires(self) -> Formula:
        return self._formula()[0]

    @property
    def keys(self) -> frozenset[str] | None:
        return self._formula()[1]

    @property
    def check(self) -> Check | None:
        return self._formula()[2]

    @property
    def lowered(self) -> re.Pattern[str] | None:
        if self._lowered is _UNKNOWN:
            self._lowered = lowered(self.pattern)
        return self._lowered

    @property
    def twin(self) -> tuple[str, bool] | None:
        if self._twin is _UNKNOWN:
            known, twin = shipped_twin(self.pattern)
            self._twin = twin if known else superset(self.pattern)
        return self._twin

    @property
    def one(self) -> Any:
        """The twin compiled alone (an RE2 regex), or None."""
        if self._one is _UNKNOWN:
            twin = self.twin
            self._one = None if twin is None else compile_one(twin[0])
        return self._one


def gated(pattern: re.Pattern[str]) -> Gated:
    return Gated(pattern)


@dataclass(frozen=True)
class GatedList:
    """One lexicon list: its patterns, and their ``twins`` (None: no RE2, or none has
    one). :attr:`index` serves the word formulas (see :meth:`bot.classify.scan.Scan`)."""

    patterns: tuple[Gated, ...]
    twins: Twins | None = None

    @cached_property
    def index(self) -> tuple[frozenset[str] | None, Mapping[str, int], int]:
        """``keys``: every text any pattern matches has one (None: not known);
        ``by_word``: for each key word, the patterns (a bit per index) that may need it;
        ``always``: the patterns with no key words (always candidates)."""
        gs = self.patterns
        keys = None if any(g.keys is None for g in gs) else frozenset().union(
            *(g.keys or () for g in gs))
        by_word: dict[str, int] = {}
        always = 0
        for i, g in enumerate(gs):
            if g.keys is None:
                always |= 1 << i
            for w in g.keys or ():
                by_word[w] = by_word.get(w, 0) | 1 << i
        return keys, by_word, always


def gated_list(patterns: Sequence[re.Pattern[str]]) -> GatedList:
    gs = tuple(gated(p) for p in patterns)
    return GatedList(gs, twins_of([g.twin for g in gs]))
