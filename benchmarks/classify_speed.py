"""Time ``bot.classify``: ms per message on the backlog benchmark mail.  [script]

    .venv/bin/python benchmarks/classify_speed.py [--n 2000] [--passes 3]

Parses ``backlog(n)`` (benchmarks/backlog_mail.py) with ``bot.parsing.parse``
once, then times, per message and over ``--passes`` passes (median pass):

* ``classify(msg, rules)`` — the whole classification;
* ``analyse(msg, rules)`` — its context-free part, which another process may
  compute ahead of time;
* ``classify(msg, rules, analysis=...)`` — what is left when the analysis is
  given (the thread context is empty in all three).

Rules are those of config.example.toml, as the daemon builds them. Not a
test: it only prints figures (timings on a shared machine are noisy; compare
runs made close together).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from backlog_mail import backlog  # noqa: E402

import bot.classify as classify_mod  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.model import Inbound  # noqa: E402
from bot.parsing import parse  # noqa: E402


def timed(label: str, msgs: list[Inbound], fn: Callable[[Inbound], object], passes: int) -> float:
    """Median wall ms/msg over ``passes``; the CPU time (process_time) is shown too,
    as it is less disturbed by other work on the machine."""
    walls, cpus = [], []
    for _ in range(passes):
        wall, cpu = time.perf_counter(), time.process_time()
        for msg in msgs:
            fn(msg)
        walls.append((time.perf_counter() - wall) * 1000 / len(msgs))
        cpus.append((time.process_time() - cpu) * 1000 / len(msgs))
    median = statistics.median(walls)
    print(f"{label:<36} {median:7.3f} ms/msg wall, {statistics.median(cpus):7.3f} cpu  "
          f"(passes: {', '.join(f'{w:.3f}' for w in walls)})")
    return median


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    rules = load_config(ROOT / "config.example.toml").rules
    start = time.perf_counter()
    msgs = [parse(raw) for raw, _ in backlog(args.n)]
    print(f"parsed {len(msgs)} messages in {time.perf_counter() - start:.1f} s")
    classify = classify_mod.classify
    timed("classify(msg, rules)", msgs, lambda m: classify(m, rules), args.passes)
    analyse = getattr(classify_mod, "analyse", None)
    if analyse is None:
        print("analyse: not available in this version")
        return 0
    timed("analyse(msg, rules)", msgs, lambda m: analyse(m, rules), args.passes)
    analyses = {id(m): analyse(m, rules) for m in msgs}
    timed("classify(msg, rules, analysis=...)", msgs,
          lambda m: classify(m, rules, analysis=analyses[id(m)]), args.passes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
