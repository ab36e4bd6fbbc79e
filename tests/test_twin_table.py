"""The shipped table of RE2 twins (bot/defaults/twin_table.json.gz) is what the
running code writes, covers every default pattern, and is ignored whenever it
was made by other code."""

from __future__ import annotations

import gzip
import json
import re

import pytest

import bot.classify.twin_table as table
from bot.classify.superset import superset
from tests.helpers import probe_counts


def test_the_shipped_table_is_what_the_code_writes() -> None:
    data = json.loads(gzip.decompress(table.PATH.read_bytes()))
    assert data["code"] == table.code_digest(), (
        "bot/classify/{superset,lowered}.py changed since the table was made "
        "(or another Python runs): run `make prefilter-table`")
    assert len(data["entries"]) > 300
    wrong = []
    for row in data["entries"]:
        twin = superset(re.compile(row["source"], row["flags"]))
        if (row["twin"], row["lower"]) != ((None, None) if twin is None else twin):
            wrong.append(row["source"][:60])
    assert not wrong, f"stale entries (run `make prefilter-table`): {wrong[:3]}"
    assert sum(row["twin"] is not None for row in data["entries"]) > 0.95 * len(data["entries"])


def test_every_default_pattern_is_in_the_table() -> None:
    """In a fresh process: building the default rules writes no twin itself."""
    probe = (
        "import bot.classify, bot.classify.superset as s\n"
        "written = []\n"
        "real = s.superset\n"
        "import bot.classify.gates as g\n"
        "g.superset = lambda p: written.append(p.pattern) or real(p)\n"
        "from bot.classify.rules import build_rules\n"
        "build_rules(text_model=False)\n"
        "for p in list(g.MADE): g.Gated(p).twin\n"
        "print(len(g.MADE), len(written), repr(written[:3]))\n")
    total, missing, examples = probe_counts(probe)
    assert total > 300
    assert missing == 0, f"twins written at every start (run `make prefilter-table`): {examples}"


def test_a_table_made_by_other_code_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    table._table.cache_clear()
    monkeypatch.setattr(table, "code_digest", lambda: "another")
    try:
        known, _ = table.shipped_twin(re.compile(r"\bcompassionate\b", re.I))
        assert table._table() == {} and not known
    finally:
        table._table.cache_clear()
