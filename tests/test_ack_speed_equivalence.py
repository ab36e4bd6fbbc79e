"""The fast paths give exactly what the straightforward code gives.

* ``campaign.simhash`` against the bit-by-bit SimHash it replaced (kept here);
* ``outbox_rows.compose`` against ``build_message(...).as_string()``;
* ``MaildirOutbox.send_raw`` against ``send(message_from_string(raw))``.
"""

from __future__ import annotations

import hashlib
import random
import string
from datetime import UTC, datetime, timedelta, timezone
from email import message_from_string
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bot.replies as replies
from bot.backends.maildir import MaildirOutbox
from bot.campaign import _WORD, MIN_WORDS, simhash
from bot.classify.content import own_text
from bot.outbox_rows import compose
from bot.parsing import parse
from bot.replies import (
    OUTBOUND_POLICY,
    SAMPLE_CONTEXT,
    Envelope,
    TemplateSet,
    build_message,
    render_html,
    render_text,
)
from tests.conftest import CORPUS, HOLDOUT, ROOT


def reference_simhash(text: str) -> str | None:
    """The SimHash as first written: 64 weights, one bit at a time."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < MIN_WORDS:
        return None
    weights = [0] * 64
    for i in range(len(words) - 2):
        shingle = " ".join(words[i:i + 3]).encode()
        h = int.from_bytes(hashlib.blake2b(shingle, digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return f"{value:016x}"


def mail_texts() -> list[str]:
    texts = []
    for folder in (CORPUS, HOLDOUT, ROOT / "examples" / "mail"):
        for file in sorted(folder.glob("*.eml")):
            msg = parse(file.read_bytes())
            texts += [msg.body_text, own_text("", msg.body_text), own_text(msg.subject, msg.body_text)]
    return texts


# Letters that match the word pattern only case-insensitively, or lower-case to
# something longer (İ), and neighbours that do not match at all.
TRICKY = "İıſKŸÿßẞ÷×µΣσςÀÞàþ'’-"


def random_texts(count: int, seed: int = 11) -> list[str]:
    r = random.Random(seed)
    vocab = ["expanded", "access", "patient", "iopofosine", "Müller", "İstanbul", "straße",
             "KELVIN", "ſtate", "über", "élan", "a", "ab", "ÀÉÎ", "Σίσυφος", "x÷y"]
    alphabet = string.ascii_letters + string.punctuation + " \n\t" + TRICKY
    texts = []
    for _ in range(count):
        n = r.choice([MIN_WORDS - 1, MIN_WORDS, MIN_WORDS + 1, r.randint(0, 60), r.randint(60, 900)])
        words = [r.choice(vocab) if r.random() < 0.7 else
                 "".join(r.choice(alphabet) for _ in range(r.randint(1, 9))) for _ in range(n)]
        texts.append(" ".join(words))
    texts.append("word " * 30_000)  # past the 20,000-character cut, > 255 shingles
    texts.append(" ".join(f"w{i:x}x" for i in range(5000)))
    return texts


def test_simhash_matches_the_reference_on_real_and_random_text() -> None:
    texts = mail_texts() + random_texts(400)
    fingerprints = [simhash(t) for t in texts]
    assert fingerprints == [reference_simhash(t) for t in texts]
    assert sum(f is not None for f in fingerprints) > 300


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x17F)
                        | st.sampled_from(list(TRICKY)), min_size=1, max_size=12),
                min_size=0, max_size=120))
def test_simhash_matches_the_reference_on_generated_words(words: list[str]) -> None:
    text = " ".join(words)
    assert simhash(text) == reference_simhash(text)


# -- compose == build_message(...).as_string() -------------------------------------------

NOW = datetime(2026, 11, 23, 15, 0, 7, 123456, tzinfo=UTC)


def deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Message-IDs from the seeded ``random`` (like make_msgid's random part)."""
    def make_msgid(idstring: str | None = None, domain: str | None = None) -> str:
        return f"<179533717572.4242.{random.getrandbits(64)}.{idstring}@{domain}>"

    monkeypatch.setattr(replies, "make_msgid", make_msgid)


