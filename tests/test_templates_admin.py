"""Admins edit templates without fear: check, preview, hot reload, sandbox, HTML."""

from __future__ import annotations

import email
import json
from datetime import UTC, datetime, timedelta
from email.policy import default as default_policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.backends.maildir import deliver
from bot.cli import main
from bot.config import load_config
from bot.daemon import run_cycle
from bot.replies import SAMPLE_CONTEXT, Template, TemplateProblem, render_text
from bot.store import Store
from tests.conftest import EXAMPLES, write_config
from tests.mailgen import make

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
BODIES = [
    "My patient, a 58-year-old woman with relapsed Waldenstrom macroglobulinemia after BTKi "
    "and bendamustine-rituximab, has no options left. I request expanded access to CLR 131.\n"
    "Dr. Maria Lopez, MD\nDepartment of Hematology, Riverside Hospital",
    "We would like to treat our 9-year-old neuroblastoma patient, refractory after "
    "dinutuximab and MIBG therapy, with iopofosine I 131 under a single-patient IND.\n"
    "Prof. Ken Ito, MD, Pediatric Oncology, Lakeside Children's",
    "Requesting compassionate use of iopofosine for a 71-year-old man with multiple myeloma, "
    "penta-refractory, ECOG 1, ineligible for the CLOVER trials because of renal function.\n"
    "Sam Patel, MD\nMyeloma Program, Northside Cancer Center",
]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_passes_on_shipped_templates(cfg_path: Path) -> None:
    code, out = run("templates", "check", "-c", str(cfg_path))
    assert code == 0, out
    assert "are fine" in out


@pytest.mark.parametrize(("source", "expected"), [
    ("Subject: x\n{% if %}\n", "line"),                          # syntax error with its line
    ("Subject: x\n\n{{ requester_nmae }}\n", "requester_nmae"),  # undefined variable
    ("Subject: x\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n", "unsafe"),
])
def test_check_reports_problems_with_file(tmp_path: Path, source: str, expected: str) -> None:
    cfg_path = write_config(tmp_path)
    (tmp_path / "templates" / "extra.txt.j2").write_text(source)
    code, out = run("templates", "check", "-c", str(cfg_path))
    assert code != 0
    assert "extra.txt.j2" in out and expected in out


def test_check_renders_against_every_example(tmp_path: Path) -> None:
    cfg_path = write_config(tmp_path)
    (tmp_path / "examples").symlink_to(EXAMPLES.parent)
    # Fine with sample data, but an example with an empty display name breaks it.
    (tmp_path / "templates" / "picky.txt.j2").write_text(
        "Subject: {{ 'ok' if requester_name == 'Dr. Jane Example' else requester_name[500] }}\n"
        "body\n")
    code, out = run("templates", "check", "-c", str(cfg_path))
    assert code != 0 and "picky" in out and ".eml" in out


def test_preview_prints_the_whole_message(cfg_path: Path) -> None:
    code, out = run("templates", "preview", "ack_physician",
                    str(EXAMPLES / "01_physician_wm_loa.eml"), "-c", str(cfg_path), "--html")
    assert code == 0, out
    msg = email.message_from_string(out, policy=default_policy)
    assert msg["Auto-Submitted"] == "auto-replied" and "[EA-2026-0001]" in msg["Subject"]
    assert msg.get_body(("html",)) is not None
    assert msg.get_body(("plain",)) is not None


@pytest.mark.parametrize("source", [
    "{{ cycler.__init__.__globals__.os.system('id') }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ ''.__class__ }}",
    "{% set x = namespace() %}{{ x.__dict__ }}",
    "{{ config.mailbox }}",
    "{{ cfg }}{{ settings }}{{ environ }}",
    "{{ import('subprocess') }}",
])
def test_sandbox_refuses(source: str) -> None:
    with pytest.raises(TemplateProblem):
        render_text(Template.of("evil", "Subject: x\n" + source), SAMPLE_CONTEXT)


def test_html_alternative_is_autoescaped(tmp_path: Path) -> None:
    cfg = load_config(write_config(tmp_path))
    inbox = cfg.base_dir / cfg.mailbox["path"]
    deliver(inbox, make(sender="dr.o'brien@hosp.example").replace(
        b"From: Anna Berger", b"From: \"<script>alert(1)</script>\""), T0)
    run_cycle(cfg, clock=lambda: T0)
    [path] = list((cfg.base_dir / cfg.outbox["path"] / "new").iterdir())
    msg = email.message_from_bytes(path.read_bytes(), policy=default_policy)
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>" in msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_hot_reload_and_last_good_version(tmp_path: Path) -> None:
    cfg = load_config(write_config(tmp_path))
    inbox = cfg.base_dir / cfg.mailbox["path"]
    tpl = tmp_path / "templates" / "ack_physician.txt.j2"
    deliver(inbox, make(subject="CLR 131 expanded access request 1", body=BODIES[0]), T0)
    run_cycle(cfg, clock=lambda: T0)

    # An edit is picked up without a restart.
    tpl.write_text(tpl.read_text().replace("Thank you for your expanded-access request",
                                           "Thank you very much for your request"))
    deliver(inbox, make(subject="CLR 131 expanded access request 2", sender="b@hosp2.example",
                        body=BODIES[1]), T0)
    run_cycle(cfg, clock=lambda: T0 + timedelta(minutes=1))

    # A broken edit is refused: the last good version is used, ingestion goes on.
    tpl.write_text(tpl.read_text() + "\n{{ oops_undefined }}\n")
    deliver(inbox, make(subject="CLR 131 expanded access request 3", sender="c@hosp3.example",
                        body=BODIES[2]), T0)
    report = run_cycle(cfg, clock=lambda: T0 + timedelta(minutes=2))
    assert report.logged == 1 and report.sent >= 2  # the ack and the alert
    assert any("template" in e for e in report.errors)
    run_cycle(cfg, clock=lambda: T0 + timedelta(minutes=3))  # alerted once only

    store = Store(cfg.store_path, readonly=True)
    acks = store.query("SELECT template, template_sha256, raw FROM outbox WHERE kind = 'ack' "
                       "ORDER BY id")
    versions = store.query("SELECT sha256, status FROM template_versions WHERE name = "
                           "'ack_physician' ORDER BY rowid")
    alerts = store.query("SELECT subject FROM outbox WHERE kind = 'alert'")
    refused = store.query("SELECT detail FROM events WHERE kind = 'template_refused'")
    store.close()
    assert [v["status"] for v in versions] == ["ok", "ok", "refused"]
    assert acks[0]["template_sha256"] == versions[0]["sha256"]
    assert acks[1]["template_sha256"] == versions[1]["sha256"]
    assert acks[2]["template_sha256"] == versions[1]["sha256"]  # the last good one
    assert "Thank you very much" in acks[2]["raw"]
    assert len(alerts) == 1 and "refused" in alerts[0]["subject"]
    assert "oops_undefined" in json.loads(refused[0]["detail"])["error"]
    _code, out = run("cases", "-c", str(cfg.path), "show", "EA-2026-0003")
    assert versions[1]["sha256"][:12] in out  # the version sent is shown
