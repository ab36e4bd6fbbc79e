"""The speed-ups of lexicon searching change no result.

Two gates decide which patterns are searched and how (bot/classify/lowered.py,
superset.py, twins.py). Each is checked here against the plain search: every
pattern of the default lexicon searched with ``re`` on the text, in order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.classify.content import own_text
from bot.classify.lowered import lower_text, lowered
from bot.classify.rules import build_rules
from bot.classify.superset import as_bytes, superset
from bot.parsing import parse

RULES = build_rules(text_model=False)
LEXICON = RULES.scan("")._lexicon  # (the compiled lists under test)
MAILBOXES = Path(__file__).parent / "mailboxes"

# characters where lower-casing and re's IGNORECASE part ways, and others that stress
# the Latin-1 stand-ins: dotted/dotless i, long s, micro sign, Greek sigma, Kelvin sign,
# ligatures, Polish, Cyrillic, CJK, a lone surrogate (undecodable mail)
AWKWARD = "İıſµμΣσςKÅǅßẞﬁœŁłąĘżŻЖжИ中文\u2010\u00a0\u2028\udcff"


def brute_force(text: str, name: str) -> list[tuple[int, int, str]]:
    """Every match of every pattern of list ``name``, pattern by pattern: the truth."""
    return [(m.start(), m.end(), m.group(0))
            for g in LEXICON[name].patterns for m in g.pattern.finditer(text)]


def scanned(text: str, name: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in RULES.scan(text).matches(name)]


def _corpus() -> list[str]:
    texts = []
    for path in sorted(MAILBOXES.glob("dev-*/*.eml"))[::7]:  # a spread of the development mail
        msg = parse(path.read_bytes())
        texts.append(own_text(msg.subject, msg.body_text))
    return texts


CORPUS = _corpus()


def test_the_corpus_is_large_and_the_lists_have_twins() -> None:
    assert len(CORPUS) > 500
    with_twins = [name for name, gl in LEXICON.items() if gl.twins is not None]
    assert len(with_twins) == len(LEXICON)
    patterns = [g for gl in LEXICON.values() for g in gl.patterns]
    assert sum(g.lowered is not None for g in patterns) > 0.9 * len(patterns)


@pytest.mark.parametrize("name", sorted(LEXICON))
def test_every_list_finds_exactly_what_a_plain_search_finds(name: str) -> None:
    hits = 0
    for text in CORPUS:
        truth = brute_force(text, name)
        assert scanned(text, name) == truth, text[:200]
        hits += bool(truth)
    if name in ("drug_names", "patient_context", "request_intent"):
        assert hits > 50  # (the check is not vacuous)


@pytest.mark.parametrize("name", sorted(LEXICON))
def test_awkward_characters_change_nothing(name: str) -> None:
    for text in CORPUS[:40]:
        for i, c in enumerate(AWKWARD):
            spiked = text[: 40 + i] + c + text[40 + i:]
            assert scanned(spiked, name) == brute_force(spiked, name)


WORDS = sorted({w for gl in LEXICON.values() for g in gl.patterns
                for w in re.findall(r"[^\W\d_]{3,}", g.pattern.pattern)})


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(list(AWKWARD)),
                          st.sampled_from([" ", "  ", "\n", "-", ", ", ". ", "#12-34 ", "C2D8 ",
                                           "61 ", "day 3 ", "O'", "’"]),
                          st.text(max_size=3)),
                max_size=40))
def test_random_texts_of_lexicon_words(parts: list[str]) -> None:
    text = " ".join(parts)
    for variant in (text, text.upper(), text.title()):
        for name in LEXICON:
            assert scanned(variant, name) == brute_force(variant, name)


def test_a_twin_matches_wherever_its_pattern_does() -> None:
    import re2  # the set's engine, directly

    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1
    checked = 0
    for gl in LEXICON.values():
        for g in gl.patterns:
            twin = superset(g.pattern)
            if twin is None:
                continue
            compiled = re2.compile(twin[0].encode("latin-1"), options)
            for text in CORPUS[:200]:
                if g.pattern.search(text):
                    low = lower_text(text)
                    if twin[1] and low is None:
                        continue
                    assert compiled.search(as_bytes(low if twin[1] and low else text)), \
                        (g.pattern.pattern[:80], text[:120])
                    checked += 1
    assert checked > 1000


def test_lower_casing_is_refused_where_it_would_differ() -> None:
    assert lower_text("Dr. İnci Yılmaz") is None  # İ lowers to two characters
    assert lower_text("ſ and ı") is None  # partners of s and i under IGNORECASE
    assert lower_text("5 µg, ΣΟΦΙΑ, Kelvin") == "5 µg, σοφια, kelvin"
    assert lowered(re.compile(r"\bCLR[\s\-]?2000\b", re.I)) is None  # an upper-case literal
    assert lowered(re.compile(r"\bclr", re.I)) is not None
    assert lowered(re.compile(r"(?-i:ABC)def", re.I)) is None  # a case-sensitive part
    assert lowered(re.compile(r"[À-ÿ]", re.I)) is None  # a class with upper case in it
    assert lowered(re.compile(r"µg", re.I)) is None  # a character with an extra case partner
    assert lowered(re.compile(r"abc")) is None  # not case-insensitive: nothing to do


def test_a_back_reference_is_never_lowered() -> None:
    """(found by a review) IGNORECASE compares a back-reference character by character,
    str.lower() lowers a capital sigma by context ("ΣΣ" to "σς"): such a pattern keeps
    its own search, and an admin's pattern with one finds what re finds."""
    from bot.classify.scan import Scan, gated_list

    pattern = re.compile(r"(.)\1", re.I)
    assert lowered(pattern) is None
    scan = Scan("ΑΣΣ", {"x": gated_list([pattern])})
    assert [m.group(0) for m in scan.matches("x")] == ["ΣΣ"]
    assert scan.find("x") is not None


