"""Named queries over the store (reads and small writes).  [I/O: SQLite]"""

from __future__ import annotations

import json
import os
import re
import threading
import weakref
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from bot.campaign import FingerprintIndex, simhash, similar
from bot.classify.content import own_text
from bot.classify.names import person_name, same_person
from bot.classify.patient import (
    PatientMarks,
    agreement,
    another_patient,
    colleague_link,
    contradicts,
    family_link,
    institution_domain,
    marks_of,
    misspelt_doctor,
    named_first_names,
    named_relative,
    names_requester_as_doctor,
    near_patient,
    probe_keys,
    requester_keys,
    role_like,
    same_own_patient,
    same_patient,
    sender_link,
    sound_probes,
)
from bot.classify.rules import Rules
from bot.model import Inbound, PatientLink, ThreadContext
from bot.patient_key import patient_key
from bot.store import Store, iso


def known_backend_key(store: Store, key: str) -> bool:
    return store.one("SELECT 1 AS x FROM messages WHERE backend_key = ?", (key,)) is not None


def known_key(store: Store, key: str) -> bool:
    """The key is logged, as a message or as an alias of one (one statement)."""
    row = store.conn.execute(
        "SELECT EXISTS(SELECT 1 FROM messages WHERE backend_key = ?) "
        "OR EXISTS(SELECT 1 FROM aliases WHERE backend_key = ?)", (key, key)).fetchone()
    return bool(row and row[0])


def count_keys(store: Store, prefix: str) -> int:
    """How many inbound keys with this prefix the store knows (messages and aliases).

    A range over the UNIQUE index (``prefix <= key < prefix-with-last-char+1``)
    rather than a LIKE that would scan every row.
    """
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else "\U0010ffff"
    row = store.one("SELECT (SELECT count(*) FROM messages WHERE backend_key >= ? AND "
                    "backend_key < ?) + (SELECT count(*) FROM aliases WHERE backend_key >= ? AND "
                    "backend_key < ?) AS n", (prefix, upper, prefix, upper))
    return int(row["n"]) if row else 0


def duplicate_of(store: Store, msg: Inbound) -> tuple[int | None, int | None]:
    """``(duplicate, reused)``: the row of the same message already logged under
    another key (same Message-ID and the same content, or the same raw bytes
    when there is no Message-ID); else, when a *different* message already
    used this Message-ID (some mailers and web forms reuse them), that row as
    ``reused`` — the new message is logged as one of its own."""
    if not msg.message_id:
        row = store.one("SELECT id FROM messages WHERE raw_sha256 = ? LIMIT 1", (msg.raw_sha256,))
        return (None if row is None else int(row["id"])), None
    rows = store.query("SELECT id, raw_sha256, content_sha256, from_addr, subject FROM messages "
                       "WHERE message_id = ? AND direction = 'in' ORDER BY id LIMIT 20",
                       (msg.message_id,))
    for r in rows:
        # rows logged before content hashes existed: the same Message-ID from the same
        # sender is the same message (their stored subject may be redacted)
        same = (r["raw_sha256"] == msg.raw_sha256 or r["content_sha256"] == msg.content_sha256
                or (r["content_sha256"] is None and r["from_addr"] == msg.from_addr))
        if same:
            return int(r["id"]), None
    return None, (int(rows[0]["id"]) if rows else None)


