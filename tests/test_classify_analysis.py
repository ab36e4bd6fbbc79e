"""``analyse`` + ``classify(..., analysis=)`` equals ``classify``; the prefilters
never skip a pattern that would match.

The classifier's expensive, context-free part (``bot.classify.analyse``) can be
computed ahead of time; given to ``classify`` it must change nothing, for any
message and any thread context. Lexicon searches skip patterns that a literal
prefilter proves cannot match (``bot.classify.prefilter``); here every such
search is compared with running every pattern, on the labelled corpora and on
generated backlog mail, and the case folding it rests on is checked for every
code point.
"""

from __future__ import annotations

import _sre
import csv
import importlib
import pickle
import re
import sys
from functools import cache

import pytest

from bot.classify import Analysis, analyse, build_rules, classify
from bot.classify.content import _ACQUIRE, _signature, own_text
from bot.classify.flags import _EXPLICIT_AE, _URGENT
from bot.classify.folding import EXTRA_CASES, fold, folds_cleanly, words
from bot.classify.formula import TRUE
from bot.classify.guards import _OOO_BODY
from bot.classify.prefilter import requirements
from bot.classify.rules import Rules
from bot.classify.scan import Gated, Match, gated
from bot.classify.thread import _NEW_PATIENT
from bot.config import load_config
from bot.model import Inbound, ThreadContext
from bot.parsing import parse
from tests.conftest import CORPUS, HOLDOUT, ROOT

BACKLOG = 300  # generated messages (benchmarks/backlog_mail.py), besides both corpora
TAG = re.compile(r"\[(EA-\d{4}-\d{3,6})\]")


@cache
def rules() -> Rules:
    return load_config(ROOT / "config.example.toml").rules


@cache
def messages() -> tuple[tuple[str, Inbound], ...]:
    out = [(f"{d.name}/{f.name}", parse(f.read_bytes()))
           for d in (CORPUS, HOLDOUT) for f in sorted(d.glob("*.eml"))]
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    backlog_mail = importlib.import_module("backlog_mail")
    out += [(f"backlog/{i}", parse(raw)) for i, (raw, _) in enumerate(backlog_mail.backlog(BACKLOG, 7))]
    return tuple(out)


def known_cases() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for d in (CORPUS, HOLDOUT):
        with (d / "known_cases.csv").open(encoding="utf-8") as fh:
            rows += csv.DictReader(fh)
    return rows


def contexts(msg: Inbound) -> dict[str, ThreadContext | None]:
    """No context, the corpora's cases, and contexts that send the message down
    each follow-up path: an open case of the sender, a known referenced message,
    a known case tag in the subject or body."""
    known = known_cases()
    refs = (*msg.in_reply_to, *msg.references)
    tags = frozenset(TAG.findall(msg.subject) + TAG.findall(msg.body_text[:5000]))
    return {
        "none": None,
        "empty": ThreadContext(),
        "corpus": ThreadContext(
            case_by_message_id={k["message_id"]: k["tag"] for k in known},
            known_case_tags=frozenset(k["tag"] for k in known),
            open_case_tags_of_sender=tuple(k["tag"] for k in known
                                           if k["requester"].lower() == msg.from_addr)),
        "open-case": ThreadContext(open_case_tags_of_sender=("EA-2026-0001", "EA-2026-0002")),
        "first-reference": ThreadContext(case_by_message_id={r: "EA-2026-0777" for r in refs[:1]}),
        "last-reference": ThreadContext(case_by_message_id={r: "EA-2026-0778" for r in refs[-1:]}),
        "tags": ThreadContext(known_case_tags=tags),
        "tags+open-case": ThreadContext(known_case_tags=tags, open_case_tags_of_sender=("EA-2026-0009",)),
    }


def test_the_messages_and_contexts_cover_every_branch() -> None:
    seen = {classify(msg, rules(), ctx).category.value
            for _, msg in messages() for ctx in contexts(msg).values()}
    assert seen == {"ea_request", "ea_followup", "other", "auto_reply"}


def test_classify_with_analysis_equals_classify() -> None:
    compared = 0
    for name, msg in messages():
        analysis = analyse(msg, rules())
        assert isinstance(analysis, Analysis)
        for label, ctx in contexts(msg).items():
            expected = classify(msg, rules(), ctx)
            assert classify(msg, rules(), ctx, analysis=analysis) == expected, (name, label)
            compared += 1
    assert compared >= 8 * (BACKLOG + 150)


def test_analysis_pickles_and_holds_no_rules_or_patterns() -> None:
    for _, msg in messages()[:: 7]:
        analysis = analyse(msg, rules())
        data = pickle.dumps(analysis)
        assert pickle.loads(data) == analysis
        assert b"_compile" not in data and b"bot.classify.rules" not in data  # no patterns, no Rules
        assert len(data) < 4 * len(analysis.own_text) + 4000


