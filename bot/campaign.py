"""Near-duplicate detection for letter-writing campaigns.  [pure]

A 64-bit SimHash over word 3-shingles of the sender's own text. Copies of one
template letter with different names and signatures land within a few bits of
each other; unrelated letters do not.

Bit ``k`` of the fingerprint is set when more than half of the shingles'
BLAKE2b-64 hashes (read big-endian) have bit ``k`` set. The per-bit counts are
taken over all digests at once, a byte column and bit at a time
(``bytes.translate`` then ``count``, in C), rather than bit by bit in Python;
the result is the same integer.

:class:`FingerprintIndex` finds the stored fingerprints within
``MAX_DISTANCE`` bits of a new one without comparing against every row.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_left
from itertools import combinations

# A word: two or more of the characters ``[a-zà-ÿ]`` matches with re.IGNORECASE,
# spelled out (faster than case-insensitive matching; tests/test_campaign.py
# checks the two agree on every code point): ASCII letters, U+00C0-U+00FF but
# for × and ß, and İ ı Ÿ ſ, the Kelvin sign and the Angstrom sign.
_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00de\u00e0-\u00ff\u0130\u0131\u0178\u017f\u212a\u212b]{2,}")
MAX_DISTANCE = 10
MIN_WORDS = 25
_BLAKE2B_64 = hashlib.blake2b(digest_size=8)  # copied for each shingle: cheaper than a new one
# _BIT[b][byte] == 1 when bit b (0 = least significant) of byte is set.
_BIT = tuple(bytes((v >> b) & 1 for v in range(256)) for b in range(8))


def simhash(text: str) -> str | None:
    """Hex SimHash of ``text``, or None when it is too short to compare."""
    found = _WORD.findall(text[:20_000])
    if len(found) < MIN_WORDS:
        return None
    # The same bytes as " ".join(words[i:i + 3]).encode() of the lower-cased words:
    # words hold no spaces and lower-casing them never makes one.
    words = " ".join(found).lower().encode().split(b" ")
    copy = _BLAKE2B_64.copy
    hashes = []
    for shingle in map(b" ".join, zip(words, words[1:], words[2:], strict=False)):
        h = copy()
        h.update(shingle)
        hashes.append(h.digest())
    digests = b"".join(hashes)
    count = len(words) - 2
    value = 0
    for j in range(8):  # byte j of every digest holds bits 63-8j .. 56-8j of its value
        column = digests[j::8]
        for b in range(8):
            if 2 * column.translate(_BIT[b]).count(1) > count:
                value |= 1 << (8 * (7 - j) + b)
    return f"{value:016x}"


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def similar(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and distance(a, b) <= MAX_DISTANCE


# Multi-index hashing: the 64 bits are cut into four 16-bit blocks. Two values
# within MAX_DISTANCE bits differ in at most MAX_DISTANCE // 4 bits of at least
# one block (pigeonhole: if every block differed in more, the total would exceed
# MAX_DISTANCE). So every match shares, in some block, a key within that many
# bits of the query's key; each such candidate is then checked exactly.
_BLOCKS = 4
_RADIUS = MAX_DISTANCE // _BLOCKS
_PROBES = tuple(sorted({sum(1 << bit for bit in bits) for r in range(_RADIUS + 1)
                        for bits in combinations(range(16), r)}))
_SPAN = 1024  # rows per span of the "latest logged_at so far" list


class FingerprintIndex:
    """64-bit fingerprints of rows (added in ascending row id), searchable by distance.

    Memory: 32 bytes a row plus 1 MB of bucket heads. Each block keeps, per
    16-bit key, a chain of the rows with that key (newest first), so a search
    can stop at the first row older than the window it is asked about.
    """

    def __init__(self) -> None:
        self.ids = array("q")
        self.values = array("Q")
        self._heads = [array("i", [-1]) * 65536 for _ in range(_BLOCKS)]
        self._next = [array("i") for _ in range(_BLOCKS)]
        self._latest: list[str] = []  # [s]: max logged_at of the rows in spans 0..s

    def __len__(self) -> int:
        return len(self.values)

    def add(self, row_id: int, value: int, logged_at: str) -> None:
        if self.ids and row_id <= self.ids[-1]:
            raise ValueError("rows must be added in ascending id")
        pos = len(self.values)
        self.ids.append(row_id)
        self.values.append(value)
        for k in range(_BLOCKS):
            key = value >> (16 * k) & 0xFFFF
            self._next[k].append(self._heads[k][key])
            self._heads[k][key] = pos
        if pos % _SPAN == 0:
            self._latest.append(max(self._latest[-1], logged_at) if self._latest else logged_at)
        elif logged_at > self._latest[-1]:
            self._latest[-1] = logged_at

    def near(self, value: int, since: str) -> list[int]:
        """Ids (ascending) of rows within MAX_DISTANCE bits of ``value``. Rows of the
        spans logged entirely before ``since`` are skipped; the caller checks
        ``logged_at`` of the rest."""
        start = bisect_left(self._latest, since) * _SPAN
        values = self.values
        seen: set[int] = set()
        for k in range(_BLOCKS):
            heads, chain = self._heads[k], self._next[k]
            key = value >> (16 * k) & 0xFFFF
            for pos in [heads[key ^ probe] for probe in _PROBES]:
                while pos >= start:
                    seen.add(pos)
                    pos = chain[pos]
        ids = self.ids
        return sorted([ids[p] for p in seen if (values[p] ^ value).bit_count() <= MAX_DISTANCE])