def both(subject: str, body: str, env: Envelope, now: datetime = NOW,
         **kwargs: Any) -> tuple[str, str, EmailMessage]:
    random.seed(12345)
    reference = build_message(subject, body, env, now, **kwargs)
    text = reference.as_string()
    random.seed(12345)
    return compose(subject, body, env, now, **kwargs).text, text, reference


def assert_same(subject: str, body: str, env: Envelope, now: datetime = NOW,
                **kwargs: Any) -> None:
    random.seed(12345)
    reference = build_message(subject, body, env, now, **kwargs)
    expected = reference.as_string()
    random.seed(12345)
    got = compose(subject, body, env, now, **kwargs)
    assert got.text == expected
    for name in ("From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
                 "Auto-Submitted", "X-Auto-Response-Suppress", "X-EABot-Case", "Bcc"):
        want = reference[name]
        assert got[name] == (None if want is None else str(want)), name


ENV = Envelope("Cellectar Clinical Team", "clinical@cellectar.example",
               "anna.berger@lakeside-hospital.example", "cellectar.example",
               "<CA+abc.123@mail.example>", ("<r1@x.example>", "<r2@x.example>"),
               ("audit@cellectar.example",), "EA-2026-0001")

SUBJECTS = [
    "[EA-2026-0001] Request received: Expanded access request – iopofosine I-131",
    "[EA-2026-0001] Request received: hi", "", " ", "x" * 250, "a " * 125, "ü" * 250,
    "=?utf-8?q?hello?=", "Re: =?x", "quote \" paren ( ) <angle> @ , ; : \\ [ ]",
    "two  spaces", "tab\there", "trailing ", "Schröder – Núñez — 日本語 😀",
    "[EA-2026-0001] " + "word " * 30, "\u2028line separator",
]
BODIES = [
    "Dear Dr. Muller,\n\nThanks\n", "Dear Dr. Müller,\n\nThanks – regards\n", "",
    "x" * 130 + "\nThanks\n", "ü" * 130 + "\nThanks\n", "a\r\nb\rc\n\nd", "\x0bform\x0cfeed\n",
    "From the start\n.\n..\n", "line\n" * 40 + "é" * 200 + "\n", "\u2028sep\u2029\n",
    "--===============0000000000000000001==\n",
]
HTML = [None, "<p>Dear Dr. Muller</p>\n", "<p>Dear Dr. Müller – ok</p>\n", "<p>" + "y" * 200 + "</p>"]


@pytest.mark.parametrize("html", HTML)
@pytest.mark.parametrize("body", BODIES)
def test_compose_writes_what_build_message_writes(monkeypatch: pytest.MonkeyPatch, body: str,
                                                   html: str | None) -> None:
    deterministic(monkeypatch)
    assert_same("[EA-2026-0001] Request received: ok", body, ENV, html=html)


@pytest.mark.parametrize("subject", SUBJECTS)
def test_compose_writes_subjects_as_build_message(monkeypatch: pytest.MonkeyPatch,
                                                  subject: str) -> None:
    deterministic(monkeypatch)
    try:
        assert_same(subject, "body\n", ENV)
    except ValueError:  # what build_message raises, compose raises too
        with pytest.raises(ValueError):
            compose(subject, "body\n", ENV, NOW)


ENVELOPES = [
    ENV,
    Envelope("Équipe clinique, \"Cellectar\"", "clinical@cellectar.example", "Dr Who <who@x.example>",
             "cellectar.example"),
    Envelope("A", "a@b.example", "two@x.example, three@y.example", "mx.cellectar.example",
             "<" + "k" * 140 + "@very-long.example>", tuple(f"<r{i}@x.example>" for i in range(14)),
             ("a@x.example", "b@y.example"), "EA-2026-0002"),
    Envelope("B", "b@c.example", "müller@bücher.example", "ünicode.example", "not a msgid",
             ("", "<only@x.example>"), (), None),
    Envelope("C", "c@d.example", "user.name+tag@sub.domain.example", "d.example",
             "<" + "z" * 100 + "@x.example>", (), (), "EA-2026-0003"),
    Envelope("D", "d@e.example", "\"quoted local\"@x.example", "e.example", "<a@[127.0.0.1]>"),
    Envelope("E", "e@f.example", "e@f.example", "a-very-long-message-id-domain." * 4 + "example"),
]


