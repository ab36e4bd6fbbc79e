"""Config snippets in the README stay valid; docs mention every command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import load_config
from tests.conftest import ROOT, write_config

SNIPPETS = re.findall(r"```toml\n(# eabot-config: [^\n]+\n.*?)```",
                      (ROOT / "README.md").read_text(), re.S)


def test_there_are_snippets() -> None:
    assert len(SNIPPETS) >= 3


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.splitlines()[0][16:])
def test_readme_config_snippet_validates(tmp_path: Path, snippet: str) -> None:
    base = write_config(tmp_path).read_text()
    # Drop the base [mailbox]/[outbox] tables the snippet replaces.
    for table in ("mailbox", "outbox"):
        if f"[{table}]" in snippet:
            base = re.sub(rf"\[{table}\]\n(?:[^\[\n][^\n]*\n|\n)*", "", base)
    path = tmp_path / "snippet.toml"
    path.write_text(base + "\n" + snippet)
    cfg = load_config(path)
    assert cfg.mailbox_settings is not None or cfg.mailbox["backend"] == "maildir"
