"""Campaign detection: the same fingerprints and matches as the straightforward code.

* ``simhash`` against the bit-by-bit SimHash it replaced (kept here);
* ``campaign_match`` (fingerprint index) against a scan of the whole window.
"""

from __future__ import annotations

import hashlib
import random
import re
import string
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import queries
from bot.campaign import _WORD, MAX_DISTANCE, MIN_WORDS, FingerprintIndex, simhash, similar
from bot.classify.content import own_text
from bot.parsing import parse
from bot.store import Store, iso
from tests.conftest import CORPUS, HOLDOUT, ROOT

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


REFERENCE_WORD = re.compile(r"[a-zà-ÿ]{2,}", re.IGNORECASE)


def reference_simhash(text: str) -> str | None:
    """The SimHash as first written: 64 weights, one bit at a time."""
    words = [w.lower() for w in REFERENCE_WORD.findall(text[:20_000])]
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
TRICKY = ("\u0130\u0131\u017f\u212a\u212b\u0178\u00ff\u00df\u1e9e\u00f7\u00d7"
          "\u00b5\u03a3\u03c3\u03c2\u00c0\u00de\u00e0\u00fe'\u2019-")


def random_texts(count: int, seed: int = 11) -> list[str]:
    r = random.Random(seed)
    vocab = ["expanded", "access", "patient", "iopofosine", "Müller", "İstanbul", "straße",
             "\u212aELVIN", "\u017ftate", "\u212bngstr\u00f6m", "über", "élan", "a", "ab", "ÀÉÎ",
             "Σίσυφος", "x÷y"]
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


def test_the_word_pattern_is_the_case_insensitive_one() -> None:
    one, reference = re.compile(_WORD.pattern[:-4]), re.compile(r"[a-zà-ÿ]", re.IGNORECASE)
    assert _WORD.pattern.endswith("{2,}") and not _WORD.flags & re.IGNORECASE
    assert [c for c in range(sys.maxunicode + 1) if one.fullmatch(chr(c))] == \
        [c for c in range(sys.maxunicode + 1) if reference.fullmatch(chr(c))]


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


# -- campaign_match ------------------------------------------------------------------


def reference_match(store: Store, fingerprint: str | None, sender: str, now: datetime,
                    window_days: int, threshold: int) -> tuple[int | None, list[int]]:
    """campaign_match as first written: every request of the window, compared in Python."""
    if fingerprint is None or threshold < 2:
        return None, []
    rows = store.query(
        "SELECT simhash, from_addr, case_id, received_at FROM messages WHERE category = "
        "'ea_request' AND simhash IS NOT NULL AND logged_at >= ? ORDER BY id",
        (iso(now - timedelta(days=window_days)),))
    matches = [r for r in rows if similar(fingerprint, r["simhash"]) and r["case_id"]]
    senders = {r["from_addr"] for r in matches} | {sender}
    if len(senders) < threshold:
        return None, []
    case_ids = list(dict.fromkeys(int(r["case_id"]) for r in matches))
    campaign_cases = [c for c in case_ids if store.one(
        "SELECT 1 AS x FROM cases WHERE id = ? AND campaign IS NOT NULL", (c,))]
    return (campaign_cases[0] if campaign_cases else case_ids[0]), case_ids


def flip(r: random.Random, value: int, bits: int) -> int:
    for bit in r.sample(range(64), bits):
        value ^= 1 << bit
    return value


class Log:
    """Request rows (and a few others) written as triage writes them."""

    def __init__(self, store: Store, seed: int = 3) -> None:
        self.store, self.r, self.n = store, random.Random(seed), 0
        self.bases = [self.r.getrandbits(64) for _ in range(6)]

    def add(self, count: int, *, at: datetime = NOW) -> None:
        r = self.r
        with self.store.transaction():
            for _ in range(count):
                self.n += 1
                n = self.n
                base = self.bases[n % len(self.bases)]
                value = flip(r, base, r.randint(0, 14)) if r.random() < 0.6 else r.getrandbits(64)
                category = r.choice(["ea_request"] * 6 + ["other", "ea_followup"])
                fingerprint = None if r.random() < 0.1 else f"{value:016x}"
                case = None
                if r.random() < 0.9:
                    case = self.store.insert("cases", {
                        "tag": f"EA-2026-{n:05d}", "requester_addr": f"s{n % 7}@x.example",
                        "received_at": iso(at), "opened_at": iso(at),
                        "campaign": "c" if r.random() < 0.1 else None})
                logged = at - timedelta(hours=r.randrange(24 * 30))
                self.store.insert("messages", {
                    "backend_key": f"maildir:INBOX:{n}", "mailbox": "INBOX", "raw_sha256": f"{n}",
                    "raw_size": 1, "received_at": iso(logged), "logged_at": iso(logged),
                    "from_addr": f"s{n % 7}@x.example", "category": category, "reasons": "[]",
                    "case_id": case, "ack_status": "pending", "simhash": fingerprint})

    def probes(self, count: int) -> list[str]:
        r = self.r
        return [f"{flip(r, r.choice(self.bases), r.randint(0, 12)):016x}" if r.random() < 0.8
                else f"{r.getrandbits(64):016x}" for _ in range(count)]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "log.sqlite3")


