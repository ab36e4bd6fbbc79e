"""Shared fixtures: a config on a temporary Maildir, paths to the sample mail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import Config, load_config

pytest_plugins = ["tests.servers"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "mail"
CORPUS = Path(__file__).resolve().parent / "corpus"
HOLDOUT = Path(__file__).resolve().parent / "holdout"


def write_config(tmp: Path, extra: str = "", **sections: str) -> Path:
    """A config under ``tmp`` using the project's templates and Maildirs in tmp."""
    templates = tmp / "templates"
    if not templates.exists():
        shutil.copytree(ROOT / "templates", templates)
    text = f"""
[bot]
store = "var/eabot.sqlite3"
from_address = "clinical@cellectar.example"
from_name = "Cellectar Clinical Team"
message_id_domain = "cellectar.example"
poll_interval = "1s"

[mailbox]
{sections.get("mailbox", 'backend = "maildir"' + chr(10) + 'path = "var/Maildir"')}

[outbox]
{sections.get("outbox", 'backend = "maildir"' + chr(10) + 'path = "var/Outbox"')}

[deadline]
business_days = 5
timezone = "America/New_York"
country = "US"
closures = {{ "2026-11-27" = "Day after Thanksgiving" }}

{sections.get("acknowledgement", "")}
{extra}
"""
    path = tmp / "config.toml"
    path.write_text(text)
    return path


@pytest.fixture
def cfg_path(tmp_path: Path) -> Path:
    return write_config(tmp_path)


@pytest.fixture
def cfg(cfg_path: Path) -> Config:
    return load_config(cfg_path)


CHROMIUM = "/usr/bin/chromium"
# The flags this machine's Chromium needs (no background networking: the network is closed).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def chromium() -> str:
    """Debian's Chromium, and Playwright to drive it (no browser download)."""
    from tests.servers import _unavailable

    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        _unavailable("Debian's chromium is not installed (apt-get install chromium; "
                     "`make servers` does it as root)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is missing (pip install -e '.[test]')")
    return path
