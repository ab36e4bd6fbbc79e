"""The default lexicon's RE2 twins, worked out ahead and shipped.  [reads a shipped file]

Writing a pattern's twin (:func:`bot.classify.superset.superset`) reads its
parse tree and works out byte classes: for the default lexicon that is about
0.4 s of CPU at every start of every process (the daemon, its prepare worker,
each ``eabot`` command). The twins depend only on the pattern's text and
flags, the writing code and Python's character tables, so they are written
once (``make prefilter-table``) into ``bot/defaults/twin_table.json.gz``:
plain data, no pickle. When the digest of the code or the Python differs, the
table is not used and every twin is written as before (slower, never wrong);
a pattern the table does not hold (an admin's own) is written as before too.
"""

from __future__ import annotations

import hashlib
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.classify.prefilter_table import read_rows, write_rows

HERE = Path(__file__).resolve().parent
PATH = HERE.parent / "defaults" / "twin_table.json.gz"
_CODE = ("superset.py", "lowered.py")
Twin = tuple[str, bool]


def code_digest() -> str:
    """What the table's twins were written by: the writing code and the Python."""
    digest = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]} "
                            f"unicode {_unicode_version()}\0".encode())
    for name in _CODE:
        digest.update(name.encode() + b"\0" + (HERE / name).read_bytes())
    return digest.hexdigest()


def _unicode_version() -> str:
    import unicodedata
    return unicodedata.unidata_version


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, int], Twin | None]:
    return {(row["source"], int(row["flags"])): None if row["twin"] is None
            else (str(row["twin"]), bool(row["lower"]))
            for row in read_rows(PATH, code_digest())}


def shipped_twin(pattern: re.Pattern[str]) -> tuple[bool, Twin | None]:
    """Whether the table knows ``pattern``, and its twin (None: it has none)."""
    table = _table()
    key = (pattern.pattern, pattern.flags)
    return (True, table[key]) if key in table else (False, None)


def build() -> dict[str, Any]:
    """The table for every pattern the classifier's modules and the default rules
    gate, as the running code writes them (none taken from the shipped table)."""
    import bot.classify  # noqa: F401  (its modules' own patterns are gated at import)
    from bot.classify.gates import MADE
    from bot.classify.rules import build_rules
    from bot.classify.superset import superset

    build_rules(text_model=False)
    entries = []
    for pattern in dict.fromkeys(MADE):
        twin = superset(pattern)
        entries.append({"source": pattern.pattern, "flags": pattern.flags,
                        "twin": None if twin is None else twin[0],
                        "lower": None if twin is None else twin[1]})
    return {"code": code_digest(), "entries": entries}


def write() -> None:
    """Write the table for the running code (``make prefilter-table``)."""
    table = build()
    write_rows(PATH, table["code"], table["entries"])