def thread_context(store: Store, msg: Inbound, rules: Rules,
                   now: datetime | None = None, *, patients: bool = True,
                   patient: PatientMarks | None = None,
                   fingerprint: str | None = None,
                   similar: Similar | None = None,
                   at: datetime | None = None, other_patient: bool = True,
                   request: bool = True) -> ThreadContext:
    """What threading needs: which referenced ids and tags belong to which case.
    ``at``: the time of logging, for the messages waiting for review (none looked up without).
    ``similar``: :func:`similar_requests` of ``fingerprint``, when the caller has them.
    ``other_patient``: whether the letter may be another patient's request (says "another
    patient" and asks): only then are the marks of the cases it replies to compared.
    ``request``: whether the letter reads like a request: only then are the marks of the
    sender's open cases compared with its own (a new patient of the same physician)."""
    refs = list(dict.fromkeys((*msg.in_reply_to, *msg.references)))[:60]
    by_id: dict[str, str] = {}
    if refs:
        marks = ",".join("?" for _ in refs)
        for row in store.query(
            f"SELECT m.message_id AS mid, c.tag AS tag FROM messages m JOIN cases c "
            f"ON c.id = m.case_id WHERE m.message_id IN ({marks}) "
            f"UNION SELECT o.message_id, c.tag FROM outbox o JOIN cases c ON c.id = o.case_id "
            f"WHERE o.message_id IN ({marks})", (*refs, *refs)):
            by_id[str(row["mid"])] = str(row["tag"])
    where = f"{msg.subject}\n{msg.body_text[:5000]}"
    tags = {m.group(1) for m in rules.case_ref_re.finditer(where)} \
        if rules.case_tag_prefix + "-" in where else set()
    known: set[str] = set()
    if tags:
        marks = ",".join("?" for _ in tags)
        known = {str(r["tag"]) for r in store.query(
            f"SELECT tag FROM cases WHERE tag IN ({marks})", tuple(tags))}
    open_tags: tuple[str, ...] = ()
    if msg.from_addr:
        open_tags = tuple(str(r["tag"]) for r in store.query(
            "SELECT tag FROM cases WHERE requester_addr = ? AND status != 'closed' "
            "ORDER BY opened_at DESC LIMIT 50", (msg.from_addr,)))
        open_tags += _same_requester_elsewhere(store, msg, open_tags)
    # (and for a reply in a case's thread that says it is about another patient: which one)
    same = (same_patient_cases(store, msg, now, patient, fingerprint, similar=similar)
            if patients and ((not by_id and not known) or (by_id and other_patient)) else ())
    review = None
    if at is not None and not by_id and not known and not open_tags and patients and msg.from_addr:
        # a reply to, or a new mail from the sender of, a message that waits for human
        # review without a case (30 days back at most): the same human should see it
        marks = ",".join("?" for _ in refs)
        since = iso(at - timedelta(days=RESEND_DAYS))
        waiting = store.one(
            "SELECT message_id FROM messages WHERE direction = 'in' AND needs_review = 1 "
            "AND case_id IS NULL AND staff_correction IS NULL AND ("
            + (f"message_id IN ({marks}) OR " if refs else "")
            + "(from_addr = ? AND received_at >= ?)) ORDER BY id DESC LIMIT 1",
            (*refs, msg.from_addr, since))
        if waiting is not None:
            review = str(waiting["message_id"] or f"an earlier message from {msg.from_addr}")
    threads = cases = frozenset[str]()
    moved = _reply_about_another(store, msg, set(by_id.values())) \
        if patients and by_id and not other_patient else None
    if patients and by_id and other_patient:
        threads = _other_patients(store, set(by_id.values()), patient or marks_of(msg))
    elif patients and not by_id and request and open_tags:
        cases = _other_patients(store, set(open_tags), patient or marks_of(msg), own=True)
    return ThreadContext(by_id, frozenset(known), open_tags, same, review, threads, cases, moved)


# what a reply names its patient by, when it names one: initials after a word that says they
# are a patient's ("for D.L.", "pt K.M."; not "at 10 A.M.", "our pharmacist J.S."), a date of
# birth
_CUED_INITIALS = re.compile(r"\b(?:for|pt\.?|patient|Mr\.?|Mrs\.?|Ms\.?|re:?|about|regarding|on)\s+"
                            r"\(?([A-Z])\.\s?([A-Z])\.(?=[\s,;:)]|$)")
_BIRTH = re.compile(r"\b(?:DOB|D\.O\.B|[Dd]ate\s+of\s+birth|geb\.|[Gg]eboren|né[e]?\s+le|"
                    r"[Ff]echa\s+de\s+nacimiento)\b")


