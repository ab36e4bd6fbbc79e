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
import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, pairwise, repeat
from pathlib import Path
from types import MappingProxyType

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
MAX_CHARS = 3_000  # of the own text: the letter, not a pasted lab history
_TABLE = 64
_SUBLINEAR = [0.0] + [1.0 + math.log(n) for n in range(1, _TABLE)]
_SQUARED = [v * v for v in _SUBLINEAR]
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
    (sublinear counts, 1 + log n, L2-normalised)."""

    counts: Mapping[str, int]
    norm: float
    small: bool  # every count is below _TABLE

    def scaled(self, feature: str) -> float:
        """The feature's transformed count, as the model was trained on it."""
        n = self.counts[feature]
        return (_SUBLINEAR[n] if n < _TABLE else 1.0 + math.log(n)) / self.norm

    def all_scaled(self, features: Iterable[str]) -> Iterator[float]:
        """:meth:`scaled` of each feature, in C when the counts are small."""
        if not self.small:
            return map(self.scaled, features)
        return map(operator.truediv, map(_SUBLINEAR.__getitem__, map(self.counts.__getitem__,
                                                                     features)), repeat(self.norm))


@lru_cache(maxsize=4)
def _counted(text: str) -> _Counted:
    """Cached: the request, adverse-event and emergency models read the same text one
    after the other; read-only. Only the features a model has are ever scaled."""
    feats = features(text)
    counts = feats.values()
    small = max(counts, default=0) < _TABLE
    norm = math.sqrt(math.fsum(map(_SQUARED.__getitem__, counts)) if small
                     else math.fsum((1.0 + math.log(n)) ** 2 for n in counts)) or 1.0
    return _Counted(MappingProxyType(feats), norm, small)


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
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                   str(data.get("trained_on", "")), threshold)

    def _common(self, text: str) -> tuple[_Counted, set[str]]:
        """The text's counted features and those the model has too (found in C: a text
        has hundreds, the model thousands, they share fewer)."""
        counted = _counted(text[:MAX_CHARS])  # (all features() reads)
        return counted, counted.counts.keys() & self.weights.keys()

    def _z(self, counted: _Counted, common: set[str]) -> float:
        # fsum is correctly rounded whatever the order: the same score in every process,
        # whatever the hash seed (the prepare worker must agree with the daemon)
        return self.bias + math.fsum(map(operator.mul, map(self.weights.__getitem__, common),
                                         counted.all_scaled(common)))

    @staticmethod
    def _sigmoid(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probability(self, text: str) -> float:
        """The probability alone (the flag models' first question; the same as
        ``score(text).probability``)."""
        return self._sigmoid(self._z(*self._common(text)))

    def score(self, text: str) -> Scored:
        counted, common = self._common(text)
        prob = self._sigmoid(self._z(counted, common))
        # only features a person can read are named; ties are broken by name
        telling = common & self._telling_features
        contributions = list(zip(map(operator.mul, map(self.weights.__getitem__, telling),
                                     counted.all_scaled(telling)), telling, strict=True))
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