def test_rules_pickle_with_their_prefilters() -> None:
    """(The read-ahead worker gets its Rules pickled.)"""
    r = rules()
    again = pickle.loads(pickle.dumps(r))
    assert again == r
    assert {n: [g.requires for g in gl.patterns] for n, gl in again.gated.items()} == \
        {n: [g.requires for g in gl.patterns] for n, gl in r.gated.items()}
    msg = messages()[0][1]
    assert classify(msg, again, analysis=analyse(msg, again)) == classify(msg, r)


def test_analyse_leaves_out_only_what_classify_never_reads() -> None:
    machine = [msg for _, msg in messages() if analyse(msg, rules()).machine]
    human = [msg for _, msg in messages() if not analyse(msg, rules()).machine]
    assert machine and human
    for msg in machine[:20]:
        a = analyse(msg, rules())
        assert a.role is None
        # the emergency only of machine mail put in front of a human (it reads like a request)
        assert a.emergency is None or a.request.is_request
    for msg in human:
        a = analyse(msg, rules())
        assert a.emergency is not None and a.adverse_event is not None
        assert (a.role is not None) == a.request.is_request


# --- the prefilters skip nothing that matches ---------------------------------------


def plain_hits(rules: Rules, name: str, text: str) -> list[list[Match]]:
    """Every pattern of list ``name`` run on ``text``, no prefilter: hits per pattern."""
    return [[Match(name, m.group(0)) for m in p.finditer(text)] for p in rules.lexicon.get(name, ())]


def plain_all(rules: Rules, name: str, text: str) -> list[Match]:
    return [hit for hits in plain_hits(rules, name, text) for hit in hits]


def texts(msg: Inbound) -> list[str]:
    text = own_text(msg.subject, msg.body_text)
    return [text, _signature(text), msg.subject]


@pytest.mark.parametrize("which", ["example", "defaults"])
def test_every_lexicon_search_equals_running_every_pattern(which: str) -> None:
    r = rules() if which == "example" else build_rules()
    chosen = messages() if which == "example" else messages()[:: 4]
    for _, msg in chosen:
        for text in texts(msg):
            scan = r.scan(text)
            backwards = r.scan(text)  # every list searched in full first, then its first hit
            for name in r.lexicon:
                per_pattern = plain_hits(r, name, text)
                first = next((hits[0] for hits in per_pattern if hits), None)
                every = [h for hits in per_pattern for h in hits]
                assert scan.find(name) == first, (name, text[:80])
                assert scan.find_all(name, 10_000) == every, name
                assert backwards.find_all(name, 10_000) == every, name
                assert backwards.find(name) == first, (name, text[:80])
                assert backwards.find_all(name, 10_000) == every, name  # (asked again)


def test_compiled_checks_give_what_the_formula_evaluator_gives() -> None:
    """Each pattern's formula is also one generated function (the hot path); on
    texts whose words are known it must agree with evaluating the tuple."""
    r = rules()
    gs = [g for gl in r.gated.values() for g in gl.patterns if g.requires is not TRUE]
    assert gs and sum(g.check is not None for g in gs) >= 0.95 * len(gs)
    compared = 0
    for _, msg in messages()[:: 3]:
        for text in texts(msg):
            scan = r.scan(text)
            scan._load()  # (its folded text and words: with RE2 twins no list search loads them)
            if not scan._indexed:
                continue
            for g in gs:
                if g.check is not None:
                    assert g.check(scan._words, scan._folded or "", scan._leaf) == \
                        scan._holds(g.requires), (g.pattern.pattern[:60], text[:60])
                    compared += 1
    assert compared > 10_000


def test_prefixed_scan_equals_a_scan_of_the_joined_text() -> None:
    r = rules()
    for _, msg in messages():
        text = own_text(msg.subject, msg.body_text)
        joined = r.scan(text).prefixed(msg.from_name)
        assert joined.text == f"{msg.from_name}\n{text}"
        assert joined.find_all("physician_cues", 10_000) == plain_all(r, "physician_cues", joined.text)


@pytest.mark.parametrize("g", [_ACQUIRE, _URGENT, _EXPLICIT_AE, _NEW_PATIENT, _OOO_BODY])
def test_module_patterns_are_prefiltered_soundly(g: Gated) -> None:
    assert g.requires is not TRUE
    for _, msg in messages():
        for text in texts(msg):
            found = rules().scan(text).search(g)
            expected = g.pattern.search(text)
            assert (found and found.span()) == (expected and expected.span())


TRICKY = [
    "İSTANBUL ıopofosine", "IOPOFOſINE", "iopofos\u0130ne", "ΣΊΣΥΦΟΣ σίσυφος", "KELVIN \u212a",
    "a\u0307b patient", "pati\u0307ent", "ﬆ ﬅ", "µ μ", "straße STRASSE", "Ǆ ǅ ǆ", "\u0345ι ι",
    "Expanded\u00a0access", "expanded\u2028access", "expanded\t \n access", "expanded—access",
    "compassionate\u3000use", "“named patient”", "caf\u00e9 CAFÉ", "x_y expanded_access",
]