def _reply_about_another(store: Store, msg: Inbound, tags: set[str]) -> PatientLink | None:
    """(learnt from dev-za2, dev-z92) A reply in one case's thread whose own words are about
    another open case's patient: "the PET/CT report ... on his lymphoma patient, Mr. Villalobos
    (H.V., DOB 04/22/1967) ... NOT for Mrs. Delahunt", "the path report ... for D.L." in K.M.'s
    thread. Its body alone (its subject and the quoted thread are the first patient's) must
    name another patient than the thread's case (:func:`another_patient`), and be that of
    another open case: a strong link, or the same initials in a case of the sender's own
    institution (its mail domain) that nothing contradicts."""
    body = own_text("", msg.body_text)
    cued = {a + b for a, b in _CUED_INITIALS.findall(body)}
    if not cued and _BIRTH.search(body) is None:
        return None
    key = patient_key(store)
    if key is None:
        return None
    clear = marks_of(msg, body, with_subject=False)
    if not (cued or clear.dob):
        return None
    if not _other_patients(store, tags, clear, own=True):
        return None  # (the thread's own patient, or nothing to tell them apart)
    for link in same_patient_cases(store, msg, None, clear):
        if link.strong and link.tag not in tags:
            return link
    domain = institution_domain(msg.from_addr)
    if domain is None or not cued:
        return None
    mine = replace(clear, initials=frozenset(cued)).hashed(key)
    for row in store.query(
            "SELECT tag, patient_marks FROM cases WHERE status != 'closed' AND patient_marks IS NOT "
            "NULL AND requester_addr LIKE ? ORDER BY id DESC LIMIT 50", (f"%@{domain}",)):
        if row["tag"] in tags:
            continue
        try:
            theirs = stored_marks(row["patient_marks"])
        except (ValueError, TypeError, AttributeError):
            continue
        if mine.initials & theirs.initials and not contradicts(mine, theirs):
            return PatientLink(str(row["tag"]), "the patient's initials, in an open case of the "
                               "sender's institution", strong=True)
    return None


def _other_patients(store: Store, tags: set[str], patient: PatientMarks,
                    own: bool = False) -> frozenset[str]:
    """Of the cases whose thread a message replies in, those whose patient the letter's marks
    are not: it brings two kinds of mark (an age, initials, a diagnosis) the case lacks (a
    physician asking for a second patient in the first one's thread; a reply's subject may
    still carry the first patient's marks, so agreement alone proves nothing).
    ``own``: the sender's own open cases, for an unthreaded letter: by
    :func:`~bot.classify.patient.another_patient` (marks that contradict, not marks added)."""
    key = patient_key(store)
    if key is None:
        return frozenset()
    mine = patient.hashed(key)
    marks = ",".join("?" for _ in tags)
    out = set()
    for row in store.query(f"SELECT tag, patient_marks FROM cases WHERE tag IN ({marks}) AND "
                           "patient_marks IS NOT NULL", tuple(tags)):
        try:
            theirs = stored_marks(row["patient_marks"])
        except (ValueError, TypeError, AttributeError):
            continue
        if another_patient(mine, theirs) if own else sum(bool(a - b) for a, b in (
                (mine.ages, theirs.ages), (mine.initials, theirs.initials),
                (mine.diagnoses, theirs.diagnoses))) >= 2:
            out.add(str(row["tag"]))
    return frozenset(out)


def _same_requester_elsewhere(store: Store, msg: Inbound, have: tuple[str, ...]) -> tuple[str, ...]:
    """Open cases whose requester has the sender's full name at another address ("Dr Amit
    Kulkarni" at the hospital, "Amit Kulkarni" at Gmail): the same person's cases."""
    key = None if role_like(msg.from_name) else patient_key(store)
    probes = requester_keys(msg.from_name, key) if key is not None else ()  # (no full name: none)
    if not probes:
        return ()
    marks = ",".join("?" for _ in probes)
    return tuple(str(r["tag"]) for r in store.query(
        "SELECT tag, requester_name FROM cases WHERE id IN (SELECT case_id FROM patient_keys "
        f"WHERE key IN ({marks})) AND status != 'closed' AND requester_addr != ? ORDER BY "
        "opened_at DESC LIMIT 20", (*probes, msg.from_addr))
        if r["tag"] not in have and same_person(r["requester_name"] or "", msg.from_name))


