"""The command line: vocabulary, help with examples, clear errors."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import EXAMPLES, ROOT, write_config

VOCAB_CATEGORIES = {"ea_request", "ea_followup", "other", "auto_reply"}
VOCAB_ROLES = {"physician", "patient_or_family", "other", None}
ACK = {"sent", "pending", "held", "failed", "not_needed", "suppressed"}


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out += all_commands(cmd, (*prefix, name))
    return out


@pytest.mark.parametrize("path", all_commands(main))
def test_every_command_has_help_with_example_and_is_documented(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    readme = (ROOT / "README.md").read_text()
    assert f"eabot {' '.join(path)}" in readme, f"README does not mention `eabot {' '.join(path)}`"


def test_classify_json_vocabulary(cfg_path: Path) -> None:
    result = CliRunner().invoke(main, ["classify", str(EXAMPLES / "11_emergency_eind_friday_evening.eml"),
                                       "--json", "-c", str(cfg_path)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    for key in ("category", "requester_role", "emergency", "adverse_event", "would_ack",
                "template", "reasons"):
        assert key in out
    assert out["category"] == "ea_request" and out["requester_role"] == "physician"
    assert out["emergency"] is True and out["would_ack"] is True
    assert out["template"] == "ack_physician"
    assert any(r.startswith("guard:") for r in out["reasons"])
    assert any(r.startswith("content:") for r in out["reasons"])
    assert not (cfg_path.parent / "var" / "eabot.sqlite3").exists()  # the log was not touched


def test_demo_then_cases_export(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["demo", "-c", str(cfg), "--examples", str(EXAMPLES)])
    assert first.exit_code == 0, first.output
    assert "EA-2026-0001" in first.output and "SQLite log:" in first.output
    again = runner.invoke(main, ["demo", "-c", str(cfg), "--examples", str(EXAMPLES)])
    assert "delivered 0 new" in again.output and "logged 0 new" in again.output

    lines = runner.invoke(main, ["export", "--format", "jsonl", "-c", str(cfg)]).output.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == len(list(EXAMPLES.glob("*.eml")))
    for row in rows:
        assert row["category"] in VOCAB_CATEGORIES and row["requester_role"] in VOCAB_ROLES
        assert row["ack_status"] in ACK
        assert row["received_at"].endswith("+00:00")
        assert isinstance(row["reasons"], list) and row["reasons"]
        assert (row["due_at"] is None) == (row["case_id"] is None)
    as_csv = runner.invoke(main, ["export", "--format", "csv", "-c", str(cfg)]).output
    assert len(list(csv.DictReader(io.StringIO(as_csv)))) == len(rows)

    listing = runner.invoke(main, ["cases", "--emergency", "-c", str(cfg)])
    assert listing.exit_code == 0 and "EMERGENCY" in listing.output
    shown = runner.invoke(main, ["cases", "-c", str(cfg), "show", "EA-2026-0001"])
    assert shown.exit_code == 0, shown.output
    assert "case_opened" in shown.output and "ack_sent" in shown.output
    missing = runner.invoke(main, ["cases", "-c", str(cfg), "show", "EA-1999-0001"])
    assert missing.exit_code != 0 and "no case" in missing.output


def test_deadline_command_names_skipped_days() -> None:
    result = CliRunner().invoke(main, ["deadline", "2026-11-25T18:30"])
    assert result.exit_code == 0, result.output
    assert "Thanksgiving" in result.output and "weekend (Saturday)" in result.output
    assert "cut-off" in result.output
    bad = CliRunner().invoke(main, ["deadline", "next tuesday"])
    assert bad.exit_code != 0 and "cannot read" in bad.output and "Traceback" not in bad.output


def test_bad_config_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[bot]\nfrom_address = "nobody"\n[mailbox]\nbackend = "imap4"\n')
    result = CliRunner().invoke(main, ["run", "--once", "-c", str(path)])
    assert result.exit_code != 0
    assert "bot.from_address" in result.output and "mailbox.backend" in result.output
    assert "Traceback" not in result.output


def test_run_once_fails_when_mailbox_missing(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    result = CliRunner().invoke(main, ["run", "--once", "-c", str(cfg)])
    assert result.exit_code != 0 and "does not exist" in result.output


def test_daemon_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "var" / "Maildir" / sub).mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run", "-c", str(cfg)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    store = tmp_path / "var" / "eabot.sqlite3"
    for _ in range(200):  # wait for the first cycle's heartbeat (no wall-clock assertion)
        if store.exists():
            import sqlite3
            with sqlite3.connect(store) as conn:
                try:
                    if conn.execute("SELECT count(*) FROM heartbeats WHERE finished_at IS NOT NULL"
                                    ).fetchone()[0]:
                        break
                except sqlite3.OperationalError:
                    pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    assert "stopped" in out
