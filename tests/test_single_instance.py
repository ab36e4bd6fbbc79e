"""Two daemons on one store: the second refuses; a crashed one leaves no stuck lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, write_config


def eabot(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "bot", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_second_instance_refused_and_sigkill_frees_the_lock(tmp_path: Path) -> None:
    cfg = write_config(tmp_path)
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "var" / "Maildir" / sub).mkdir(parents=True)
    daemon = eabot("run", "-c", str(cfg))
    lock = tmp_path / "var" / "eabot.sqlite3.lock"
    for _ in range(300):
        if lock.exists() and lock.read_text().strip() == str(daemon.pid):
            break
        time.sleep(0.05)
    second = eabot("run", "--once", "-c", str(cfg))
    out, _ = second.communicate(timeout=60)
    assert second.returncode != 0
    assert f"another eabot (pid {daemon.pid}) is already processing" in out
    assert "Traceback" not in out

    daemon.send_signal(signal.SIGKILL)
    daemon.wait(timeout=30)
    third = eabot("run", "--once", "-c", str(cfg))
    out, _ = third.communicate(timeout=60)
    assert third.returncode == 0, out
