"""Staff CLI completeness: filters, respond/close/reopen, reclassify, audit export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from tests.conftest import EXAMPLES, write_config


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def demo(tmp: Path) -> str:
    cfg = str(write_config(tmp))
    code, out = run("demo", "-c", cfg, "--examples", str(EXAMPLES))
    assert code == 0, out
    return cfg


def tags(out: str) -> set[str]:
    return {w for w in out.split() if w.startswith("EA-2026-")}


def test_filters(tmp_path: Path) -> None:
    cfg = demo(tmp_path)
    assert tags(run("cases", "-c", cfg, "--role", "patient_or_family")[1]) == {
        "EA-2026-0004", "EA-2026-0006", "EA-2026-0007"}
    assert tags(run("cases", "-c", cfg, "--emergency")[1]) == {"EA-2026-0005"}
    assert tags(run("cases", "-c", cfg, "--adverse-event")[1]) == {"EA-2026-0002"}
    assert tags(run("cases", "-c", cfg, "--sender", "sokonkwo@greatplains-uh.example.edu")[1]) \
        == {"EA-2026-0001"}
    assert tags(run("cases", "-c", cfg, "--due-before", "2026-11-11")[1]) == {
        "EA-2026-0001", "EA-2026-0002"}
    assert tags(run("cases", "-c", cfg, "--category", "ea_followup")[1]) == {
        "EA-2026-0001", "EA-2026-0002"}
    code, out = run("cases", "-c", cfg, "--due-before", "soon")
    assert code != 0 and "cannot read" in out


def test_respond_close_reopen(tmp_path: Path) -> None:
    cfg = demo(tmp_path)
    # Options work after the subcommand; --by goes into the trail.
    code, out = run("cases", "respond", "EA-2026-0003", "--by", "Dr. Lee", "-c", cfg)
    assert code == 0 and "answer by Dr. Lee recorded" in out, out
    assert "EA-2026-0003" in run("cases", "--status", "answered", "-c", cfg)[1]
    code, out = run("cases", "respond", "EA-2026-0003", "--by", "Dr. Lee", "-c", cfg)
    assert code != 0 and "refused: EA-2026-0003 was already answered" in out
    assert run("cases", "close", "EA-2026-0003", "--reason", "LOA sent", "-c", cfg)[0] == 0
    assert tags(run("cases", "-c", cfg, "--status", "closed")[1]) == {"EA-2026-0003"}
    code, out = run("cases", "close", "EA-2026-0003", "--reason", "again", "-c", cfg)
    assert code != 0 and "already closed" in out and "Traceback" not in out
    code, out = run("cases", "reopen", "EA-2026-0003", "--reason", "new labs", "--by", "Ann",
                    "-c", cfg)
    assert code == 0 and "reopened by Ann; clock running" in out, out
    code, out = run("cases", "reopen", "EA-2026-0003", "--reason", "again", "-c", cfg)
    assert code != 0 and "is not closed (it is open)" in out
    _code, out = run("cases", "show", "EA-2026-0003", "-c", cfg)
    assert "closed" in out and "reopened" in out and "staff_reply" in out
    assert "Dr. Lee" in out and "Ann" in out


def test_status_open_includes_every_running_clock(tmp_path: Path) -> None:
    cfg = demo(tmp_path)
    # The emergency (ICU) case was acknowledged by the demo cycle and is overdue by now.
    code, out = run("cases", "--status", "open", "-c", cfg)
    assert code == 0 and "EA-2026-0005" in out
    first = next(line for line in out.splitlines() if line.startswith("EA-"))
    assert first.startswith("EA-2026-0005") and "EMERGENCY" in first
    exported = [json.loads(line) for line in run("export", "--what", "cases", "-c", cfg)[1]
                .splitlines()]
    assert {c["status"] for c in exported} == {"open"}
    icu = next(c for c in exported if c["tag"] == "EA-2026-0005")
    assert icu["acknowledged_at"] and icu["emergency"] == 1


def test_assign_note_and_review_actions(tmp_path: Path) -> None:
    cfg = demo(tmp_path)
    assert run("cases", "assign", "EA-2026-0001", "--me", "--by", "Ann", "-c", cfg) == (
        0, "EA-2026-0001: taken by Ann\n")
    code, out = run("cases", "assign", "EA-2026-0001", "--to", "Bob", "--by", "Ann", "-c", cfg)
    assert code == 0 and "assigned to Bob by Ann (was Ann)" in out
    assert tags(run("cases", "--owner", "Bob", "-c", cfg)[1]) == {"EA-2026-0001"}
    code, out = run("cases", "assign", "EA-2026-0001", "--me", "--nobody", "-c", cfg)
    assert code != 0 and "exactly one of" in out
    code, out = run("cases", "note", "EA-2026-0001", "left a voicemail", "--by", "Bob", "-c", cfg)
    assert code == 0 and "note by Bob added" in out
    code, out = run("cases", "confirm", "EA-2026-0001", "--by", "Bob", "-c", cfg)
    assert code != 0 and "not under review" in out
    import sqlite3

    db = sqlite3.connect(tmp_path / "var" / "eabot.sqlite3")
    db.execute("UPDATE cases SET needs_review = 1 WHERE tag IN ('EA-2026-0006', 'EA-2026-0007')")
    db.commit()
    db.close()
    assert run("cases", "--review", "-c", cfg)[1].splitlines()[2].startswith("EA-2026-0006")
    code, out = run("cases", "confirm", "EA-2026-0006", "--by", "Bob", "-c", cfg)
    assert code == 0 and "review confirmed by Bob" in out
    code, out = run("cases", "dismiss", "EA-2026-0007", "--reason", "trial question", "-c", cfg)
    assert code == 0 and "not a request" in out
    events = [json.loads(line) for line in run("export", "--what", "events", "-c", cfg)[1]
              .splitlines()]
    actors = {(e["kind"], e["actor"]) for e in events if e["actor"]}
    assert {("taken", "Ann"), ("assigned", "Ann"), ("note", "Bob"),
            ("review_confirmed", "Bob")} <= actors
    assert any(kind == "review_dismissed" for kind, _ in actors)


def test_by_defaults_to_the_login_user(tmp_path: Path) -> None:
    import getpass

    cfg = demo(tmp_path)
    code, out = run("cases", "note", "EA-2026-0002", "called the site", "-c", cfg)
    assert code == 0 and f"note by {getpass.getuser()} added" in out


def test_reclassify_both_ways_and_export(tmp_path: Path) -> None:
    cfg = demo(tmp_path)
    # The journalist (row m9) was really asking on behalf of a patient: open a case.
    code, out = run("log", "-c", cfg)
    journalist = next(line.split()[0] for line in out.splitlines() if "healthledger" in line)
    code, out = run("cases", "-c", cfg, "reclassify", journalist, "ea_request", "--role", "other",
                    "--reason", "asks for her father, see second paragraph")
    assert code == 0, out
    new_tag = next(iter(tags(out)))
    code, out = run("cases", "-c", cfg, "show", new_tag)
    assert "staff correction" in out and "other -> ea_request" in out
    assert "ack_queued" in out
    # A request re-filed as other closes its case.
    code, out = run("cases", "-c", cfg, "reclassify", "EA-2026-0006", "other",
                    "--reason", "duplicate of a phone enquiry")
    assert code == 0 and "closed" in out
    rows = [json.loads(line) for line in run("export", "-c", cfg)[1].splitlines()]
    corrected = [r for r in rows if r["staff_correction"]]
    assert {(r["classified_as"], r["category"]) for r in corrected} == {
        ("other", "ea_request"), ("ea_request", "other")}
    code, out = run("cases", "-c", cfg, "reclassify", "m999", "other", "--reason", "x")
    assert code != 0 and "no case or message" in out


def test_dismiss_a_message_waiting_for_review(tmp_path: Path) -> None:
    cfg = demo(tmp_path)
    waiting = "messages marked for review without a case: {} waiting"
    # The demo files m4 (a trial question) as other and m10, m12 as machine mail, each
    # marked for review without a case.
    assert waiting.format(3) in run("status", "-c", cfg)[1]
    code, out = run("cases", "dismiss", "m4", "--by", "Ann", "--reason",
                    "asks about trial eligibility, no patient", "-c", cfg)
    assert (code, out) == (0, "m4: checked by Ann: not a request: asks about trial eligibility, "
                              "no patient; it stays other and leaves the review queue\n")
    code, out = run("cases", "-c", cfg, "dismiss", "m12", "--by", "Bob")  # no reason: fine
    assert code == 0 and "it stays auto_reply" in out, out
    assert waiting.format(1) in run("status", "-c", cfg)[1]
    code, out = run("cases", "dismiss", "m4", "--by", "Bob", "-c", cfg)
    assert code != 0 and "refused: m4 was already handled by Ann" in out
    code, out = run("cases", "dismiss", "m1", "-c", cfg)
    assert code != 0 and "refused: m1 belongs to case EA-2026-0001" in out
    code, out = run("cases", "dismiss", "m9", "-c", cfg)  # the journalist: not marked for review
    assert code != 0 and "m9 is not marked for review" in out
    code, out = run("cases", "dismiss", "m999", "-c", cfg)
    assert code != 0 and "there is no message 'm999'" in out and "Traceback" not in out
    code, out = run("cases", "dismiss", "EA-2026-0001", "-c", cfg)  # a case still needs a reason
    assert code != 0 and "refused: a reason is required" in out
    log = run("log", "-c", cfg)[1]
    assert next(line for line in log.splitlines() if line.startswith("m4 ")).count(
        "other (staff; bot: other)") == 1
    exported = {r["row"]: r for r in map(json.loads, run("export", "-c", cfg)[1].splitlines())}
    assert exported[4]["staff_correction"] == ("checked: not a request: asks about trial "
                                               "eligibility, no patient")
    events = [json.loads(line) for line in run("export", "--what", "events", "-c", cfg)[1]
              .splitlines()]
    assert [(e["message_row"], e["actor"], e["case_tag"]) for e in events
            if e["kind"] == "review_dismissed"] == [(4, "Ann", None), (12, "Bob", None)]
    code, out = run("cases", "dismiss", "--help")
    assert code == 0 and "m42" in out and "leaves" in out


def test_export_cases_and_events_for_a_range(tmp_path: Path) -> None:
    cfg = demo(tmp_path)
    code, out = run("export", "-c", cfg, "--what", "cases", "--since", "2026-11-10",
                    "--until", "2026-11-25", "--format", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["tag"] for r in rows} == {"EA-2026-0004", "EA-2026-0005", "EA-2026-0006"}
    assert all(json.loads(r["deadline_inputs"])["rule"] for r in rows)
    code, out = run("export", "-c", cfg, "--what", "events")
    events = [json.loads(line) for line in out.splitlines()]
    assert {"classified", "case_opened", "ack_sent"} <= {e["kind"] for e in events}
    assert run("export", "-c", cfg, "--since", "yesterday")[0] != 0
