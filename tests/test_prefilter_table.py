"""The shipped table of prefilters (bot/defaults/prefilter_table.json.gz) is what
the running code derives, covers every default pattern, and is ignored whenever
it was made by other code."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

import bot.classify.prefilter_table as table
from bot.classify.formula import TRUE
from bot.classify.prefilter import derive, requirements
from tests.helpers import probe_counts


def test_the_shipped_table_is_what_the_code_derives() -> None:
    data = json.loads(gzip.decompress(table.PATH.read_bytes()))
    assert data["code"] == table.code_digest(), (
        "bot/classify/{prefilter,formula,folding}.py changed since the table was made "
        "(or another Python runs): run `make prefilter-table`")
    assert len(table.shipped()) == len(data["entries"]) > 300
    # (derivation is deterministic: no set's iteration order reaches a formula)
    wrong = [(row["source"], row["flags"]) for row in data["entries"]
             if [row["requires"], row["keys"]] != _encoded(derive(row["source"], row["flags"]))]
    assert not wrong, f"stale entries (run `make prefilter-table`): {wrong[:3]}"


def _encoded(found: tuple[Any, frozenset[str] | None]) -> list[Any]:
    requires, keys = found
    return [json.loads(json.dumps(table.encode(requires))),
            None if keys is None else sorted(keys)]


def test_every_default_pattern_is_in_the_table() -> None:
    """In a fresh process (this one has seen the other tests' own patterns): building
    the default rules derives nothing; every prefilter comes from the table."""
    probe = (
        "import bot.classify\n"
        "from bot.classify.gates import MADE\n"
        "from bot.classify.prefilter import seen, requirements\n"
        "from bot.classify.prefilter_table import shipped\n"
        "from bot.classify.rules import build_rules\n"
        "build_rules(text_model=False)\n"
        "for p in MADE: requirements(p)  # (what a process without google-re2 reads)\n"
        "missing = [key for key in seen() if key not in shipped()]\n"
        "print(len(seen()), len(missing), repr(missing[:3]))\n")
    total, missing, examples = probe_counts(probe)
    assert total > 300
    assert missing == 0, f"patterns derived at every start (run `make prefilter-table`): {examples}"


def test_a_pattern_not_in_the_table_is_derived() -> None:
    import re
    pattern = re.compile(r"\bcompassionate\s+release of (?:zorblax|quuxine)\b", re.I)
    assert (pattern.pattern, pattern.flags) not in table.shipped()
    requires, keys = requirements(pattern)
    assert requires != TRUE and keys == frozenset({"compassionate"})


def test_a_table_made_by_other_code_is_not_used(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(gzip.decompress(table.PATH.read_bytes()))
    data["code"] = "0" * 64
    other = tmp_path / "t.json.gz"
    other.write_bytes(gzip.compress(json.dumps(data).encode()))
    monkeypatch.setattr(table, "PATH", other)
    table.shipped.cache_clear()
    try:
        assert table.shipped() == {}
        other.write_bytes(b"not gzip")
        table.shipped.cache_clear()
        assert table.shipped() == {}
    finally:
        table.shipped.cache_clear()


def test_formulas_survive_the_round_trip() -> None:
    for source, flags in list(table.shipped())[:400]:
        requires, _ = derive(source, flags)
        assert table.decode(json.loads(json.dumps(table.encode(requires)))) == requires