def same_patient_cases(store: Store, msg: Inbound, now: datetime | None = None,
                       patient: PatientMarks | None = None,
                       fingerprint: str | None = None, limit: int = 200, *,
                       similar: Similar | None = None) -> tuple[PatientLink, ...]:
    """Open cases that seem to be this letter's patient, strongest first: a
    near-identical letter (a re-send from another address) within 30 days of
    ``now``, then patient marks that agree (see :mod:`bot.classify.patient`)."""
    out: dict[str, PatientLink] = {}
    key = patient_key(store)
    if key is None:
        return ()
    clear = patient if patient is not None else marks_of(msg)
    mine = clear.hashed(key)
    if fingerprint is None and now is not None:
        fingerprint = simhash(own_text("", msg.body_text))
    if fingerprint is not None and now is not None:
        since = iso(now - timedelta(days=RESEND_DAYS))
        rows = similar.since(since) if similar is not None and similar.fingerprint == \
            fingerprint else _similar_requests(store, fingerprint, since)
        similar_rows = [r for r in rows if r["from_addr"] != msg.from_addr and r["case_id"]]
        # One other sender: a re-send. Several: a campaign (handled as such), not one patient.
        if len({r["from_addr"] for r in similar_rows}) == 1:
            for r in similar_rows:
                case = store.one("SELECT tag, patient_marks FROM cases WHERE id = ? AND "
                                 "status != 'closed'", (r["case_id"],))
                if case is None or case["tag"] in out:
                    continue
                theirs = stored_marks(case["patient_marks"] or "{}")
                if mine.ages and theirs.ages and not mine.ages & theirs.ages:
                    continue  # the same form letter about another patient
                out[case["tag"]] = PatientLink(
                    str(case["tag"]), f"a near-identical letter from {r['from_addr']}", True)
    me = person_name(msg.from_name)
    agree: dict[str, int] = {}
    keys = sorted(probe_keys(mine, msg.from_name, key) | sound_probes(clear.doctors, key))[:400]
    marks = ",".join("?" for _ in keys)
    candidates = store.query(
        "SELECT id, tag, patient_marks, requester_name, requester_addr FROM cases WHERE "
        "status != 'closed' AND patient_marks IS NOT NULL AND (requester_addr = ?"
        + (f" OR id IN (SELECT case_id FROM patient_keys WHERE key IN ({marks}))" if keys else "")
        + ") ORDER BY id DESC LIMIT ?", (msg.from_addr, *keys, limit))
    for row in candidates:
        if row["tag"] in out:
            continue
        try:
            theirs = stored_marks(row["patient_marks"])
        except (ValueError, TypeError, AttributeError):
            continue
        link = _link(row, msg, me, mine, theirs, key, clear.words, clear.doctors)
        if link is not None:
            out[link.tag] = link
            # (the letter naming the case's requester as the patient's doctor is one more
            # kind of mark: dev-z81's patient "Dr. Farrow wrote to you about")
            agree[link.tag] = agreement(mine, theirs) + names_requester_as_doctor(
                row["requester_name"] or "", mine, theirs, key)
    # near-identical letters first (as found), then strong links before weak ones, and
    # among those the case whose letter shares most kinds of mark (a physician with two
    # open cases: the one of the same age and diagnosis), newest first on a tie
    ranked = sorted(out.values(), key=lambda k: (k.tag in agree, not k.strong, k.weak,
                                                 -agree.get(k.tag, 0)))
    return tuple(ranked)[:3]