@pytest.mark.parametrize("auto_reply", [True, False])
@pytest.mark.parametrize("env", ENVELOPES)
def test_compose_writes_envelopes_as_build_message(monkeypatch: pytest.MonkeyPatch, env: Envelope,
                                                   auto_reply: bool) -> None:
    deterministic(monkeypatch)
    assert_same("Subject – here", "Dear all,\n", env, auto_reply=auto_reply,
                auto_submitted="auto-generated", html="<p>hi</p>\n")


@pytest.mark.parametrize("now", [NOW, datetime(2026, 3, 1, 2, 3, 4), NOW.astimezone(
    timezone(timedelta(hours=-5))), datetime(1999, 12, 31, 23, 59, 59, tzinfo=timezone(
        timedelta(hours=5, minutes=30)))])
def test_compose_dates_as_build_message(monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    deterministic(monkeypatch)
    assert_same("s", "b\n", ENV, now)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(subject=st.text(max_size=140), body=st.text(max_size=400), to=st.text(max_size=60),
       reply=st.text(max_size=60), html=st.none() | st.text(max_size=200))
def test_compose_matches_build_message_on_generated_input(monkeypatch: pytest.MonkeyPatch,
                                                          subject: str, body: str, to: str,
                                                          reply: str, html: str | None) -> None:
    deterministic(monkeypatch)
    env = Envelope("Team", "team@x.example", to or "t@x.example", "x.example", reply or None,
                   (reply,), (), "EA-2026-0009")
    random.seed(1)
    try:
        expected = build_message(subject, body, env, NOW, html=html).as_string()
    except Exception as exc:  # the stdlib's header parser has its own failures on odd input
        random.seed(1)
        with pytest.raises(type(exc)):
            compose(subject, body, env, NOW, html=html)
        return
    random.seed(1)
    assert compose(subject, body, env, NOW, html=html).text == expected


def test_shipped_templates_compose_as_build_message(monkeypatch: pytest.MonkeyPatch) -> None:
    deterministic(monkeypatch)
    templates = TemplateSet.load(ROOT / "templates")
    names = ["Dr. Jane Example", "Dr. Jürgen Schröder", "Zoë O'Brien – family", ""]
    for template in templates.templates.values():
        for name in names:
            for emergency in (False, True):
                context = {**SAMPLE_CONTEXT, "requester_name": name, "emergency": emergency,
                           "original_subject": f"Anfrage – {name}"}
                subject, body = render_text(template, context)
                assert_same(subject, body, ENV, html=render_html(template, context))


# -- Maildir: send_raw writes what send(parsed raw) wrote -------------------------------


def test_maildir_send_raw_writes_what_send_wrote(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Before send_raw, flush parsed each row and the Maildir outbox wrote
    ``message.as_bytes()``; send_raw writes the same bytes from the stored text."""
    deterministic(monkeypatch)
    rows = []  # (raw, message_id) as enqueue stores them
    for i, (subject, body) in enumerate(zip(SUBJECTS[:-1], BODIES * 2, strict=False)):
        for env in ENVELOPES:
            random.seed(i)
            out = compose(subject, body, env, NOW, html=HTML[i % len(HTML)])
            rows.append((out.text, str(out["Message-ID"])))
    rows.append((rows[0][0].replace("Subject: ", "Subject:  ").replace("To: ", "To:\t"), rows[0][1]))
    rows.append((rows[1][0].replace("\n\n", "\nX-Long: " + "y" * 130 + "\n\n", 1), rows[1][1]))
    outbox = MaildirOutbox(tmp_path / "out")
    written = 0
    for raw, mid in rows:
        message = message_from_string(raw, policy=OUTBOUND_POLICY)
        assert str(message["Message-ID"]) == mid  # the name send() gave the file
        try:
            expected = message.as_bytes()
        except Exception as exc:  # e.g. a non-ASCII Message-ID: it never could be written
            with pytest.raises(type(exc)):
                outbox.send_raw(raw, mid)
            continue
        outbox.send_raw(raw, mid)
        written += 1
        assert outbox.already_sent(mid)
        assert (tmp_path / "out" / "new" / MaildirOutbox._name(mid)).read_bytes() == expected
    assert written > 50
    assert not list((tmp_path / "out" / "tmp").iterdir())