def assert_same(store: Store, probes: list[str], *, indexed: bool = True) -> int:
    """Compare for every probe, window and threshold; returns how many found a campaign."""
    assert (queries._near_ids(store, probes[0], iso(NOW)) is not None) is indexed
    found = 0
    for probe in probes:
        for days in (1, 7, 14, 60):
            for threshold in (1, 2, 3, 5):
                args = (store, probe, "new@x.example", NOW, days, threshold)
                got = queries.campaign_match(*args)
                assert got == reference_match(*args), (probe, days, threshold)
                found += got[0] is not None
    return found


def test_index_finds_what_the_window_scan_finds(store: Store) -> None:
    log = Log(store)
    log.add(600)
    assert assert_same(store, log.probes(60)) > 20
    log.add(300)  # rows logged after the index was built are read on the next call
    assert assert_same(store, log.probes(60)) > 20


def test_edits_by_staff_are_seen(store: Store) -> None:
    log = Log(store)
    log.add(400)
    probes = log.probes(40)
    assert_same(store, probes)
    # Corrections change a row's category and case, and mark cases; nothing is cached but
    # the fingerprints, so the next call sees them.
    store.conn.execute("UPDATE messages SET category = 'other' WHERE id % 3 = 0")
    store.conn.execute("UPDATE messages SET case_id = NULL WHERE id % 5 = 0")
    store.conn.execute("UPDATE cases SET campaign = 'x' WHERE id % 4 = 0")
    assert_same(store, probes)


def test_another_store_on_the_same_file_shares_the_index(tmp_path: Path) -> None:
    first = Store(tmp_path / "log.sqlite3")
    log = Log(first)
    log.add(300)
    probes = log.probes(20)
    assert_same(first, probes)
    second = Store(tmp_path / "log.sqlite3")
    log.store = second
    log.add(100)
    assert_same(second, probes)
    assert_same(first, probes)


def test_a_new_database_at_the_same_path_is_not_confused_with_the_old(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    store = Store(path)
    Log(store, seed=1).add(200)
    assert_same(store, Log(store, seed=1).probes(20))
    store.close()
    for side in ("", "-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)
    store = Store(path)
    log = Log(store, seed=2)  # the same backend keys, more rows, other fingerprints
    log.add(300)
    assert_same(store, log.probes(30))


def test_inside_a_transaction_the_window_is_scanned(store: Store) -> None:
    log = Log(store)
    log.add(100)
    probes = log.probes(10)
    store.conn.execute("BEGIN IMMEDIATE")
    log.n += 1
    store.conn.execute(
        "INSERT INTO messages (backend_key, mailbox, raw_sha256, raw_size, received_at, logged_at,"
        " from_addr, category, reasons, ack_status, simhash) VALUES ('x', 'INBOX', 'x', 1, ?, ?, "
        "'z@x.example', 'ea_request', '[]', 'pending', ?)", (iso(NOW), iso(NOW), probes[0]))
    assert_same(store, probes[:3], indexed=False)
    store.conn.execute("ROLLBACK")  # the uncommitted row never entered the index
    assert_same(store, probes)


def test_rows_that_are_not_fingerprints_fall_back_to_the_scan(store: Store) -> None:
    log = Log(store)
    log.add(50)
    store.conn.execute("UPDATE messages SET simhash = 'zz' WHERE id = 7 AND simhash IS NOT NULL")
    store.conn.execute("UPDATE messages SET logged_at = ? WHERE id = 7", (iso(NOW - timedelta(days=99)),))
    assert_same(store, log.probes(10), indexed=False)  # 'zz' is outside every window


def test_fingerprint_index_near_is_exact() -> None:
    r = random.Random(5)
    index = FingerprintIndex()
    values = []
    base = r.getrandbits(64)
    for i in range(5000):
        value = flip(r, base, r.randint(0, 20)) if i % 3 == 0 else r.getrandbits(64)
        values.append(value)
        index.add(i * 2 + 1, value, f"2026-11-{1 + i * 28 // 5000:02d}")
    for _ in range(200):
        q = flip(r, base, r.randint(0, 12))
        since = f"2026-11-{r.randint(1, 29):02d}"
        near = index.near(q, since)
        expected = [i * 2 + 1 for i, v in enumerate(values) if (v ^ q).bit_count() <= MAX_DISTANCE
                    and f"2026-11-{1 + i * 28 // 5000:02d}" >= since]
        assert set(expected) <= set(near)  # near may name older rows of a span; never misses one
        assert near == sorted(near)
        assert all((values[(i - 1) // 2] ^ q).bit_count() <= MAX_DISTANCE for i in near)
    with pytest.raises(ValueError):
        index.add(1, 0, "2026-12-01")
