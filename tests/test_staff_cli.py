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
    assert run("cases", "-c", cfg, "respond", "EA-2026-0003", "--by", "Dr. Lee")[0] == 0
    assert "EA-2026-0003" in run("cases", "-c", cfg, "--status", "responded")[1]
    assert run("cases", "-c", cfg, "close", "EA-2026-0003", "--reason", "LOA sent")[0] == 0
    assert tags(run("cases", "-c", cfg, "--status", "closed")[1]) == {"EA-2026-0003"}
    assert run("cases", "-c", cfg, "reopen", "EA-2026-0003", "--reason", "new labs")[0] == 0
    _code, out = run("cases", "-c", cfg, "show", "EA-2026-0003")
    assert "closed" in out and "reopened" in out and "staff_reply" in out


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
