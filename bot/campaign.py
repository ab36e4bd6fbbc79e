"""Near-duplicate detection for letter-writing campaigns.  [pure]

A 64-bit SimHash over word 3-shingles of the sender's own text. Copies of one
template letter with different names and signatures land within a few bits of
each other; unrelated letters do not.
"""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"[a-zà-ÿ]{2,}", re.IGNORECASE)
MAX_DISTANCE = 10
MIN_WORDS = 25


def simhash(text: str) -> str | None:
    """Hex SimHash of ``text``, or None when it is too short to compare."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < MIN_WORDS:
        return None
    weights = [0] * 64
    for i in range(len(words) - 2):
        shingle = " ".join(words[i:i + 3]).encode()
        h = int.from_bytes(hashlib.blake2b(shingle, digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return f"{value:016x}"


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def similar(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and distance(a, b) <= MAX_DISTANCE
