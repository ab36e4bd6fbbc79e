"""Crash safety: the daemon over a 500-message IMAP backlog with acknowledgements
over SMTP, killed with SIGKILL at 20 random points; after a final clean run every
message is logged exactly once, every case acknowledged exactly once (counted at
the SMTP server), no case lost, and the event trail consistent.

The SMTP server files accepted mail in Sent before answering 250, as Gmail and
Microsoft 365 do: that is what lets a restarted eabot tell "sent" from "not
sent" for an acknowledgement interrupted mid-send (see README, guarantees)."""

from __future__ import annotations

import email
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.policy import default as default_policy
from pathlib import Path

import pytest

from bot.config import load_config
from bot.store import Store
from tests.conftest import ROOT, write_config
from tests.servers import Dovecot, SmtpServer

PASSWORD_ENV = "EABOT_TEST_IMAP_PASSWORD"
N = 500
KILLS = 20

REQUEST = """Dear Cellectar team,

I am the treating oncologist of a {age}-year-old patient ({n}) with relapsed refractory
{disease} after {lines} lines of therapy. I would like to request expanded access to
iopofosine I 131 under a single-patient IND.

Dr. {name}, MD
{dept}
"""
OTHER = """Hello,

We are a CRO offering site feasibility services for oncology sponsors. Could we
schedule a call next week about partnership opportunity {n}?

Regards, {name}
"""
AUTO = "I am out of the office until Monday ({n})."
DISEASES = ["multiple myeloma", "Waldenstrom macroglobulinemia", "diffuse large B-cell lymphoma",
            "Ewing sarcoma", "neuroblastoma", "head and neck squamous cell carcinoma"]


def backlog(seed: int = 7) -> list[bytes]:
    rnd = random.Random(seed)
    out = []
    for n in range(N):
        kind = rnd.random()
        name = f"{rnd.choice(['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Femi'])} {n}"
        sender = f"sender{n}@site{n % 97}.example"
        if kind < 0.5:
            body = REQUEST.format(age=rnd.randint(20, 85), n=n, disease=rnd.choice(DISEASES),
                                  lines=rnd.randint(2, 8), name=name,
                                  dept=f"Department of Oncology {n}, Hospital {n % 31}")
            # Vary the wording enough that no two letters look like a campaign.
            body += "\n" + " ".join(rnd.choice([*DISEASES, "ECOG 1", "s/p ASCT", "BTKi"])
                                    for _ in range(40))
            subject, headers = f"Expanded access request {n}", ""
        elif kind < 0.8:
            body, subject, headers = OTHER.format(n=n, name=name), f"Partnership {n}", ""
        else:
            body, subject = AUTO.format(n=n), f"Automatic reply: hello {n}"
            headers = "Auto-Submitted: auto-replied\r\n"
        out.append((f"From: {name} <{sender}>\r\nTo: clinical@cellectar.example\r\n"
                    f"Subject: {subject}\r\nMessage-ID: <m{n}.{seed}@site.example>\r\n{headers}"
                    f"Date: Mon, 02 Nov 2026 10:00:00 -0500\r\n\r\n{body}").encode())
    return out


def test_sigkill_at_random_points(tmp_path: Path, dovecot: Dovecot, smtp_server: SmtpServer,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    dovecot.reset()
    monkeypatch.setenv(PASSWORD_ENV, dovecot.password)
    with dovecot.client() as client:
        client.create_folder("Sent")
    smtp_server.handler.file_in_sent = lambda raw: dovecot.deliver(raw, folder="Sent")
    mails = backlog()
    start = datetime.now(UTC) - timedelta(days=3)
    for i, raw in enumerate(mails):
        dovecot.deliver(raw, internaldate=start + timedelta(seconds=i))
    mailbox = (f'backend = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
               'security = "plain"\ninsecure_plaintext = true\n'
               f'username = "{dovecot.user}"\npassword_env = "{PASSWORD_ENV}"\n'
               'sent_folder = "Sent"\nbatch_size = 25\n')
    outbox = (f'backend = "smtp"\nhost = "{smtp_server.host}"\nport = {smtp_server.port}\n'
              'security = "plain"\ninsecure_plaintext = true\nauth = "none"\ntimeout = 10.0\n')
    ack = '[acknowledgement]\nretry_backoff = ["1s"]\nmax_per_sender_per_day = 5\n'
    # The generated letters share a template; this test is about crashes, not campaigns.
    cfg_path = write_config(tmp_path, mailbox=mailbox, outbox=outbox, acknowledgement=ack,
                            extra="[classify]\ncampaign_threshold = 100000\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rnd = random.Random(2026)
    kills = 0
    while kills < KILLS:
        proc = subprocess.Popen([sys.executable, "-m", "bot", "run", "-c", str(cfg_path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rnd.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        kills += 1
    for _ in range(3):  # the final clean runs
        done = subprocess.run([sys.executable, "-m", "bot", "run", "--once", "-c",
                               str(cfg_path)], capture_output=True, text=True, env=env,
                              timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr

    cfg = load_config(cfg_path)
    store = Store(cfg.store_path, readonly=True)
    messages = store.query("SELECT * FROM messages")
    cases = store.query("SELECT * FROM cases")
    outbox_rows = store.query("SELECT * FROM outbox WHERE kind = 'ack'")
    opened = Counter(e["case_id"] for e in store.query(
        "SELECT case_id FROM events WHERE kind = 'case_opened'"))
    sent_events = Counter(e["case_id"] for e in store.query(
        "SELECT case_id FROM events WHERE kind = 'ack_sent'"))
    classified = store.query("SELECT count(*) AS n FROM events WHERE kind = 'classified'")[0]["n"]
    store.close()

    # Every message logged exactly once.
    assert len(messages) == N
    assert len({m["message_id"] for m in messages}) == N
    assert classified == N
    requests = [m for m in messages if m["category"] == "ea_request"]
    assert len(requests) == len(cases) > N // 3
    # Every case acknowledged exactly once, counted at the SMTP server.
    received = Counter()
    for mail in smtp_server.handler.received:
        msg = email.message_from_bytes(mail.content, policy=default_policy)
        received[str(msg["X-EABot-Case"])] += 1
    assert set(received) == {c["tag"] for c in cases}, "a case was never acknowledged"
    assert max(received.values()) == 1, [t for t, n in received.items() if n > 1]
    assert all(o["status"] == "sent" for o in outbox_rows)
    # The trail is consistent: one case_opened and one ack_sent event per case.
    assert all(opened[c["id"]] == 1 for c in cases)
    assert all(sent_events[c["id"]] == 1 for c in cases)
