"""The default lexicon's prefilters, worked out ahead and shipped.  [reads a shipped file]

Deriving a pattern's prefilter (:func:`bot.classify.prefilter.requirements`)
reads its parse tree and simplifies formulas: for the default lexicon that is
over a second of CPU, paid by every process that builds rules (the daemon,
its prepare worker, each ``eabot`` command). The results depend only on the
pattern's text and flags, the analysing code and Python's case tables, so
they are computed once (``make prefilter-table``) and shipped as
``bot/defaults/prefilter_table.json.gz``: plain data (gzipped JSON), no pickle.

The file names the digest of the code that made it and the Python it was made
with; when either differs from the running one, the table is not used at all
and every prefilter is derived as before (slower, never wrong). A pattern the
table does not hold (an admin's own) is derived as before too.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.classify.formula import Formula

HERE = Path(__file__).resolve().parent
PATH = HERE.parent / "defaults" / "prefilter_table.json.gz"
_CODE = ("prefilter.py", "formula.py", "folding.py")
Entry = tuple[Formula, "frozenset[str] | None"]


def code_digest() -> str:
    """What the table's entries were derived by: the analysing code and the Python."""
    digest = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    for name in _CODE:
        digest.update(name.encode() + b"\0" + (HERE / name).read_bytes())
    return digest.hexdigest()


def encode(value: Any) -> Any:
    """A formula as JSON: tuples as lists, frozensets as ``{"set": [...]}`` (sorted)."""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return [encode(v) for v in value]
    if isinstance(value, frozenset):
        return {"set": sorted(value)}
    raise TypeError(f"not part of a formula: {value!r}")


def decode(value: Any, shared: dict[Any, Any] | None = None) -> Any:
    """:func:`encode`'s inverse. ``shared``: equal parts decoded before, reused (the
    table repeats words and sub-formulas many times; one copy of each is kept)."""
    if shared is None:
        shared = {}
    found: Any
    if isinstance(value, str):
        found = value
    elif isinstance(value, list):
        found = tuple(decode(v, shared) for v in value)
    elif isinstance(value, dict):
        found = frozenset(decode(v, shared) for v in value["set"])
    else:
        raise TypeError(f"not part of an encoded formula: {value!r}")
    return shared.setdefault(found, found)


def read_rows(path: Path, code: str) -> list[dict[str, Any]]:
    """A shipped table's entries; none when it is missing, unreadable or was made by
    other code than ``code`` (a digest)."""
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError):
        return []
    return list(data["entries"]) if data.get("code") == code else []


def write_rows(path: Path, code: str, entries: list[dict[str, Any]]) -> None:
    """Write a table (gzipped JSON, reproducible bytes)."""
    text = json.dumps({"code": code, "entries": entries}, ensure_ascii=False,
                      separators=(",", ":"))
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"wrote {path} ({path.stat().st_size} bytes)")


@lru_cache(maxsize=1)
def shipped() -> dict[tuple[str, int], Entry]:
    """The shipped table, keyed by (pattern text, flags); empty when it does not apply."""
    table: dict[tuple[str, int], Entry] = {}
    shared: dict[Any, Any] = {}
    for row in read_rows(PATH, code_digest()):
        keys = row["keys"]
        table[(row["source"], int(row["flags"]))] = (
            decode(row["requires"], shared),
            None if keys is None else decode({"set": keys}, shared))
    return table


def build() -> dict[str, Any]:
    """The table for every pattern the classifier's modules and the default rules
    prefilter, as the running code derives it (none taken from the shipped table)."""
    import bot.classify  # noqa: F401  (its modules' own patterns are gated at import)
    from bot.classify.gates import MADE
    from bot.classify.prefilter import derive
    from bot.classify.rules import build_rules

    build_rules(text_model=False)  # (gates are lazy: every pattern gated, in order)
    entries = []
    for source, flags in dict.fromkeys((p.pattern, p.flags) for p in MADE):
        requires, keys = derive(source, flags)
        entries.append({"source": source, "flags": flags, "requires": encode(requires),
                        "keys": None if keys is None else sorted(keys)})
    return {"code": code_digest(), "entries": entries}


def write() -> None:
    """Write the table for the running code (``make prefilter-table``; it is read only
    where ``google-re2`` is missing: see :mod:`bot.classify.gates`)."""
    table = build()
    write_rows(PATH, table["code"], table["entries"])