@lru_cache(maxsize=4096)  # each open case's marks, read for letter after letter
def stored_marks(text: str) -> PatientMarks:
    """An open case's stored (hashed) patient marks; ValueError/TypeError if malformed."""
    return PatientMarks.from_dict(json.loads(text))


def _settles(mine: PatientMarks, theirs: PatientMarks) -> bool:
    """The patient's own marks settle who it is: a date of birth, a full name a patient cue
    introduces ("my mother Margaret Okafor") — not three marks that may be a coincidence."""
    return bool(mine.dob & theirs.dob or mine.cued & theirs.cued)


def _link(row: dict[str, Any], msg: Inbound, me: str | None, mine: PatientMarks,
          theirs: PatientMarks, key: bytes,
          words: frozenset[str] = frozenset(),
          doctors: frozenset[str] = frozenset()) -> PatientLink | None:
    tag = str(row["tag"])
    own = row["requester_addr"] == msg.from_addr
    if own or (me is not None and same_person(row["requester_name"] or "", msg.from_name)):
        # the sender's own case, or the same person from another address (a personal
        # account after a bounce): patient marks only; the patient's initials or surname
        # suffice, one weak mark (an age, a diagnosis) attaches only mail that is not a
        # new request
        who = "the sender's own case" if own else "the same requester from another address"
        found = same_patient(mine, theirs)
        if found:
            return PatientLink(tag, f"{who}, {found[0]}", strong=True, decisive=_settles(mine, theirs))
        one = same_own_patient(mine, theirs)
        if one is None and not contradicts(mine, theirs) and named_first_names(words, theirs, key):
            one = "first name"  # "Eli had a bad seizure": the parent of "our son Eli"
        if one is None:
            return None
        # from the same requester: identifying
        if one.startswith(("name", "surname", "initials", "first name")):
            return PatientLink(tag, f"{who}, {one}", strong=True)
        return PatientLink(tag, f"{who}, weakly: {one}", strong=False, weak=True)
    marks = same_patient(mine, theirs)
    found = marks or sender_link(msg.from_name, row["requester_name"] or "", mine, theirs, key,
                                 misspelt_doctor(row["requester_name"] or "", doctors))
    if found and found[1]:
        return PatientLink(tag, found[0], strong=True,
                           decisive=bool(marks) and _settles(mine, theirs))
    colleague = colleague_link(msg.from_addr, row["requester_addr"] or "",
                               row["requester_name"] or "", mine, theirs, key)
    if colleague:  # (with marks that agree too, if any)
        return PatientLink(tag, f"{colleague}, {found[0]}" if found else colleague, strong=True)
    if found:
        return PatientLink(tag, found[0], strong=False)
    near = near_patient(mine, theirs)
    if near:  # linked for a human to reconcile, never attached
        return PatientLink(tag, f"{near} (fewer marks)", strong=False)
    if family_link(msg.from_name, row["requester_name"] or ""):
        if named_relative(msg.from_name, theirs, key) and not contradicts(mine, theirs):
            # (learnt from dev-z78) "my husband Ryan" in the mother's letter; Ryan
            # Kowalczyk writes from his own address: the same family, named by the requester
            return PatientLink(tag, "the sender shares its requester's family name, and its "
                               "letter names the sender", strong=True)
        if mine.first_names & theirs.first_names and not contradicts(mine, theirs):
            # "My sister Rebecca sent you an email about our mom, Janet": a relative (the
            # family name) about the same first-named patient: a link, attached with a
            # follow-up phrase
            return PatientLink(tag, "the sender shares its requester's family name, and the "
                               "patient's first name", strong=False)
        return PatientLink(tag, "the sender shares its requester's family name", strong=False,
                           weak=True)
    return None


def acks_to_sender_since(store: Store, sender: str, since: datetime) -> int:
    row = store.one("SELECT count(*) AS n FROM outbox WHERE kind = 'ack' AND recipient = ? "
                    "AND created_at >= ?", (sender, iso(since)))
    return int(row["n"]) if row else 0


