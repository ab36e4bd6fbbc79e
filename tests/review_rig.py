"""A filled store with staff accounts, and ``eabot review`` running on it, for the workspace tests.

The store is filled by a real triage cycle (``eabot demo`` over
``examples/mail/``) plus one emergency request (ICU, ventilator, a PDF
letter attached) received three weeks before *now*, so its case is overdue
whatever the date the suite runs on. Accounts: ``mkeller`` (staff) and
``auditor`` (viewer), their password hashes in the environment as the
configuration documents.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from click.testing import CliRunner

from bot.backends.maildir import deliver
from bot.cli import main
from bot.config import Config, load_config
from bot.review.access import PASSWORD_HASH_ENV, hash_env
from tests.conftest import EXAMPLES, ROOT, write_config
from tests.servers import free_port

STAFF, STAFF_PW = "mkeller", "staff pass phrase"
VIEWER, VIEWER_PW = "auditor", "viewer pass phrase"
EMERGENCY_SENDER = "aosei@riverside-med.example.org"
EMERGENCY_LINE = "He has been on a ventilator in our ICU since Monday"
REVIEW_SECTION = f"""
[review]
staff = ["{STAFF}"]
viewers = ["{VIEWER}"]

[escalation]
recipients = ["ea-team@cellectar.example"]
on_call = ["oncall@cellectar.example"]
review_url = "http://127.0.0.1:8001"
"""


def emergency_mail() -> bytes:
    msg = EmailMessage()
    msg["From"] = f'"Dr. Amara Osei" <{EMERGENCY_SENDER}>'
    msg["To"] = "clinical@cellectar.example"
    msg["Subject"] = "URGENT: emergency IND request for iopofosine I 131 - patient in ICU"
    msg["Message-ID"] = "<review-workspace-emergency@riverside-med.example.org>"
    msg.set_content(
        "Dear Clinical Team,\n\nI am the treating hematologist of a 61-year-old man with relapsed "
        "multiple myeloma.\n" + EMERGENCY_LINE + " and we estimate days to live without "
        "therapy. I request emergency expanded access (emergency IND) to iopofosine I 131.\n"
        "The signed letter is attached; Form FDA 3926 follows.\n\n"
        "Amara Osei, MD\nRiverside Medical Center <b>Hematology</b>\n")
    msg.add_attachment(b"%PDF-1.4 letter of request\n" * 40, maintype="application",
                       subtype="pdf", filename="request-letter.pdf")
    return msg.as_bytes()


@dataclass
class Workspace:
    config_path: Path
    cfg: Config
    emergency_tag: str

    def case(self, tag: str) -> dict[str, object]:
        with sqlite3.connect(f"file:{self.cfg.store_path}?mode=ro", uri=True) as conn:
            conn.row_factory = sqlite3.Row
            return dict(conn.execute("SELECT * FROM cases WHERE tag = ?", (tag,)).fetchone())

    def events(self, tag: str) -> list[dict[str, object]]:
        with sqlite3.connect(f"file:{self.cfg.store_path}?mode=ro", uri=True) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute(
                "SELECT e.* FROM events e JOIN cases c ON c.id = e.case_id WHERE c.tag = ? "
                "ORDER BY e.id", (tag,))]


def fill(tmp: Path, *, store_bodies: bool = False) -> Workspace:
    extra = REVIEW_SECTION
    config_path = write_config(tmp, extra)
    if store_bodies:
        text = config_path.read_text().replace("[bot]\n", "[bot]\nstore_bodies = true\n", 1)
        config_path.write_text(text)
    cfg = load_config(config_path)
    received = datetime.now(UTC) - timedelta(days=21)
    deliver(tmp / "var" / "Maildir", emergency_mail(), received)
    result = CliRunner().invoke(main, ["demo", "-c", str(config_path), "--examples", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(f"file:{cfg.store_path}?mode=ro", uri=True) as conn:
        tag, emergency = conn.execute("SELECT tag, emergency FROM cases WHERE requester_addr = ?",
                                      (EMERGENCY_SENDER,)).fetchone()
    assert emergency == 1, "the emergency request must be flagged EMERGENCY"
    return Workspace(config_path, cfg, tag)


def account_env() -> dict[str, str]:
    """The environment with the two accounts' password hashes (and no older single login)."""
    from datasette_auth_passwords.utils import hash_password

    env = {k: v for k, v in os.environ.items() if not k.startswith(PASSWORD_HASH_ENV)}
    env[hash_env(STAFF)] = hash_password(STAFF_PW)
    env[hash_env(VIEWER)] = hash_password(VIEWER_PW)
    env["EABOT_REVIEW_SECRET"] = "review-workspace-test-secret"
    return env


@contextmanager
def review_server(config_path: Path, env: dict[str, str], log_path: Path) -> Iterator[str]:
    """``eabot review`` as a subprocess on a free port; yields its base URL."""
    port = free_port()
    with log_path.open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "bot", "review", "-c", str(config_path),
                                 "--port", str(port)], cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                        break
                except urllib.error.HTTPError:
                    break  # it answers (a login may be required)
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("eabot review did not start: "
                                           + log_path.read_text(errors="replace")) from None
                    time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
