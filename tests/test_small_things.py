"""The small things a new user hit (issue 12), each with its test."""

from __future__ import annotations

import email
import os
import re
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.policy import default as default_policy
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from bot.config import ConfigError, load_config
from bot.daemon import run_cycle
from tests.conftest import EXAMPLES, ROOT, write_config
from tests.test_notices import NY, escalation_config, inbox, rows


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_bare_eabot_prints_help_and_exits_0() -> None:
    code, out = run()
    assert code == 0 and "Commands:" in out and "cases" in out


def test_classify_help_names_an_example_that_exists() -> None:
    _code, out = run("classify", "--help")
    [name] = re.findall(r"examples/mail/(\S+\.eml)", out)
    assert (EXAMPLES / name).is_file()


def test_classify_refuses_a_file_that_is_not_an_email(tmp_path: Path, cfg_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    code, out = run("classify", str(pdf), "-c", str(cfg_path))
    assert code != 0 and "is not an email" in out and "Traceback" not in out
    text = tmp_path / "notes.txt"
    text.write_text("Dear team,\nplease help my father.\n")
    assert "is not an email" in run("classify", str(text), "-c", str(cfg_path))[1]


def test_export_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    assert run("demo", "-c", str(cfg), "--examples", str(EXAMPLES))[0] == 0
    # As `eabot export | head -1`: the reader goes away before the writer is done.
    proc = subprocess.Popen([sys.executable, "-m", "bot", "export", "--what", "events", "-c",
                             str(cfg)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Broken pipe" not in err and "Traceback" not in err and "Exception" not in err, err


def test_status_clears_an_error_a_later_cycle_no_longer_has(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    now = datetime.now(UTC)
    run_cycle(cfg, clock=lambda: now - timedelta(minutes=2))  # no Maildir yet: fails
    code, out = run("status", "-c", str(cfg.path))
    assert "last error: 20" in out and "does not exist" in out
    for sub in ("new", "cur", "tmp"):
        (inbox(cfg) / sub).mkdir(parents=True, exist_ok=True)
    assert run_cycle(cfg, clock=lambda: now).ok
    code, out = run("status", "-c", str(cfg.path))
    assert code == 0, out
    assert "last error: none since" in out and "does not exist" not in out


def test_digest_says_polling_is_failing(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    when = datetime(2026, 11, 30, 8, 40, tzinfo=NY)
    run_cycle(cfg, clock=lambda: (when - timedelta(minutes=30)).astimezone(UTC))
    report = run_cycle(cfg, clock=lambda: when.astimezone(UTC))  # the Maildir is missing
    assert not report.ok
    [d] = rows(cfg, "SELECT raw, subject FROM outbox WHERE kind = 'digest'")
    body = email.message_from_string(d["raw"], policy=default_policy).get_content()
    assert "POLLING FAILING" in d["subject"]
    assert "WARNING: eabot cannot read the mailbox since Mon 30 Nov 08:10" in body
    assert "last successful poll: never" in body
    assert "none logged: the mailbox could not be read" in body and "no mail" not in body


def test_digest_lists_emergencies_and_review_first() -> None:
    from bot.deadlines import make_calendar
    from bot.digest import compose_digest

    cal = make_calendar(timezone="America/New_York", country="US")
    now = datetime(2026, 11, 30, 14, tzinfo=UTC)

    def case(tag: str, due_days: int, **flags: int) -> dict[str, object]:
        return {"tag": tag, "requester_addr": "a@b.example", "requester_role": "physician",
                "subject": "s", "status": "open", "due_at": (now + timedelta(days=due_days))
                .isoformat(), "emergency": flags.get("emergency", 0), "adverse_event": 0,
                "needs_review": flags.get("review", 0)}

    facts = {"open_cases": [case("A", 1), case("R", 3, review=1), case("E", 5, emergency=1)],
             "adverse_events": [], "failed_sends": [], "volume": []}
    out = compose_digest(facts, cal, now)
    assert [c["tag"] for c in out["open_cases"]] == ["E", "R", "A"]
    assert out["polling_failing"] is False


def _templates(tmp_path: Path) -> Path:
    cfg = write_config(tmp_path)
    esc = tmp_path / "templates" / "escalation.txt.j2"
    esc.write_text(esc.read_text() + "{% if level == 'never' %}\nCall {{ on_cal_phone }} "
                   "now.\n{% endif %}\n")
    return cfg


def test_templates_check_finds_a_variable_in_an_untaken_branch(tmp_path: Path) -> None:
    cfg = _templates(tmp_path)
    code, out = run("templates", "check", "-c", str(cfg))
    assert code == 1
    lines = (tmp_path / "templates" / "escalation.txt.j2").read_text().splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "on_cal_phone" in line)
    assert (f"escalation.txt.j2 line {number}: uses the variable 'on_cal_phone', which an "
            "escalation or emergency notice template is never given (misspelt?)") in out
    assert "it may use: adverse_event, case_tag" in out


def test_templates_check_names_the_line_of_a_syntax_error(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    (tmp_path / "templates" / "ack_other.txt.j2").write_text(
        "Subject: x\nline two\n{% if case_tag %}\nno end\n")
    code, out = run("templates", "check", "-c", str(cfg))
    assert code != 0 and "ack_other" in out and "line" in out


def test_templates_variables_lists_each_kind(cfg_path: Path) -> None:
    code, out = run("templates", "variables", "-c", str(cfg_path))
    assert code == 0
    assert "acknowledgement (ack_other, ack_patient, ack_physician):" in out
    assert "polling_problem" in out


def test_documented_variables_are_the_contexts_the_code_renders(cfg_path: Path) -> None:
    from bot.deadlines import make_calendar
    from bot.digest import compose_digest
    from bot.parsing import parse
    from bot.template_vars import VARIABLES
    from bot.triage import ack_context

    cfg = load_config(cfg_path)
    msg = parse((EXAMPLES / "01_physician_wm_loa.eml").read_bytes())
    from bot.classify import classify

    now = datetime(2026, 11, 30, 14, tzinfo=UTC)
    ack = ack_context(cfg, msg, "EA-2026-0001", now, now, classify(msg, cfg.rules))
    assert set(ack) == VARIABLES["acknowledgement"]
    digest = compose_digest({"open_cases": [], "adverse_events": [], "failed_sends": [],
                             "volume": []}, make_calendar(timezone="UTC", country="US"), now)
    assert set(digest) | {"company_name", "from_name"} == VARIABLES["digest"]
    from bot.review_clock import WaitingMessage
    from bot.review_notices import notice_context

    waiting = [WaitingMessage(7, now)]
    review = notice_context(cfg, waiting, {7: {"from_addr": "a@b.example", "reasons": "[]"}},
                            {7: now}, 3)
    assert set(review) == VARIABLES["review notice"]


def test_config_errors_name_their_key_paths(tmp_path: Path) -> None:
    path = write_config(tmp_path, mailbox='backend = "imap"\nhost = "mail.example"\n'
                        'username = "u"')
    text = path.read_text().replace('timezone = "America/New_York"', 'timezone = "Mars/Base"')
    path.write_text(text.replace("business_days = 5", 'business_days = "five"'))
    try:
        load_config(path)
    except ConfigError as exc:
        keys = dict(exc.problems)
    else:
        raise AssertionError("the configuration loaded")
    assert "unknown time zone 'Mars/Base'" in keys["deadline.timezone"]
    assert keys["deadline.business_days"] == "must be an integer, got 'five'"
    assert "mailbox.password_env and mailbox.password_command" in keys["mailbox.password_env"]
    assert not any(k.startswith("imap.") or "imap." in v for k, v in keys.items())


def test_review_on_a_port_in_use_is_one_sentence(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    assert run("demo", "-c", str(cfg), "--examples", str(EXAMPLES))[0] == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code, out = run("review", "-c", str(cfg), "--port", str(port))
    assert code != 0 and "Traceback" not in out
    assert f"port {port} on 127.0.0.1 is already in use" in out and "--port" in out


def test_a_local_time_in_the_dst_gap_is_refused(tmp_path: Path) -> None:
    code, out = run("deadline", "2026-03-08T02:30")  # New York skips 02:00-03:00
    assert code != 0 and "does not exist in America/New_York" in out
    assert "Traceback" not in out
    assert run("deadline", "2026-03-08T03:30")[0] == 0
    assert run("deadline", "2026-03-08T02:30-05:00")[0] == 0  # with an offset it is exact
    cfg = write_config(tmp_path)
    assert run("demo", "-c", str(cfg), "--examples", str(EXAMPLES))[0] == 0
    code, out = run("cases", "respond", "EA-2026-0001", "--at", "2026-03-08T02:15", "-c",
                    str(cfg))
    assert code != 0 and "does not exist" in out


def test_a_missing_password_names_the_key_of_the_file(tmp_path: Path) -> None:
    from bot.secrets import Credentials, SecretError

    path = write_config(tmp_path, mailbox='backend = "imap"\nhost = "mail.example"\n'
                        'username = "u"\npassword_env = "EABOT_TEST_NOT_SET"')
    cfg = load_config(path)
    try:
        Credentials(cfg.mailbox_settings).secret()
    except SecretError as exc:
        message = str(exc)
    else:
        raise AssertionError("a secret was found")
    assert "EABOT_TEST_NOT_SET for mailbox.password is not set" in message
    assert "mailbox.password_command" in message and "imap." not in message


def test_the_config_option_works_anywhere_on_the_line(tmp_path: Path) -> None:
    cfg = str(write_config(tmp_path))
    assert run("demo", "-c", cfg, "--examples", str(EXAMPLES))[0] == 0
    for args in (("-c", cfg, "cases", "show", "EA-2026-0001"),
                 ("cases", "-c", cfg, "show", "EA-2026-0001"),
                 ("cases", "show", "EA-2026-0001", "-c", cfg),
                 ("cases", "show", "-c", "/nonexistent.toml", "EA-2026-0001", "--config", cfg)):
        code, out = run(*args)
        assert code == 0 and "case:            EA-2026-0001" in out, (args, out)
    result = CliRunner(env={"EABOT_CONFIG": cfg}).invoke(main, ["cases", "show", "EA-2026-0001"])
    assert result.exit_code == 0, result.output
    code, out = run("cases", "show", "EA-2026-0001", "-c", str(tmp_path / "missing.toml"))
    assert code != 0 and "not found" in out


def test_render_problems_name_the_line_in_plain_words() -> None:
    from bot.replies import SAMPLE_CONTEXT, Template, TemplateProblem, render_text

    def problem(source: str) -> str:
        try:
            render_text(Template.of("t", source), SAMPLE_CONTEXT)
        except TemplateProblem as exc:
            return str(exc)
        raise AssertionError("rendered")

    assert problem("Subject: x\nline\n{{ open_cases[0].nam }}\n") == (
        "t.txt.j2, line 3: undefined value: 'dict object' has no attribute 'nam'")
    assert problem("Subject: x\n{% if %}\n").startswith("t.txt.j2, line 2: syntax error:")
    assert problem("Subject: x\n{{ ''.__class__ }}").startswith(
        "t.txt.j2, line 2: not allowed in the sandbox:")