def test_a_pattern_the_twins_cannot_read_is_still_searched() -> None:
    from bot.classify.scan import gated_list

    # a back-reference and an upper-case literal: no lowered form; still found (their
    # twins read the text itself, each case-insensitive character widened)
    gl = gated_list([re.compile(r"\b(\w+) \1\b", re.I), re.compile(r"\bABC\b", re.I)])
    from bot.classify.scan import Scan

    scan = Scan("the the abc", {"x": gl})
    assert [m.group(0) for m in scan.matches("x")] == ["the the", "abc"]


def test_the_patient_marks_gate_changes_no_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.classify.patient as patient

    texts = [t[:2500] for t in CORPUS[:300]]
    texts += [t[:60] + c + " Mr. O'Neil, 72, " + c + t[60:400] for t in CORPUS[:40] for c in AWKWARD]
    # the patterns with case-insensitive parts ("My son Noah", "M/52"), in every case
    told = ("MY SON Noah, aged 9", "my Daughter Lena (7)", "Noah's Mom", "M/52 with myeloma",
            "52/F", "Vater von Lukas", "Ich bin 68 Jahre", "he is 7 YO", "Lukas B. and Noah (5)")
    texts += [f"{t[:80]} {c}{phrase}{c} {t[80:300]}" for t in CORPUS[40:60] for phrase in told
              for c in ("", "K", "ſ", "İ", "’")]
    texts += [t.swapcase() for t in texts[:100]]
    gated_marks = [patient.patient_marks(t) for t in texts]
    assert sum(bool(m.names or m.ages or m.doctors) for m in gated_marks) > 50  # (not vacuous)
    assert sum(bool(m.first_names) for m in gated_marks) > 50
    assert sum(bool(m.ages) for m in gated_marks) > 100
    monkeypatch.setattr(type(patient._GATE), "mask", lambda self, text: -1)  # every pattern
    assert [patient.patient_marks(t) for t in texts] == gated_marks


def test_without_re2_every_list_falls_back_to_its_word_formulas(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python without google-re2: no twins, every pattern gated by its formula, and the
    same hits (a failure path: the dependency missing must cost speed, never mail)."""
    import bot.classify.twins as twins
    from bot.classify.scan import Scan, gated_list

    monkeypatch.setattr(twins, "_re2", None)
    lists = {name: gated_list([g.pattern for g in gl.patterns]) for name, gl in LEXICON.items()}
    assert all(gl.twins is None for gl in lists.values())
    for text in CORPUS[:60]:
        for name in ("drug_names", "emergency", "ae_exposure", "specific_patient"):
            assert [(m.start(), m.group(0)) for m in Scan(text, lists).matches(name)] == \
                [(s, t) for s, _e, t in brute_force(text, name)]


def test_latin1_letters_pair_only_with_letters_under_ignorecase() -> None:
    """What the case-widened twins assume (superset._accepts_ignoring_case): a character
    beyond Latin-1 that IGNORECASE matches with a Latin-1 one is a letter (the WORD
    stand-in). Checked over every code point."""
    from bot.classify.superset import WORD, stand_in

    letters = [re.compile(re.escape(chr(b)), re.I) for b in range(256) if chr(b).isalpha()]
    partners = [c for c in map(chr, range(256, 0x110000))
                if (c.lower() != c or c.upper() != c or c in "ıſ") and
                any(rx.fullmatch(c) for rx in letters)]
    assert len(partners) >= 8  # İ ı ſ Ÿ ẞ Μ μ K Å (not vacuous)
    assert {stand_in(c) for c in partners} == {WORD}


_FRAGMENTS = ["ab", "K", "k", "S", "s", "I", "i", "µ", "ß", "[a-f]", "[^x]", "[A-Z]", "\\w",
              "\\d", "\\s", ".", "ł", "[À-ÿ]", "Ÿ", "(?i:ab)", "(?i:K)", "(?-i:K)", "(?-i:s)",
              "(?i:[m-p])", "(?-i:[MF])", "(?i:é)", "\\b", "x?", "(?:o|O)+", "[ıİ]"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=5), st.booleans(),
       st.lists(st.sampled_from(list("abkKsSiIµßłŁéÉÿŸ ._-12xXmMfFoOpPẞİıſKÅ’\u00a0中")),
                max_size=30))
def test_a_case_widened_twin_matches_wherever_its_pattern_does(
        parts: list[str], ignore: bool, chars: list[str]) -> None:
    """Patterns with scoped case flags or capitals: the twin reads the text itself."""
    import re2

    pattern = re.compile("".join(parts), re.I if ignore else 0)
    twin = superset(pattern)
    assert twin is not None
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1
    compiled = re2.compile(twin[0].encode("latin-1"), options)
    text = "".join(chars)
    for variant in (text, text.upper(), text.lower(), text.swapcase()):
        if pattern.search(variant):
            low = lower_text(variant)
            if twin[1] and low is None:
                continue
            assert compiled.search(as_bytes(low if twin[1] else variant)), (pattern, variant)