def campaign_match(store: Store, fingerprint: str | None, sender: str, now: datetime,
                   window_days: int, threshold: int, *,
                   similar: Similar | None = None) -> tuple[int | None, list[int]]:
    """(case id the copy should join, ids of cases with similar letters).

    A campaign exists when, with this one, ``threshold`` similar request
    letters from distinct senders arrived within the window.
    """
    if fingerprint is None or threshold < 2:
        return None, []
    since = iso(now - timedelta(days=window_days))
    rows = similar.since(since) if similar is not None and similar.fingerprint == fingerprint \
        else _similar_requests(store, fingerprint, since)
    matches = [r for r in rows if r["case_id"]]
    senders = {r["from_addr"] for r in matches} | {sender}
    if len(senders) < threshold:
        return None, []
    case_ids = list(dict.fromkeys(int(r["case_id"]) for r in matches))
    marked: set[int] = set()
    for i in range(0, len(case_ids), 500):
        chunk = case_ids[i:i + 500]
        marked.update(int(r["id"]) for r in store.query(
            f"SELECT id FROM cases WHERE id IN ({','.join('?' * len(chunk))}) "
            "AND campaign IS NOT NULL", tuple(chunk)))
    campaign_cases = [c for c in case_ids if c in marked]
    return (campaign_cases[0] if campaign_cases else case_ids[0]), case_ids


RESEND_DAYS = 30  # a near-identical letter from another sender this recent is a re-send


@dataclass(frozen=True)
class Similar:
    """The request rows similar to one fingerprint since a horizon, read once for
    both searches that need them (the same patient re-sent, a campaign)."""

    fingerprint: str
    horizon: str
    rows: tuple[dict[str, Any], ...]

    def since(self, since: str) -> list[dict[str, Any]]:
        if since < self.horizon:
            raise ValueError("asked for rows before the horizon they were read from")
        return [r for r in self.rows if r["logged_at"] >= since]


def similar_requests(store: Store, fingerprint: str, now: datetime, days: int) -> Similar:
    horizon = iso(now - timedelta(days=days))
    return Similar(fingerprint, horizon, tuple(_similar_requests(store, fingerprint, horizon)))


_REQUESTS = ("SELECT id, simhash, from_addr, case_id, logged_at FROM messages WHERE category = 'ea_request' "
             "AND simhash IS NOT NULL AND logged_at >= ?")


def _similar_requests(store: Store, fingerprint: str, since: str) -> list[dict[str, Any]]:
    """Request rows of the window whose fingerprint is similar, in id order.

    The fingerprint index (:func:`_near_ids`) names the candidates; the rows
    are then read and filtered exactly as a scan of the whole window would be.
    """
    ids = _near_ids(store, fingerprint, since)
    if ids is None:  # streamed: only the similar rows are kept, however full the window
        cur = store.conn.execute(_REQUESTS + " ORDER BY id", (since,))
        cols = [c[0] for c in cur.description]
        return [row for row in (dict(zip(cols, values, strict=True)) for values in cur)
                if similar(fingerprint, row["simhash"])]
    rows: list[dict[str, Any]] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows += store.query(f"{_REQUESTS} AND id IN ({','.join('?' * len(chunk))}) ORDER BY id",
                            (since, *chunk))
    return [r for r in rows if similar(fingerprint, r["simhash"])]


_Mark = tuple[Any, ...]  # (id, backend_key, logged_at, simhash) of a messages row


@dataclass
class _Indexed:
    """The fingerprints of one database's rows up to ``last_id``, and that database's
    first and last rows then (to tell whether it is still the same database)."""

    index: FingerprintIndex = field(default_factory=FingerprintIndex)
    last_id: int = 0
    marks: tuple[_Mark, ...] = ()


# By the database file's (st_dev, st_ino), most recently used last; a daemon has one.
_INDEXES: dict[tuple[int, int], _Indexed] = {}
_KEEP_INDEXES = 4
_STORE_FILES: weakref.WeakKeyDictionary[Store, tuple[int, int]] = weakref.WeakKeyDictionary()
_INDEX_LOCK = threading.Lock()


