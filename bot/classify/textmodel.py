"""Small linear text models: how much a message reads like an EA request, a
safety report or an emergency.  [pure]

The rules know the vocabulary; these models know how the development mail
was *written*. Each is a logistic regression over word unigrams and bigrams
and character 4-grams of words, trained offline on the development mailboxes
(``benchmarks/train_text_model.py``; never on the sealed ones) and shipped
in ``bot/defaults/`` — feature → weight, plain data, no pickle:

* ``request_model.json``: an EA request or follow-up (see :mod:`bot.classify.combine`);
* ``adverse_event_model.json``: an adverse event in a person exposed to our drug;
* ``emergency_model.json``: a patient in an emergency
  (both see :mod:`bot.classify.model_flags`).

Inference is a dictionary lookup per feature, in pure Python; the three
models share one feature count per text.

Every use is explainable: :meth:`TextModel.explain` names the features that
pushed the score most in each direction, and those become the reason.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, compress, groupby, pairwise, repeat
from pathlib import Path
from types import MappingProxyType

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
MAX_CHARS = 3_000  # of the own text: the letter, not a pasted lab history
_TABLE = 64
_SUBLINEAR = [0.0] + [1.0 + math.log(n) for n in range(1, _TABLE)]
_SQUARED = [v * v for v in _SUBLINEAR]
_FIXED_BITS = 32
_FIXED_ONE = float(1 << _FIXED_BITS)
_DEFAULTS = Path(__file__).resolve().parent.parent / "defaults"
DEFAULT_PATH = _DEFAULTS / "request_model.json"
ADVERSE_EVENT_PATH = _DEFAULTS / "adverse_event_model.json"
EMERGENCY_PATH = _DEFAULTS / "emergency_model.json"


def features(text: str) -> Counter[str]:
    """Word unigrams (``w:``), bigrams (``b:``) and char 4-grams (``c:``) of words."""
    words = ["#" if w.isdigit() else w for w in _WORD.findall(text[:MAX_CHARS].lower())]
    found = Counter(chain.from_iterable(map(_word_grams, words)))
    found.update(f"b:{a} {b}" for a, b in pairwise(words))
    return found


@dataclass(frozen=True)
class _Counted:
    """A text's features with their counts and the norm the trainer divides by
    (sublinear counts, 1 + log n, L2-normalised); the features grouped so that a
    model sums its weights group by group (:meth:`TextModel._z`)."""

    counts: Mapping[str, int]
    norm: float
    # the features as a model sums them: (a scale, features); the sublinear count of a
    # feature counted n times is the sum of the scales of the groups it is in
    groups: tuple[tuple[float, Collection[str]], ...]

    def scaled(self, feature: str) -> float:
        """The feature's transformed count, as the model was trained on it."""
        return _sublinear(self.counts[feature]) / self.norm


def _sublinear(n: int) -> float:
    return _SUBLINEAR[n] if n < _TABLE else 1.0 + math.log(n)


@lru_cache(maxsize=4)
def _counted(text: str) -> _Counted:
    """Cached: the request, adverse-event and emergency models read the same text one
    after the other; read-only. Only the features a model has are ever scaled."""
    feats = features(text)
    count = feats.__getitem__
    # every feature once at 1 + log 1, then those counted more, group by group, for the rest
    more = sorted(compress(feats, map((1).__lt__, feats.values())), key=count)
    groups = ((1.0, feats.keys()), *((_sublinear(n) - 1.0, tuple(fs))
                                     for n, fs in groupby(more, count)))
    counts = feats.values()
    norm = math.sqrt(math.fsum(map(_SQUARED.__getitem__, counts)) if max(counts) < _TABLE
                     else math.fsum(_sublinear(n) ** 2 for n in counts)) if counts else 1.0
    return _Counted(MappingProxyType(feats), norm, groups)


@lru_cache(maxsize=16_384)
def _word_grams(word: str) -> tuple[str, ...]:
    """A word's unigram and its char 4-grams (cached: words repeat from letter to letter)."""
    if len(word) < 4:
        return ("w:" + word,)
    padded = f"<{word}>"
    return ("w:" + word, *("c:" + padded[j:j + 4] for j in range(len(padded) - 3)))


@dataclass(frozen=True)
class Scored:
    probability: float
    pro: tuple[tuple[str, float], ...]  # strongest features for "request"
    con: tuple[tuple[str, float], ...]  # strongest against


