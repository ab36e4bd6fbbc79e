"""A private Dovecot for benchmarks, and fast Maildir filling.  [does I/O]

Like the ``dovecot`` test fixture (tests/servers.py), but importable from a
plain script: Dovecot 2.3 on 127.0.0.1 from a config of its own under a
temporary directory, one passwd-file user whose mail lives in
``ROOT/home/USER/Maildir`` owned by uid/gid 65534 (Dovecot refuses uid 0).
Needs root (to chown the Maildir) and ``dovecot``/``doveadm`` installed.

Filling writes message files straight into the user's ``Maildir/new`` with
the right owner and an mtime that becomes the IMAP INTERNALDATE, then asks
``doveadm`` to sync the folder, which is much faster than APPENDing one by one.
Stop the server with :meth:`DovecotRig.stop` (by the pid it was started
with, never by name); the rig is also a context manager.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

SBIN_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin"])
MAIL_UID = 65534

CONF = """\
instance_name = eabot-bench-{port}
base_dir = {root}/run
state_dir = {root}/state
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
mail_location = maildir:~/Maildir
mail_max_userip_connections = 100
first_valid_uid = {uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={uid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DovecotRig:
    """One running private Dovecot with one user."""

    host = "127.0.0.1"
    user = "eabot"
    password = "bench-imap-pw"

    def __init__(self, root: Path | None = None) -> None:
        binary = shutil.which("dovecot", path=SBIN_PATH)
        if binary is None:
            raise RuntimeError("dovecot is not installed (apt-get install dovecot-imapd)")
        if os.geteuid() != 0:
            raise RuntimeError("the private Dovecot needs root (to own the Maildir as uid 65534)")
        self.root = root or Path(tempfile.mkdtemp(prefix="eabot-bench-dovecot-"))
        self.root.chmod(0o755)  # Dovecot's unprivileged processes must traverse it
        self.port = free_port()
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}::::::\n")
        home = self.root / "home" / self.user
        home.mkdir(parents=True, exist_ok=True)
        for path in (self.root / "home", home):
            os.chown(path, MAIL_UID, MAIL_UID)
        self.config.write_text(CONF.format(root=self.root, port=self.port, uid=MAIL_UID))
        self._process = subprocess.Popen([binary, "-F", "-c", str(self.config)])
        try:
            self._wait_for_greeting()
        except BaseException:
            self.stop()
            raise

    # -- lifecycle ----------------------------------------------------------

    @property
    def config(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def maildir(self) -> Path:
        return self.root / "home" / self.user / "Maildir"

    def _wait_for_greeting(self) -> None:
        deadline = time.monotonic() + 15
        log = self.root / "dovecot.log"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                text = log.read_text(errors="replace") if log.exists() else ""
                raise RuntimeError(f"dovecot exited with {self._process.returncode}:\n{text[-2000:]}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not greet on port {self.port} within 15 s")

    def stop(self, *, remove: bool = True) -> None:
        process = self._process
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)  # the pid we started, never by name
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if remove:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> DovecotRig:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- mail ------------------------------------------------------------------

    def doveadm(self, *args: str) -> str:
        done = subprocess.run(
            [shutil.which("doveadm", path=SBIN_PATH) or "doveadm", "-c", str(self.config), *args],
            capture_output=True, text=True, timeout=600, check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"doveadm {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def reset(self) -> None:
        """Drop every session and all of the user's mail (a fresh UIDVALIDITY)."""
        with contextlib.suppress(RuntimeError):  # nobody connected
            self.doveadm("kick", self.user)
        shutil.rmtree(self.maildir, ignore_errors=True)

    def fill(self, messages: Iterable[tuple[bytes, float]], folder: str = "INBOX") -> tuple[int, int]:
        """Write ``(raw, received_epoch)`` pairs into the folder's ``new/``; index them.

        Returns (count, total bytes). The files get CRLF line ends as an
        IMAP server would store them, owner uid/gid 65534 and mtime
        ``received_epoch`` (Dovecot's INTERNALDATE for Maildir).
        """
        base = self.maildir if folder == "INBOX" else self.maildir / f".{folder}"
        for sub in ("", "cur", "new", "tmp"):
            path = base / sub if sub else base
            path.mkdir(parents=True, exist_ok=True)
            os.chown(path, MAIL_UID, MAIL_UID)
            path.chmod(0o700)
        if base != self.maildir:
            os.chown(self.maildir, MAIL_UID, MAIL_UID)
        new = base / "new"
        count = total = 0
        pid = os.getpid()
        for raw, when in messages:
            count += 1
            total += len(raw)
            name = f"{int(when)}.M{count}P{pid}.bench,S={len(raw)}"
            path = new / name
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, raw)
                os.fchown(fd, MAIL_UID, MAIL_UID)
            finally:
                os.close(fd)
            os.utime(path, (when, when))
        # Let Dovecot move new/ -> cur/, assign UIDs and build its index now,
        # so neither measured client pays for it.
        self.doveadm("force-resync", "-u", self.user, folder)
        self.doveadm("mailbox", "status", "-u", self.user, "messages", folder)
        return count, total

    def message_count(self, folder: str = "INBOX") -> int:
        out = self.doveadm("mailbox", "status", "-u", self.user, "messages", folder)
        return int(out.split("=", 1)[1])
