"""Check that bot/parsing's fast structure reader agrees with the stdlib feed parser.  [script]

    .venv/bin/python benchmarks/parse_equivalence.py [--mutants 20000] [--seed 1]

``bot.parsing.parse`` builds the MIME tree of well-formed messages itself
(``_fast_structure`` in ``bot/parsing/structure.py``) and leaves everything
else to ``email``'s feed parser.
This parses every message twice, once each way, and requires identical
``Inbound`` results, for: the test corpora and examples, the benchmark's
generated backlog (realistic and small, CRLF and LF), and seeded random
mutations of those (truncation, bare CRs, swapped line ends, dropped blank
lines, doubled or damaged boundary lines, nested boundary reuse, 8-bit
bytes). It prints how many messages took the fast path and exits non-zero on
the first disagreement, showing the fields that differ.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from backlog_mail import backlog  # noqa: E402

import bot.parsing as parsing  # noqa: E402
from bot.parsing import structure  # noqa: E402

# Patched where it is looked up: _load (bot/parsing/structure.py) calls it.
_FAST = structure._fast_structure
_BOUNDARY_RE = re.compile(rb'boundary="?([^";\r\n]+)')


def both(raw: bytes, limit: int) -> tuple[object, object]:
    try:
        fast = parsing.parse(raw, max_body_chars=limit)
        structure._fast_structure = lambda data: None  # type: ignore[assignment]
        slow = parsing.parse(raw, max_body_chars=limit)
    finally:
        structure._fast_structure = _FAST
    return fast, slow


def took_fast_path(raw: bytes) -> bool:
    try:
        return _FAST(parsing._neutralise_bare_cr(raw, parsing._Defects())) is not None
    except Exception:
        return False


def mutate(raw: bytes, r: random.Random) -> bytes:
    boundaries = _BOUNDARY_RE.findall(raw)
    how = r.randrange(12)
    if how == 0:
        return raw[: r.randrange(len(raw) + 1)]
    if how == 1:
        i = r.randrange(len(raw) + 1)
        return raw[:i] + b"\r" + raw[i:]
    if how == 2:
        return raw.replace(b"\r\n", b"\n")
    if how == 3:
        return raw.replace(b"\r\n\r\n", b"\r\n", r.randrange(1, 4))
    if how == 4 and boundaries:
        b = r.choice(boundaries)
        return raw.replace(b"--" + b + b"\r\n", b"--" + b + b"\r\n--" + b + b"\r\n", 1)
    if how == 5 and boundaries:
        b = r.choice(boundaries)
        return raw.replace(b"--" + b + b"--", b"--" + b + r.choice([b"-", b" --", b"x--", b""]), 1)
    if how == 6 and len(boundaries) > 1:
        return raw.replace(boundaries[1], boundaries[0])
    if how == 7:
        i = r.randrange(len(raw) + 1)
        return raw[:i] + bytes(r.randrange(128, 256) for _ in range(3)) + raw[i:]
    if how == 8 and boundaries:
        b = r.choice(boundaries)
        return raw.replace(b"\r\n--" + b + b"\r\n", b"\r\n--" + b + b"  \t\r\n", 1)
    if how == 9:
        return raw.replace(b"Content-Type: multipart/alternative", b"Content-Type: multipart/digest", 1)
    if how == 10:
        return raw.replace(b"\r\nSubject:", b"\r\n Subject:", 1)
    if how == 11 and boundaries:
        b = r.choice(boundaries)
        return raw.replace(b"\r\n--" + b, b"\r\nFrom me\r\n--" + b, 1)
    return raw


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mutants", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    files = sorted([*ROOT.glob("tests/corpus/*.eml"), *ROOT.glob("tests/holdout/**/*.eml"),
                    *ROOT.glob("examples/mail/*.eml")])
    samples = [f.read_bytes() for f in files]
    samples += [raw for raw, _ in backlog(1500, args.seed)]
    samples += [raw for raw, _ in backlog(300, args.seed + 1, small=True)]
    samples += [raw.replace(b"\r\n", b"\n") for raw, _ in backlog(200, args.seed + 2)]
    r = random.Random(args.seed)
    mutants = [mutate(mutate(r.choice(samples), r), r) if r.random() < 0.3
               else mutate(r.choice(samples), r) for _ in range(args.mutants)]
    fast_count = 0
    for index, raw in enumerate(samples + mutants):
        limit = 200_000 if index % 3 else r.randrange(0, 5000)
        fast_count += took_fast_path(raw)
        fast, slow = both(raw, limit)
        if fast != slow:
            print(f"message {index}: the fast path disagrees with the feed parser")
            for name in fast.__dataclass_fields__:  # type: ignore[attr-defined]
                a, b = getattr(fast, name), getattr(slow, name)
                if a != b:
                    print(f"  {name}:\n    fast {a!r:.300}\n    feed {b!r:.300}")
            return 1
    total = len(samples) + len(mutants)
    print(f"{total} messages ({len(samples)} samples, {len(mutants)} mutants): identical; "
          f"{fast_count} took the fast path")
    return 0


if __name__ == "__main__":
    sys.exit(main())