@dataclass(frozen=True)
class TextModel:
    weights: dict[str, float]
    bias: float
    trained_on: str = ""
    threshold: float = 0.5  # the probability from which the model says yes (flag models)

    @classmethod
    def load(cls, path: Path | None = None) -> TextModel:
        data = json.loads((path or DEFAULT_PATH).read_text(encoding="utf-8"))
        threshold = float(data.get("threshold", 0.5))
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold {threshold} is not a probability between 0 and 1")
        model = cls({str(k): float(v) for k, v in data["weights"].items()},
                    float(data["bias"]), str(data.get("trained_on", "")), threshold)
        model.warm()
        return model

    def warm(self) -> None:
        """Build the derived tables now (before the daemon forks its prepare worker,
        which then shares them), not at the first message."""
        for table in (self._fixed, self._telling_features):
            assert table is not None

    @cached_property
    def _fixed(self) -> dict[str, int]:
        """The weights in fixed point (units of 2**-_FIXED_BITS): summed as integers they
        are exact in any order, so the worker and the daemon, whose string hashes differ,
        agree to the last bit; the rounding (below 1e-10 a weight) changes no decision."""
        return {f: round(w * _FIXED_ONE) for f, w in self.weights.items()}

    def _z(self, counted: _Counted) -> float:
        """The logit: each count group's weights summed exactly (every feature of the
        text looked up once, in C), then scaled, groups in a fixed order."""
        get, total = self._fixed.get, 0.0
        for scale, feats in counted.groups:
            total += scale * sum(map(get, feats, repeat(0)))
        return self.bias + total / (_FIXED_ONE * counted.norm)

    @staticmethod
    def _sigmoid(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probability(self, text: str) -> float:
        """The probability alone (the flag models' first question; the same as
        ``score(text).probability``)."""
        return self._sigmoid(self._z(_counted(text[:MAX_CHARS])))  # (all features() reads)

    def score(self, text: str) -> Scored:
        counted = _counted(text[:MAX_CHARS])
        prob = self._sigmoid(self._z(counted))
        # only features a person can read are named; ties are broken by name
        telling = counted.counts.keys() & self._telling_features
        weights = self.weights
        contributions = [(weights[f] * counted.scaled(f), f) for f in telling]
        pro = tuple((_readable(f), c) for c, f in heapq.nlargest(
            4, (p for p in contributions if p[0] > 0)))
        con = tuple((_readable(f), c) for c, f in heapq.nsmallest(
            4, (p for p in contributions if p[0] < 0)))
        return Scored(prob, pro, con)

    @cached_property
    def _telling_features(self) -> frozenset[str]:
        """The features that make a reason a person can read (see :func:`_telling`)."""
        return frozenset(f for f in self.weights if _telling(f))

    def explain(self, scored: Scored, reads_like: str = "a request") -> str:
        pro = ", ".join(f"{f!r}" for f, _ in scored.pro) or "none"
        con = ", ".join(f"{f!r}" for f, _ in scored.con) or "none"
        return (f"reads like {reads_like} with probability {scored.probability:.2f} "
                f"(strongest for: {pro}; against: {con})")


_STOP = frozenset({
    "the", "and", "for", "with", "has", "have", "had", "was", "were", "are", "you", "your",
    "our", "his", "her", "him", "she", "they", "them", "this", "that", "from", "not", "but",
    "can", "will", "would", "could", "any", "all",
    # the same little words in the other languages eabot reads: a reason in German or
    # Italian should name "Blutungen" or "febbre", not "und" or "per"
    "der", "das", "und", "ist", "hat", "ein", "eine", "für", "mit", "den", "dem", "des",
    "sie", "wir", "ich", "auf", "nicht", "von", "les", "une", "est", "pour", "dans",
    "par", "qui", "que", "avec", "sur", "pas", "ses", "nous", "vous", "los", "las",
    "una", "por", "con", "para", "del", "mis", "sus", "per", "che", "non", "della",
    "nel", "sono", "mia", "mio", "uma", "com", "não", "dos", "het",
    "een", "van", "voor", "met", "niet", "zijn", "ons", "nie", "jest", "się", "czy", "ale",
})


def _telling(feature: str) -> bool:
    """Whether a feature makes a reason a person can read (words, not digits or 'the')."""
    kind, _, text = feature.partition(":")
    if "#" in text or kind == "c":
        return False
    words = text.split()
    return any(len(w) > 2 and w not in _STOP for w in words)


def _readable(feature: str) -> str:
    kind, _, text = feature.partition(":")
    return f"…{text.strip('<>')}…" if kind == "c" else text
