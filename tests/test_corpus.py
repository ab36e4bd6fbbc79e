"""Classifier regressions on the first labelled corpus (tests/corpus) and tests/holdout.

Both were written by one team and the rules were tuned on both; the text model is
trained on them too. They are development data: these thresholds catch regressions,
they are not evidence of quality (see the sealed figures in the README and
benchmarks/classify_eval.py). Message by message, without threading context."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.classify import classify
from bot.config import load_config
from bot.model import Classification, ThreadContext
from bot.parsing import parse
from tests.conftest import CORPUS, HOLDOUT, ROOT


@dataclass(frozen=True)
class Item:
    file: str
    category: str
    role: str
    emergency: bool
    adverse_event: bool


def labels(corpus: Path = CORPUS) -> list[Item]:
    with (corpus / "labels.csv").open(encoding="utf-8") as fh:
        return [Item(r["file"], r["category"], r["requester_role"], r["emergency"] == "1",
                     r["adverse_event"] == "1") for r in csv.DictReader(fh)]


def context_for(sender: str, corpus: Path = CORPUS) -> ThreadContext:
    with (corpus / "known_cases.csv").open(encoding="utf-8") as fh:
        known = list(csv.DictReader(fh))
    return ThreadContext(
        case_by_message_id={k["message_id"]: k["tag"] for k in known},
        known_case_tags=frozenset(k["tag"] for k in known),
        open_case_tags_of_sender=tuple(k["tag"] for k in known if k["requester"].lower() == sender))


def run_set(corpus: Path) -> list[tuple[Item, Classification]]:
    rules = load_config(ROOT / "config.example.toml").rules
    out = []
    for item in labels(corpus):
        msg = parse((corpus / item.file).read_bytes())
        out.append((item, classify(msg, rules, context_for(msg.from_addr, corpus))))
    return out


@pytest.fixture(scope="module", params=["corpus", "holdout"])
def results(request: pytest.FixtureRequest) -> list[tuple[Item, Classification]]:
    """Both labelled sets: tests/corpus (tuned on) and tests/holdout (never tuned on)."""
    return run_set(CORPUS if request.param == "corpus" else HOLDOUT)


def _report(pairs: list[tuple[Item, Classification]]) -> str:
    return "\n".join(f"{i.file}: labelled {i.category}/{i.role or '-'} got {c.category.value}/"
                     f"{c.role.value if c.role else '-'}; " + " | ".join(c.reason_strings[-4:])
                     for i, c in pairs)


def test_corpus_is_big_and_varied() -> None:
    items = labels()
    assert len(items) >= 80
    counts = Counter(i.category for i in items)
    assert all(counts[c] >= 10 for c in ("ea_request", "ea_followup", "other", "auto_reply"))
    assert sum(i.emergency for i in items) >= 5 and sum(i.adverse_event for i in items) >= 5


def test_ea_request_precision_and_recall(results: list[tuple[Item, Classification]]) -> None:
    tp = [(i, c) for i, c in results if i.category == "ea_request" and c.category == "ea_request"]
    fn = [(i, c) for i, c in results if i.category == "ea_request" and c.category != "ea_request"]
    fp = [(i, c) for i, c in results if i.category != "ea_request" and c.category == "ea_request"]
    recall = len(tp) / (len(tp) + len(fn))
    precision = len(tp) / (len(tp) + len(fp))
    print(f"ea_request: recall {recall:.3f}, precision {precision:.3f} "
          f"(tp {len(tp)}, fn {len(fn)}, fp {len(fp)})")
    assert recall >= 0.98, "missed requests:\n" + _report(fn)
    assert precision >= 0.95, "false requests:\n" + _report(fp)


def test_machine_mail_is_never_a_request(results: list[tuple[Item, Classification]]) -> None:
    wrong = [(i, c) for i, c in results if i.category == "auto_reply" and c.category != "auto_reply"]
    assert not wrong, _report(wrong)
    human_as_machine = [(i, c) for i, c in results
                        if i.category != "auto_reply" and c.category == "auto_reply"]
    assert not human_as_machine, _report(human_as_machine)


def test_followups_attach(results: list[tuple[Item, Classification]]) -> None:
    wrong = [(i, c) for i, c in results if i.category == "ea_followup" and c.category != "ea_followup"]
    assert not wrong, _report(wrong)


def test_roles(results: list[tuple[Item, Classification]]) -> None:
    reqs = [(i, c) for i, c in results if i.category == "ea_request" and c.category == "ea_request"]
    wrong = [(i, c) for i, c in reqs if (c.role.value if c.role else "") != i.role]
    accuracy = 1 - len(wrong) / len(reqs)
    print(f"role accuracy {accuracy:.3f}")
    assert accuracy >= 0.85, _report(wrong)


def test_flags_never_missed(results: list[tuple[Item, Classification]]) -> None:
    missed_em = [(i, c) for i, c in results if i.emergency and not c.emergency]
    missed_ae = [(i, c) for i, c in results if i.adverse_event and not c.adverse_event]
    assert not missed_em, "missed emergencies:\n" + _report(missed_em)
    assert not missed_ae, "missed adverse events:\n" + _report(missed_ae)
    humans = [(i, c) for i, c in results if i.category != "auto_reply"]
    false_em = [(i, c) for i, c in humans if c.emergency and not i.emergency]
    false_ae = [(i, c) for i, c in humans if c.adverse_event and not i.adverse_event]
    print(f"false emergencies {len(false_em)}, false adverse events {len(false_ae)}")
    assert len(false_em) <= max(2, len(humans) // 20), _report(false_em)
    assert len(false_ae) <= max(3, len(humans) // 10), _report(false_ae)


@pytest.mark.parametrize("corpus", [CORPUS, HOLDOUT])
def test_every_file_labelled(corpus: Path) -> None:
    files = {p.name for p in corpus.glob("*.eml")}
    assert files == {i.file for i in labels(corpus)}
