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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, pairwise
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


@lru_cache(maxsize=4)
def _scaled(text: str) -> Mapping[str, float]:
    """Each feature of ``text`` with its count transformed as the trainer did (sublinear,
    1 + log n, then L2-normalised); cached: the request, adverse-event and emergency
    models read the same text one after the other; read-only."""
    feats = features(text)
    counts = feats.values()
    norm = math.sqrt(math.fsum(map(_SQUARED.__getitem__, counts)) if max(counts, default=0)
                     < _TABLE else math.fsum((1.0 + math.log(n)) ** 2 for n in counts)) or 1.0
    return MappingProxyType({f: (_SUBLINEAR[n] if n < _TABLE else 1.0 + math.log(n)) / norm
                             for f, n in feats.items()})


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

    def _contributions(self, text: str) -> list[tuple[float, str]]:
        """Each feature both ``text`` and the model have, with its weight times its
        transformed count (the features in common are found in C: a text has hundreds, the
        model thousands, they share fewer; their order varies with the hash seed, which
        fsum and the named tie-breaks make harmless)."""
        scaled, weights = _scaled(text[:MAX_CHARS]), self.weights  # (all features() reads)
        return [(weights[f] * scaled[f], f) for f in scaled.keys() & weights.keys()]

    @staticmethod
    def _sigmoid(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probability(self, text: str) -> float:
        """The probability alone, all in C (the flag models' first question; equal to
        ``score(text).probability`` but for the last bits of rounding)."""
        scaled, weights = _scaled(text[:MAX_CHARS]), self.weights
        common = scaled.keys() & weights.keys()
        return self._sigmoid(self.bias + math.fsum(map(
            operator.mul, map(weights.__getitem__, common), map(scaled.__getitem__, common))))

    def score(self, text: str) -> Scored:
        contributions = self._contributions(text)
        # fsum is correctly rounded whatever the order, and ties are broken by name:
        # the same score and reasons in every process, whatever the hash seed (the
        # prepare worker must agree with the daemon)
        prob = self._sigmoid(self.bias + math.fsum(c for c, _ in contributions))
        telling = self._telling_features
        pro = tuple((_readable(f), c) for c, f in heapq.nlargest(
            4, (p for p in contributions if p[0] > 0 and p[1] in telling)))
        con = tuple((_readable(f), c) for c, f in heapq.nsmallest(
            4, (p for p in contributions if p[0] < 0 and p[1] in telling)))
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