def _near_ids(store: Store, fingerprint: str, since: str) -> list[int] | None:
    """Ids of the rows whose fingerprint may be within MAX_DISTANCE of ``fingerprint``
    (a superset of the window's matches), or None: scan the window instead.

    The index lives for the process and is shared by every Store on the same
    file. A message's simhash and logged_at never change once logged, so it only
    reads rows added since; it is rebuilt when the first or last row it read is
    no longer what it was (another database at that path). Inside a transaction
    it is not used: rows this connection has not committed must not enter it.
    """
    try:
        value = int(fingerprint, 16)
    except ValueError:
        return None
    if store.conn.in_transaction or not 0 <= value < 1 << 64:
        return None
    try:
        file = _STORE_FILES.get(store)
        if file is None:
            st = os.stat(store.path)
            file = _STORE_FILES[store] = (st.st_dev, st.st_ino)
    except OSError:
        return None
    with _INDEX_LOCK:
        previous = _INDEXES.pop(file, None)  # back only once brought up to date
        indexed = _refresh(store, previous or _Indexed())
        if indexed is None:
            return None
        _INDEXES[file] = indexed
        while len(_INDEXES) > _KEEP_INDEXES:
            del _INDEXES[next(iter(_INDEXES))]
        return indexed.index.near(value, since)


_MARK = "SELECT id, backend_key, logged_at, simhash FROM messages"


def _refresh(store: Store, indexed: _Indexed) -> _Indexed | None:
    """Add the rows logged since ``indexed`` was last brought up to date."""
    conn = store.conn
    if indexed.marks and tuple(conn.execute(
            f"{_MARK} WHERE id IN (?, ?) ORDER BY id",
            (indexed.marks[0][0], indexed.marks[-1][0]))) != indexed.marks:
        indexed = _Indexed()
    last = conn.execute(f"{_MARK} ORDER BY id DESC LIMIT 1").fetchone()
    if last is None or last[0] == indexed.last_id:
        return indexed
    first = indexed.marks[0] if indexed.marks else conn.execute(
        f"{_MARK} ORDER BY id LIMIT 1").fetchone()
    rows = conn.execute("SELECT id, simhash, logged_at FROM messages WHERE id > ? AND id <= ? "
                        "AND simhash IS NOT NULL ORDER BY id", (indexed.last_id, last[0]))
    for row_id, text, logged_at in rows:
        try:
            value = int(text, 16)
        except (TypeError, ValueError):
            return None  # not a fingerprint this code wrote: scan instead
        if not isinstance(logged_at, str) or not 0 <= value < 1 << 64:
            return None
        indexed.index.add(int(row_id), value, logged_at)
    indexed.last_id = int(last[0])
    indexed.marks = (tuple(first),) if first[0] == last[0] else (tuple(first), tuple(last))
    return indexed


def sender_acked_in_case(store: Store, sender: str, case_id: int) -> bool:
    return store.one("SELECT 1 AS x FROM outbox WHERE case_id = ? AND recipient = ? AND kind = "
                     "'ack'", (case_id, sender)) is not None


def next_case_tag(store: Store, prefix: str, year: int) -> str:
    row = store.one("SELECT tag FROM cases WHERE tag LIKE ? ORDER BY id DESC LIMIT 1",
                    (f"{prefix}-{year}-%",))
    n = int(str(row["tag"]).rsplit("-", 1)[1]) + 1 if row else 1
    return f"{prefix}-{year}-{n:04d}"


def case_by_tag(store: Store, tag_or_id: str) -> dict[str, Any] | None:
    if tag_or_id.isdigit():
        return store.one("SELECT * FROM cases WHERE id = ?", (int(tag_or_id),))
    return store.one("SELECT * FROM cases WHERE tag = ?", (tag_or_id.strip("[]").upper(),))
