"""Whole-cycle quality on the development mailboxes (tests/mailboxes/dev-*), scored by
benchmarks/classify_eval.py as a user sees it. These sets were tuned on (rules) and
trained on (text model): the test guards against regressions, it is not evidence of
quality — the sealed figures in the README are. Sealed mailboxes are never run here."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from classify_eval import read_labels, run_mailbox, score

DEV = sorted(p for p in (ROOT / "tests" / "mailboxes").iterdir() if p.name.startswith("dev"))


@pytest.fixture(scope="module")
def counts() -> Counter[str]:
    total: Counter[str] = Counter()
    for folder in DEV:
        labels = read_labels(folder)
        total.update(score(labels, run_mailbox(folder, labels)))
    return total


def test_there_is_enough_development_mail() -> None:
    assert len(DEV) >= 3
    assert sum(len(read_labels(f)) for f in DEV) >= 300


def test_no_request_is_silently_filed(counts: Counter[str]) -> None:
    # none of the 1,433 development requests and follow-ups reaches nobody (session 8)
    assert counts["silent_miss"] == 0
    assert counts["ea_tp"] / counts["ea"] >= 0.99


def test_only_requests_are_acknowledged(counts: Counter[str]) -> None:
    assert counts["acked_machine"] == 0
    assert counts["acked_other"] / counts["human_other"] <= 0.02


def test_flags_threading_roles_and_review_load(counts: Counter[str]) -> None:
    # (317/318 and 350/358 today, after the rules learnt dev-z9 and dev-z11, which were
    # scored on arrival first: 22/35 emergencies, 7/11 adverse events)
    assert counts["emergency_hit"] / counts["emergency"] >= 0.99
    assert counts["ae_hit"] / counts["ae"] >= 0.975
    # (36 of the follow-ups belong to cases opened before their mailbox begins: never right;
    # of the others 557/606 today; dev-z1, written to be hard, still has 18 wrong)
    assert counts["followup_ok"] / counts["followups_possible"] >= 0.90
    assert counts["role_ok"] / counts["role_n"] >= 0.93
    assert counts["review"] / counts["human"] <= 0.25
    assert counts["crashes"] == 0 and counts["missing"] == 0


def test_the_scorer_counts_what_it_says(tmp_path: Path) -> None:
    """The scorer itself, on a two-message mailbox whose outcome is known."""
    from tests.mailgen import PHYSICIAN_BODY, make

    (tmp_path / "001_req.eml").write_bytes(make(body=PHYSICIAN_BODY))
    (tmp_path / "002_ooo.eml").write_bytes(make(
        "Automatic reply: hello", "I am out of the office.", "dr.x@h.example",
        headers={"Auto-Submitted": "auto-replied"}))
    (tmp_path / "labels.csv").write_text(
        "file,category,requester_role,emergency,adverse_event,case,note\n"
        "001_req.eml,ea_request,physician,0,0,c1,\n002_ooo.eml,other,,0,0,,deliberately wrong\n")
    labels = read_labels(tmp_path)
    c = score(labels, run_mailbox(tmp_path, labels))
    assert c["ea_tp"] == 1 and c["requests_acked"] == 1 and c["role_ok"] == 1
    assert c["human_other"] == 1 and c["acked_other"] == 0 and c["silent_miss"] == 0
