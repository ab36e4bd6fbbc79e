"""Staff actions (bot.casework): every action, every refusal, on a real SQLite store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot import casework
from bot.casework import ActionRefused
from bot.config import Config
from bot.replies import TemplateSet
from bot.store import Store, iso

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # Monday 10:00 in New York
RECEIVED = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.fixture
def store(cfg: Config) -> Iterator[Store]:
    s = Store(cfg.store_path)
    yield s
    s.close()


def seed(store: Store, n: int = 1, *, status: str = "open", review: bool = False,
         ack: str | None = None, category: str = "ea_request", case: bool = True) -> int:
    """A case EA-2026-000n with one message (and an ack outbox row in state ``ack``)."""
    case_id = None
    if case:
        case_id = store.insert("cases", {
            "tag": f"EA-2026-{n:04d}", "status": status, "requester_addr": f"dr{n}@h.example",
            "requester_role": "physician", "subject": "EA request", "received_at": iso(RECEIVED),
            "opened_at": iso(RECEIVED), "due_at": iso(RECEIVED + timedelta(days=8)),
            "needs_review": int(review), "closed_at": iso(NOW) if status == "closed" else None,
            "close_reason": "done" if status == "closed" else None,
            "responded_at": iso(NOW) if status == "answered" else None})
    row = store.insert("messages", {
        "backend_key": f"maildir:{n}", "mailbox": "INBOX", "message_id": f"<m{n}@h.example>",
        "raw_sha256": f"{n:064d}", "raw_size": 10, "received_at": iso(RECEIVED),
        "logged_at": iso(RECEIVED), "from_addr": f"dr{n}@h.example", "from_name": "Dr X",
        "subject": "EA request", "refs": "[]", "category": category,
        "requester_role": "physician" if category == "ea_request" else None,
        "reasons": "[]", "case_id": case_id, "ack_status": ack or "not_needed"})
    if ack:
        store.insert("outbox", {
            "case_id": case_id, "message_row": row, "kind": "ack", "recipient": f"dr{n}@h.example",
            "subject": "Re: EA request", "message_id": f"<ack{n}@cellectar.example>", "raw": "x",
            "status": ack, "created_at": iso(RECEIVED), "next_attempt_at": None})
    return row


def case(store: Store, n: int = 1) -> dict[str, Any]:
    row = store.one("SELECT * FROM cases WHERE tag = ?", (f"EA-2026-{n:04d}",))
    assert row is not None
    return row


def last_event(store: Store) -> dict[str, Any]:
    row = store.one("SELECT * FROM events ORDER BY id DESC LIMIT 1")
    assert row is not None
    return dict(row, detail=json.loads(row["detail"]))


def outbox_status(store: Store) -> list[str]:
    return [r["status"] for r in store.query("SELECT status FROM outbox ORDER BY id")]


def refused(fn: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ActionRefused) as exc:
        fn(*args, **kwargs)
    return str(exc.value)


def test_migration_adds_actor_owner_and_maps_old_statuses(cfg: Config) -> None:
    import sqlite3

    import sqlite_utils

    from bot.store import migrations

    cfg.store_path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(cfg.store_path))
    migrations.apply(db, stop_before="m005_casework")
    for i, status in enumerate(("open", "acknowledged", "responded", "closed")):
        db.execute("INSERT INTO cases (tag, status, requester_addr, received_at, opened_at) "
                   "VALUES (?, ?, 'a@b.example', '2026-11-01', '2026-11-01')", (f"T{i}", status))
    db.conn.commit()
    db.conn.close()
    store = Store(cfg.store_path)
    assert [r["status"] for r in store.query("SELECT status FROM cases ORDER BY id")] == [
        "open", "open", "answered", "closed"]
    assert "actor" in {c[1] for c in store.conn.execute("PRAGMA table_info(events)")}
    assert store.one("SELECT owner FROM cases LIMIT 1") == {"owner": None}
    store.close()


def test_respond_records_actor_and_stops_the_clock(store: Store, cfg: Config) -> None:
    seed(store)
    at = NOW - timedelta(hours=2)
    out = casework.respond(store, cfg, "EA-2026-0001", actor="Dr. Lee", now=NOW, at=at,
                           note="called him")
    assert out.startswith("EA-2026-0001: answer by Dr. Lee recorded at Mon 2026-11-30 08:00 EST")
    assert "clock stopped" in out
    c = case(store)
    assert (c["status"], c["responded_at"]) == ("answered", iso(at))
    ev = last_event(store)
    assert (ev["kind"], ev["actor"], ev["detail"]["note"]) == ("staff_reply", "Dr. Lee", "called him")


def test_respond_refusals(store: Store, cfg: Config) -> None:
    seed(store, 1)
    seed(store, 2, status="closed")
    seed(store, 3, status="answered")
    assert "already answered" in refused(casework.respond, store, cfg, "EA-2026-0003",
                                         actor="x", now=NOW)
    assert "is closed; reopen it first" in refused(casework.respond, store, cfg, "EA-2026-0002",
                                                   actor="x", now=NOW)
    assert "in the future" in refused(casework.respond, store, cfg, "EA-2026-0001", actor="x",
                                      now=NOW, at=NOW + timedelta(hours=1))
    assert "before the request arrived" in refused(casework.respond, store, cfg, "EA-2026-0001",
                                                   actor="x", now=NOW, at=RECEIVED - timedelta(1))
    assert "say who is acting" in refused(casework.respond, store, cfg, "EA-2026-0001",
                                          actor="  ", now=NOW)
    assert "there is no case 'EA-2026-0099'" in refused(casework.respond, store, cfg,
                                                        "EA-2026-0099", actor="x", now=NOW)
    assert case(store, 1)["status"] == "open"


def test_close_and_reopen_resume_the_clock(store: Store, cfg: Config) -> None:
    seed(store, ack="held")
    casework.respond(store, cfg, "EA-2026-0001", actor="Ann", now=NOW)
    assert outbox_status(store) == ["cancelled"]  # answered: the held receipt is moot
    out = casework.close(store, cfg, "EA-2026-0001", actor="Ann", reason="LOA sent", now=NOW)
    assert out == "EA-2026-0001: closed by Ann: LOA sent"
    c = case(store)
    assert (c["status"], c["close_reason"]) == ("closed", "LOA sent")
    assert last_event(store)["actor"] == "Ann"
    later = NOW + timedelta(days=1)
    out = casework.reopen(store, cfg, "EA-2026-0001", actor="Bob", reason="new labs", now=later)
    assert out.startswith("EA-2026-0001: reopened by Bob; clock running, due ")
    c = case(store)
    assert (c["status"], c["closed_at"], c["close_reason"], c["responded_at"]) == (
        "open", None, None, None)
    ev = last_event(store)
    assert (ev["kind"], ev["actor"], ev["detail"]["close_reason"]) == ("reopened", "Bob",
                                                                       "LOA sent")
    from bot.notices import stopped

    assert not stopped(c, cfg)


def test_close_and_reopen_refusals(store: Store, cfg: Config) -> None:
    seed(store, 1)
    seed(store, 2, status="closed")
    assert "already closed" in refused(casework.close, store, cfg, "EA-2026-0002", actor="x",
                                       reason="again", now=NOW)
    assert "is not closed (it is open)" in refused(casework.reopen, store, cfg, "EA-2026-0001",
                                                   actor="x", reason="why", now=NOW)
    assert "a reason is required" in refused(casework.close, store, cfg, "EA-2026-0001",
                                             actor="x", reason=" ", now=NOW)
    assert "a reason is required" in refused(casework.reopen, store, cfg, "EA-2026-0002",
                                             actor="x", reason="", now=NOW)
    assert "keep it under" in refused(casework.close, store, cfg, "EA-2026-0001", actor="x",
                                      reason="x" * 3000, now=NOW)


def test_assign_take_unassign(store: Store, cfg: Config) -> None:
    seed(store)
    assert casework.assign(store, "EA-2026-0001", actor="Ann", owner="Bob", now=NOW) == \
        "EA-2026-0001: assigned to Bob by Ann"
    assert casework.assign(store, "EA-2026-0001", actor="Ann", owner="Ann", now=NOW) == \
        "EA-2026-0001: taken by Ann (was Bob)"
    assert (last_event(store)["kind"], last_event(store)["actor"]) == ("taken", "Ann")
    assert case(store)["owner"] == "Ann"
    assert "already owned by Ann" in refused(casework.assign, store, "EA-2026-0001", actor="Bob",
                                             owner="Ann", now=NOW)
    assert casework.assign(store, "EA-2026-0001", actor="Bob", owner=None, now=NOW) == \
        "EA-2026-0001: unassigned by Bob (was Ann)"
    assert "has no owner" in refused(casework.assign, store, "EA-2026-0001", actor="Bob",
                                     owner=None, now=NOW)
    assert "name the new owner" in refused(casework.assign, store, "EA-2026-0001", actor="Bob",
                                           owner=" ", now=NOW)
    seed(store, 2, status="closed")
    assert "is closed" in refused(casework.assign, store, "EA-2026-0002", actor="Bob",
                                  owner="Bob", now=NOW)


def test_notes(store: Store, cfg: Config) -> None:
    seed(store)
    assert casework.add_note(store, "EA-2026-0001", actor="Ann", text=" asked for labs ",
                             now=NOW) == "EA-2026-0001: note by Ann added"
    ev = last_event(store)
    assert (ev["kind"], ev["actor"], ev["detail"]) == ("note", "Ann", {"text": "asked for labs"})
    assert "a note is required" in refused(casework.add_note, store, "EA-2026-0001", actor="Ann",
                                           text="", now=NOW)


def test_confirm_review_releases_the_held_ack(store: Store, cfg: Config) -> None:
    seed(store, review=True, ack="held")
    out = casework.confirm_review(store, cfg, "EA-2026-0001", actor="Ann", now=NOW, note="ok")
    assert "held acknowledgement is released, it goes out with the daemon's next cycle" in out
    assert case(store)["needs_review"] == 0
    row = store.one("SELECT status, next_attempt_at FROM outbox")
    assert row == {"status": "pending", "next_attempt_at": iso(NOW)}
    assert store.one("SELECT ack_status FROM messages") == {"ack_status": "pending"}
    assert (last_event(store)["kind"], last_event(store)["actor"]) == ("review_confirmed", "Ann")
    assert "not under review" in refused(casework.confirm_review, store, cfg, "EA-2026-0001",
                                         actor="Ann", now=NOW)


def test_confirm_review_on_a_closed_case_cancels_the_held_ack(store: Store, cfg: Config) -> None:
    seed(store, review=True, ack="held", status="closed")
    out = casework.confirm_review(store, cfg, "EA-2026-0001", actor="Ann", now=NOW)
    assert "held acknowledgement was cancelled" in out
    assert outbox_status(store) == ["cancelled"]


def test_dismiss_review_closes_and_refiles_as_other(store: Store, cfg: Config) -> None:
    seed(store, review=True, ack="held")
    out = casework.dismiss_review(store, cfg, "EA-2026-0001", actor="Ann",
                                  reason="a trial enquiry", now=NOW)
    assert out.startswith("EA-2026-0001: review dismissed by Ann: not a request;")
    c = case(store)
    assert (c["status"], c["needs_review"]) == ("closed", 0)
    assert c["close_reason"] == "reclassified as other: not a request: a trial enquiry"
    assert outbox_status(store) == ["cancelled"]
    msg = store.one("SELECT category, classified_as, ack_status FROM messages")
    assert msg == {"category": "other", "classified_as": "ea_request", "ack_status": "suppressed"}
    kinds = [(e["kind"], e["actor"]) for e in store.query("SELECT kind, actor FROM events")]
    assert kinds == [("reclassified", "Ann"), ("closed", "Ann"), ("review_dismissed", "Ann")]
    assert "not under review" in refused(casework.dismiss_review, store, cfg, "EA-2026-0001",
                                         actor="Ann", reason="again", now=NOW)
    seed(store, 2, review=True)
    assert "a reason is required" in refused(casework.dismiss_review, store, cfg, "EA-2026-0002",
                                             actor="Ann", reason="", now=NOW)


def test_reclassify_other_as_request_opens_and_says_when_the_ack_leaves(
        store: Store, cfg: Config) -> None:
    row = seed(store, 5, category="other", case=False)
    templates = TemplateSet.load(cfg.templates_dir, cfg.required_templates())
    out = casework.reclassify(store, cfg, templates, f"m{row}", actor="Ann", category="ea_request",
                              role="physician", reason="a referral letter", now=NOW,
                              emergency=True)
    assert out.startswith("EA-2026-0001 opened, due ")
    assert "acknowledgement to dr5@h.example queued; it goes out with the daemon's next cycle" in out
    c = case(store)
    assert (c["emergency"], c["requester_role"]) == (1, "physician")
    assert outbox_status(store) == ["pending"]
    events = store.query("SELECT kind, actor FROM events ORDER BY id")
    assert ("reclassified", "Ann") in [(e["kind"], e["actor"]) for e in events]
    assert ("case_opened_by_staff", "Ann") in [(e["kind"], e["actor"]) for e in events]


def test_reclassify_refusals(store: Store, cfg: Config) -> None:
    row = seed(store, 1)
    seed(store, 2)
    empty = TemplateSet({})
    call = casework.reclassify
    assert "already ea_request" in refused(call, store, cfg, empty, "EA-2026-0001", actor="A",
                                           category="ea_request", reason="r", now=NOW)
    assert "not a category" in refused(call, store, cfg, empty, "EA-2026-0001", actor="A",
                                       category="spam", reason="r", now=NOW)
    assert "not a requester role" in refused(call, store, cfg, empty, "EA-2026-0001", actor="A",
                                             category="ea_request", role="nurse", reason="r",
                                             now=NOW)
    assert "role only goes with ea_request" in refused(call, store, cfg, empty, "EA-2026-0001",
                                                       actor="A", category="other",
                                                       role="physician", reason="r", now=NOW)
    assert "needs the case" in refused(call, store, cfg, empty, f"m{row}", actor="A",
                                       category="ea_followup", reason="r", now=NOW)
    assert "already belongs to EA-2026-0001" in refused(
        call, store, cfg, empty, f"m{row}", actor="A", category="ea_followup", into="EA-2026-0001",
        reason="r", now=NOW)
    assert "--into" in refused(call, store, cfg, empty, f"m{row}", actor="A", category="other",
                               into="EA-2026-0002", reason="r", now=NOW)
    assert "a reason is required" in refused(call, store, cfg, empty, "EA-2026-0001", actor="A",
                                             category="other", reason=" ", now=NOW)
    assert "no case or message 'm999'" in refused(call, store, cfg, empty, "m999", actor="A",
                                                  category="other", reason="r", now=NOW)
    assert store.one("SELECT count(*) AS n FROM events") == {"n": 0}
    out = call(store, cfg, empty, f"m{row}", actor="A", category="ea_followup", into="EA-2026-0002",
               reason="same patient", now=NOW)
    assert out == f"message m{row} now follows up EA-2026-0002"
    out = call(store, cfg, empty, "EA-2026-0002", actor="A", category="ea_request",
               reason="flag it", adverse_event=True, now=NOW)
    assert case(store, 2)["adverse_event"] == 1


@pytest.mark.parametrize("answered", [False, True])
def test_a_followup_reopens_a_closed_case_without_its_close_reason(cfg: Config,
                                                                   answered: bool) -> None:
    from bot.backends.maildir import deliver
    from bot.cli.demo import delivery_time
    from bot.daemon import run_cycle
    from tests.conftest import EXAMPLES

    maildir = cfg.base_dir / cfg.mailbox["path"]
    first = (EXAMPLES / "01_physician_wm_loa.eml").read_bytes()
    deliver(maildir, first, delivery_time(first))
    assert run_cycle(cfg, clock=lambda: NOW).ok
    store = Store(cfg.store_path)
    if answered:
        casework.respond(store, cfg, "EA-2026-0001", actor="Ann", now=NOW)
    casework.close(store, cfg, "EA-2026-0001", actor="Ann", reason="LOA sent", now=NOW)
    later = (EXAMPLES / "06_followup_records_in_thread.eml").read_bytes()
    deliver(maildir, later, delivery_time(later))
    assert run_cycle(cfg, clock=lambda: NOW + timedelta(hours=1)).ok
    c = case(store)
    assert (c["status"], c["close_reason"], c["closed_at"]) == (
        "answered" if answered else "open", None, None)
    store.close()


def test_status_counts_acknowledgements_held_for_review(store: Store, cfg: Config) -> None:
    from bot.health import assess, gather

    seed(store, review=True, ack="held")
    assert "outbox: 0 pending, 1 held for review, 0 failed" in "\n".join(
        assess(gather(store), cfg, NOW).lines)
    casework.confirm_review(store, cfg, "EA-2026-0001", actor="Ann", now=NOW)
    assert "outbox: 1 pending, 0 failed" in "\n".join(assess(gather(store), cfg, NOW).lines)


def test_a_held_acknowledgement_survives_close_and_reopen(store: Store, cfg: Config) -> None:
    """Closed by mistake, reopened, confirmed: the requester is acknowledged after all."""
    seed(store, review=True, ack="held")
    casework.close(store, cfg, "EA-2026-0001", actor="Ann", reason="looked like spam", now=NOW)
    assert outbox_status(store) == ["held"]
    casework.reopen(store, cfg, "EA-2026-0001", actor="Bob", reason="it is a request", now=NOW)
    out = casework.confirm_review(store, cfg, "EA-2026-0001", actor="Bob", now=NOW)
    assert "released" in out and outbox_status(store) == ["pending"]


def test_re_filing_a_dismissed_request_reopens_its_case(store: Store, cfg: Config) -> None:
    templates = TemplateSet.load(cfg.templates_dir, cfg.required_templates())
    seed(store, review=True, ack="held")
    casework.dismiss_review(store, cfg, "EA-2026-0001", actor="Ann", reason="spam", now=NOW)
    assert case(store)["status"] == "closed"
    out = casework.reclassify(store, cfg, templates, "m1", actor="Bob", category="ea_request",
                              reason="it is a request after all", now=NOW)
    assert "reopened" in out and case(store)["status"] == "open"


# -- a message waiting for review without a case: "checked, not a request" ---------------


def doubted(store: Store, n: int, *, category: str = "other") -> int:
    """Message row of sender n filed as ``category``, marked for review, no case."""
    row = seed(store, n, category=category, case=False)
    store.update("messages", row, {"needs_review": 1})
    return row


def waiting_rows(store: Store) -> list[int]:
    from bot.review_clock import waiting_sql

    return [r["id"] for r in store.query(f"SELECT m.id FROM messages m WHERE {waiting_sql('m')}")]


def test_dismiss_message_records_the_check_and_leaves_the_queue(store: Store, cfg: Config) -> None:
    import sqlite3

    from bot.health import assess, gather
    from bot.review import message_list

    row, machine = doubted(store, 1), doubted(store, 2, category="auto_reply")
    assert waiting_rows(store) == [row, machine]
    out = casework.dismiss_message(store, cfg, f"m{row}", actor=" Ann  Chu ", now=NOW,
                                   reason=" a vendor asking about our pipeline ")
    assert out == (f"m{row}: checked by Ann Chu: not a request: a vendor asking about our "
                   "pipeline; it stays other and leaves the review queue")
    msg = store.one("SELECT category, classified_as, staff_correction, needs_review, case_id "
                    "FROM messages WHERE id = ?", (row,))
    assert msg == {"category": "other", "classified_as": "other", "needs_review": 1,
                   "staff_correction": "checked: not a request: a vendor asking about our pipeline",
                   "case_id": None}
    ev = last_event(store)
    assert (ev["kind"], ev["actor"], ev["message_row"], ev["case_id"]) == (
        "review_dismissed", "Ann Chu", row, None)
    assert ev["detail"]["reason"] == "a vendor asking about our pipeline"
    # the reason is optional; machine mail keeps its category
    out = casework.dismiss_message(store, cfg, f"M{machine}", actor="Bob", now=NOW)
    assert out.endswith("checked by Bob: not a request; it stays auto_reply and leaves the "
                        "review queue")
    assert store.one("SELECT category, staff_correction FROM messages WHERE id = ?",
                     (machine,)) == {"category": "auto_reply",
                                     "staff_correction": "checked: not a request"}
    # every reader of the queue follows the one definition
    assert waiting_rows(store) == []
    assert "messages marked for review without a case: 0 waiting" in "\n".join(
        assess(gather(store), cfg, NOW).lines)
    with sqlite3.connect(cfg.store_path) as conn:
        assert message_list.counts(conn, cfg, NOW) == {"waiting": 0, "overdue": 0}
        assert message_list.rows(conn, cfg, NOW) == []
    # it can still be opened as a request later (a reclassification)
    templates = TemplateSet.load(cfg.templates_dir, cfg.required_templates())
    assert casework.reclassify(store, cfg, templates, f"m{row}", actor="Ann",
                               category="ea_request", reason="a second look", now=NOW
                               ).startswith("EA-2026-0001 opened")


def test_dismiss_message_refusals(store: Store, cfg: Config) -> None:
    in_case = seed(store, 1, review=True)  # a review *case*: its own actions
    plain = seed(store, 2, category="other", case=False)  # never marked for review
    row = doubted(store, 3)
    call = casework.dismiss_message
    assert "there is no message 'm999'" in refused(call, store, cfg, "m999", actor="A", now=NOW)
    assert "there is no message 'nonsense'" in refused(call, store, cfg, "nonsense", actor="A",
                                                       now=NOW)
    said = refused(call, store, cfg, f"m{in_case}", actor="A", now=NOW)
    assert f"m{in_case} belongs to case EA-2026-0001" in said
    assert "eabot cases confirm|dismiss|reclassify EA-2026-0001" in said
    assert "EA-2026-0001 is a case, not a message waiting for review" in refused(
        call, store, cfg, "EA-2026-0001", actor="A", now=NOW)
    assert f"m{plain} is not marked for review; to re-file it, reclassify it" in refused(
        call, store, cfg, f"m{plain}", actor="A", now=NOW)
    assert "say who is acting" in refused(call, store, cfg, f"m{row}", actor=" ", now=NOW)
    assert "keep it under" in refused(call, store, cfg, f"m{row}", actor="A", now=NOW,
                                      reason="x" * 3000)
    assert store.one("SELECT count(*) AS n FROM events") == {"n": 0}
    assert waiting_rows(store) == [row]
    casework.dismiss_message(store, cfg, f"m{row}", actor="Ann", now=NOW, reason="spam")
    again = refused(call, store, cfg, f"m{row}", actor="Bob", now=NOW + timedelta(hours=1))
    assert again == (f"m{row} was already handled by Ann on Mon 2026-11-30 10:00 EST "
                     "(other: checked: not a request: spam); it no longer waits for review")
    # a message re-filed by reclassification is handled too
    other = doubted(store, 4)
    casework.reclassify(store, cfg, TemplateSet({}), f"m{other}", actor="Cy",
                        category="auto_reply", reason="a list digest", now=NOW)
    assert f"m{other} was already handled by Cy" in refused(call, store, cfg, f"m{other}",
                                                           actor="A", now=NOW)
    assert [e["actor"] for e in store.query("SELECT actor FROM events ORDER BY id")] == [
        "Ann", "Cy"]