def test_fold_agrees_with_re_for_every_code_point() -> None:
    """What the prefilter rests on: a character ``re`` matches to a literal under
    IGNORECASE (equal simple lower case, or an extra case class) folds like it."""
    for cp in range(0x110000):
        ch = chr(cp)
        assert fold(ch) == fold(chr(_sre.unicode_tolower(cp))), hex(cp)
    for k, others in EXTRA_CASES.items():
        for v in others:
            assert fold(chr(k)) == fold(chr(v))
            assert re.fullmatch(re.escape(chr(k)), chr(v), re.IGNORECASE)


def test_fold_works_character_by_character() -> None:
    for text in [*TRICKY, "ΟΔΟΣ ΟΔΟΣ.", "Σ", "ΑΣ\nΣΑ"]:
        assert fold(text) == "".join(fold(ch) for ch in text)


def test_clean_folding_keeps_word_and_space_characters() -> None:
    clean = folds_cleanly.__wrapped__  # (not through its small cache)
    for cp in range(0x110000):
        ch = chr(cp)
        if clean(ch):
            f = fold(ch)
            assert f and all((c.isalnum() or c == "_") == (ch.isalnum() or ch == "_") for c in f)
            assert all(c.isspace() == ch.isspace() for c in f)
    assert not folds_cleanly("\u0307") and not folds_cleanly("\u0345")


def test_words_are_the_word_runs_of_the_folded_text() -> None:
    for text in TRICKY + [t for _, msg in messages()[:: 5] for t in texts(msg)]:
        found = words(text, fold(text))
        if found is not None:
            assert found == set(re.findall(r"\w+", fold(text)))
        else:
            assert any(not folds_cleanly(ch) for ch in text)


@pytest.mark.parametrize("source", [
    r"\biopofosin\w*", r"\bexpanded[\s\-]+access\b", r"\bnamed[\s\-]+patient\b",
    r"\b(?:compassionate|expanded)\s+(?:use|access)\b", r"\bsis\b", r"istanbul", r"\bkelvin\s+k\b",
    r"\bstrasse\b", r"straße", r"\bcafé\b", r"σίσυφος", r"\bpati\u0307ent\b", r"x_y",
    r"“named", r"\bab\b", r"(?i:ΣΊΣΥΦΟΣ)", r"(?a:\bcaf\w\b)", r"^\s*expanded", r"access$",
])
def test_tricky_texts_match_as_re_says(source: str) -> None:
    g = gated(re.compile(source, re.IGNORECASE))
    r = rules()
    for text in TRICKY:
        for t in (text, text.upper(), text.lower(), f"x {text} y", f"{text}\n"):
            scan = r.scan(t)
            assert bool(scan.search(g)) == bool(g.pattern.search(t)), (source, t)


# --- admin-added patterns ------------------------------------------------------------


def test_admin_patterns_the_prefilter_cannot_read_are_always_searched() -> None:
    backref = r"\b(\w{4,})\s+\1\b"  # a doubled word: nothing literal to require
    lookahead_only = r"(?=\w*zz)\w+"
    r = build_rules(extend={"drug_names": [backref, lookahead_only],
                            "emergency": [r"\bcode\s+blue\b", r"(?<=room )(\d+)"]})
    assert requirements(re.compile(backref, re.IGNORECASE))[0] is TRUE
    assert requirements(re.compile(lookahead_only, re.IGNORECASE))[0] is TRUE
    assert requirements(re.compile(r"\bcode\s+blue\b", re.IGNORECASE))[0] is not TRUE
    hit = r.find("drug_names", "we would like that that drug")
    assert hit == Match("drug_names", "that that")
    assert r.find("drug_names", "a jazzy idea") == Match("drug_names", "jazzy")
    assert r.find("emergency", "Patient coded: CODE  Blue now") == Match("emergency", "CODE  Blue")
    assert r.find("emergency", "a code was blue") is None
    assert r.find("emergency", "in room 12 since noon") == Match("emergency", "12")
    msg = parse(b"From: a@b.example\r\nSubject: hello hello\r\n\r\nplease please help, code blue\r\n")
    for ctx in (None, ThreadContext(open_case_tags_of_sender=("EA-2026-0001",))):
        assert classify(msg, r, ctx, analysis=analyse(msg, r)) == classify(msg, r, ctx)
    assert classify(msg, r).emergency


def test_admin_patterns_with_their_own_flags_are_prefiltered_soundly() -> None:
    extend = {"access_phrases": [r"(?-i:EAP)\b", r"(?a:\bfr\w+h\b)", r"(?x) early \s+ acc ess",
                                 r"\bpr[éeè]-?approval\b", r"[^\W\d_]{3}-ind\b"]}
    r = build_rules(extend=extend)
    samples = ["the EAP route", "the eap route", "Fraîch frisch", "early accESS", "pré-approval",
               "Préapproval", "éé-ind", "abc-IND form", "nothing here"]
    for text in samples:
        assert r.find_all("access_phrases", text, 100) == plain_all(r, "access_phrases", text)
