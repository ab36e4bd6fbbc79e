"""Config validation: every problem reported at once, with its key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config
from tests.conftest import ROOT, write_config


def test_example_config_loads() -> None:
    cfg = load_config(ROOT / "config.example.toml")
    assert cfg.business_days == 5
    assert cfg.calendar.timezone == "America/New_York"
    assert cfg.ack.templates["patient_or_family"] == "ack_patient"
    assert cfg.rules.find("drug_names", "we want CLR-2000 too")  # the example's extra pattern


def test_all_problems_at_once_with_key_paths(tmp_path: Path) -> None:
    path = write_config(tmp_path, extra="""
[classify]
campaign_threshold = "three"
[classify.lexicon]
drug_names = ["(unclosed"]
emergency = ["ok", "[bad"]
nonsense = ["x"]
""")
    text = path.read_text().replace('timezone = "America/New_York"', 'timezone = "Mars/Olympus"')
    text = text.replace('poll_interval = "1s"', 'poll_interval = "soon"')
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    keys = {k for k, _ in info.value.problems}
    assert "classify.lexicon.drug_names[0]" in keys
    assert "classify.lexicon.emergency[1]" in keys
    assert "classify.lexicon.nonsense" in keys
    assert "classify.campaign_threshold" in keys
    assert "bot.poll_interval" in keys
    assert "deadline.timezone" in keys  # the unresolvable time zone, by its own key
    assert "invalid regular expression" in str(info.value)


def test_secret_in_file_refused(tmp_path: Path) -> None:
    path = write_config(tmp_path, mailbox='backend = "maildir"\npath = "var/M"\npassword = "hunter2"')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert tuple(k for k, _ in info.value.problems if "password" in k) == ("mailbox.password", )
    assert "hunter2" not in str(info.value)
    assert "password_env" in str(info.value)


def test_unknown_backend_and_key(tmp_path: Path) -> None:
    path = write_config(tmp_path, outbox='backend = "pigeon"', extra="[bot2]\nx = 1\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    msgs = dict(info.value.problems)
    assert "pigeon" in msgs["outbox.backend"]
    assert "unknown key" in msgs["bot2"]


def test_missing_and_invalid_toml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[bot\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


def test_broken_template_refused_at_load(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    (tmp_path / "templates" / "ack_other.txt.j2").write_text("Subject: hi {{ nope }}\nbody\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "ack_other.txt.j2" in str(info.value) and "nope" in str(info.value)
