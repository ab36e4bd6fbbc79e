"""Real mail servers for tests: a private Dovecot and an aiosmtpd recorder.  [does I/O]

Use from a conftest with ``pytest_plugins = ["tests.servers"]``.

* ``dovecot`` (session): Dovecot 2.3 on 127.0.0.1 from a config of its own
  under a temporary directory; skipped when Dovecot is missing or we are not
  root, unless ``EABOT_REQUIRE_SERVERS=1`` (then the test fails instead).
* ``smtp_server`` (per test): an aiosmtpd ``Controller`` whose handler records
  every envelope and can be told to reject or to stall the next messages.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from imapclient import IMAPClient

SBIN_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin"])
MAIL_UID = 65534  # Dovecot refuses uid 0; nobody/nogroup on Debian
# A folder whose ACL lacks "w": Dovecot then sends PERMANENTFLAGS (\Seen) without
# \*, as Exchange Online does for every folder; STOREs of keywords are ignored.
NO_KEYWORDS_FOLDER = "NoKeywords"
# The same server reached via LEAN_HOST advertises only these (no IDLE, no MOVE).
LEAN_HOST = "127.0.0.2"
LEAN_CAPABILITY = "IMAP4rev1 LITERAL+ UIDPLUS"

DOVECOT_CONF = """\
instance_name = eabot-test-{port}
base_dir = {root}/run
state_dir = {root}/state
listen = 127.0.0.1, {lean_host}
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
mail_location = maildir:~/Maildir
mail_max_userip_connections = 100
first_valid_uid = {uid}
mail_plugins = acl
protocol imap {{
  mail_plugins = $mail_plugins imap_acl
}}
plugin {{
  acl = vfile:{root}/global-acl
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={uid} home={root}/home/%u
}}
local {lean_host} {{
  protocol imap {{
    imap_capability = {lean_capability}
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1, {lean_host}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1 (tiny race, fine for tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("EABOT_REQUIRE_SERVERS") == "1":
        pytest.fail(f"{reason} (EABOT_REQUIRE_SERVERS=1)")
    pytest.skip(reason)


@dataclass
class Dovecot:
    """A running private Dovecot and helpers to arrange its one user's mail."""

    root: Path
    host: str
    port: int
    lean_host: str = LEAN_HOST  # same mailboxes; CAPABILITY without IDLE and MOVE
    user: str = "eabot"
    password: str = "s3cret-test-pw"

    @property
    def config(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def maildir(self) -> Path:
        return self.root / "home" / self.user / "Maildir"

    def client(self) -> IMAPClient:
        client = IMAPClient(self.host, self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client

    def deliver(
        self, raw: bytes, *, internaldate: datetime | None = None, folder: str = "INBOX"
    ) -> int:
        """APPEND ``raw`` to ``folder`` (created if missing); return its UID."""
        with self.client() as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            response = client.append(folder, raw, msg_time=internaldate)
        # b"[APPENDUID <uidvalidity> <uid>] Append completed."
        return int(response.split(b"]")[0].split()[-1])

    def flags(self, uid: int, folder: str = "INBOX") -> tuple[bytes, ...]:
        with self.client() as client:
            client.select_folder(folder, readonly=True)
            return tuple(client.get_flags([uid]).get(uid, ()))

    def doveadm(self, *args: str) -> str:
        done = subprocess.run(
            [shutil.which("doveadm", path=SBIN_PATH) or "doveadm", "-c", str(self.config), *args],
            capture_output=True, text=True, timeout=30, check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"doveadm {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def kick(self) -> None:
        """Disconnect every session of the user from the server side."""
        self.doveadm("kick", self.user)

    def reset(self) -> None:
        """Drop every session and all of the user's mail (fresh UIDVALIDITY)."""
        with contextlib.suppress(RuntimeError):  # nobody connected
            self.kick()
        shutil.rmtree(self.maildir, ignore_errors=True)


def _wait_for_greeting(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = log.read_text(errors="replace") if log.exists() else ""
            raise RuntimeError(f"dovecot exited with {process.returncode}:\n{text[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if sock.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"dovecot did not greet on port {port} within 15 s")


def _stop(root: Path, process: subprocess.Popen[bytes]) -> None:
    pid_file = root / "run" / "master.pid"
    pid = int(pid_file.read_text().strip()) if pid_file.exists() else process.pid
    if pid == process.pid and process.poll() is None:
        os.kill(pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextlib.contextmanager
def private_dovecot(prefix: str, configure: Callable[[Dovecot], str],
                    user: str = "eabot") -> Iterator[Dovecot]:
    """Start a private Dovecot from the config ``configure(server)`` returns (which
    may also write side files under ``server.root``); skip without Dovecot or root."""
    binary = shutil.which("dovecot", path=SBIN_PATH)
    if binary is None:
        _unavailable("dovecot is not installed (apt-get install dovecot-imapd)")
    if os.geteuid() != 0:
        _unavailable("the private Dovecot test server needs root")
    # pytest's tmp dirs are 0700; Dovecot's unprivileged processes need to traverse.
    root = Path(tempfile.mkdtemp(prefix=prefix))
    root.chmod(0o755)
    port = free_port()
    server = Dovecot(root=root, host="127.0.0.1", port=port, user=user)
    (root / "passwd").write_text(f"{server.user}:{{PLAIN}}{server.password}::::::\n")
    home = root / "home" / server.user
    home.mkdir(parents=True)
    for path in (root / "home", home):
        os.chown(path, MAIL_UID, MAIL_UID)
    server.config.write_text(configure(server))
    process = subprocess.Popen([binary, "-F", "-c", str(server.config)])
    try:
        _wait_for_greeting(port, process, root / "dovecot.log")
        yield server
    finally:
        _stop(root, process)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A private Dovecot 2.3 listening on 127.0.0.1 for the whole session."""

    def configure(server: Dovecot) -> str:
        (server.root / "global-acl").write_text(f"{NO_KEYWORDS_FOLDER} owner lrsip\n")
        return DOVECOT_CONF.format(root=server.root, port=server.port, uid=MAIL_UID,
                                   lean_host=LEAN_HOST, lean_capability=LEAN_CAPABILITY)

    with private_dovecot("eabot-dovecot-", configure) as server:
        yield server


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


@dataclass
class RecordingHandler:
    """aiosmtpd handler: records envelopes; scripted rejects and stalls; AUTH.

    Logging in is optional; when a client does, it must use ``user`` with
    ``password`` (LOGIN/PLAIN) or ``token`` (XOAUTH2).
    """

    user: str = "eabot"
    password: str = "smtp-test-pw"
    token: str = "test-oauth-token"
    received: list[Received] = field(default_factory=list)
    rejected: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    _script: list[tuple[str, float]] = field(default_factory=list)
    # Like Gmail or Microsoft 365: file each accepted message in the sender's Sent
    # folder before answering 250 (so "is it in Sent?" == "did the server accept it?").
    file_in_sent: Callable[[bytes], None] | None = None

    def reply_next(self, count: int, reply: str) -> None:
        """Answer the next ``count`` messages' end of DATA with ``reply`` ("550 5.7.1 no")."""
        self._script.extend([(reply, 0.0)] * count)

    def stall_next(self, count: int, seconds: float) -> None:
        """Accept the next messages but wait ``seconds`` before answering 250."""
        self._script.extend([("250 OK", seconds)] * count)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        mail = Received(str(envelope.mail_from), list(envelope.rcpt_tos), content)
        reply, delay = self._script.pop(0) if self._script else ("250 OK", 0.0)
        if not reply.startswith("2"):
            self.rejected.append(mail)
            return reply
        self.received.append(mail)
        if self.file_in_sent is not None:
            await asyncio.to_thread(self.file_in_sent, content)
        if delay:
            await asyncio.sleep(delay)
        return reply

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            self.user.encode(), self.password.encode()
        )
        if ok:
            self.logins.append(f"{mechanism}:{self.user}")
        return AuthResult(success=ok, handled=False)

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        """SASL XOAUTH2 with the initial response (as smtplib sends it)."""
        try:
            fields = base64.b64decode(args[1]).decode().split("\x01")
        except (IndexError, ValueError):
            return AuthResult(success=False, handled=False)
        ok = fields[:2] == [f"user={self.user}", f"auth=Bearer {self.token}"]
        if ok:
            self.logins.append(f"XOAUTH2:{self.user}")
        return AuthResult(success=ok, handled=False)


@dataclass
class SmtpServer:
    host: str
    port: int
    handler: RecordingHandler


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 recording what it receives."""
    handler = RecordingHandler()
    controller = Controller(
        handler, hostname="127.0.0.1", port=free_port(),
        authenticator=handler.authenticate, auth_require_tls=False,
    )
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", controller.port, handler)
    finally:
        controller.stop()
