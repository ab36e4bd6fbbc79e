"""Patient marks are keyed hashes: per install, or with EABOT_PATIENT_KEY; a process
whose key does not match the log's makes no links; a short key is refused at load."""

from __future__ import annotations

import json
import logging

import pytest

from bot.config import Config, ConfigError, load_config
from tests.conftest import ROOT
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _run

LETTER = make("Request for my mother", "My mother Margaret Okafor (DOB 03/14/1955) is 71 years "
              "old and has relapsed myeloma. Could she receive iopofosine?\nChidi",
              "chidi@mail.example")
DOCTOR = make("Expanded access request: patient J.D.",
              "I request expanded access to iopofosine for my patient J.D., a 67-year-old man "
              "with relapsed multiple myeloma after five lines.\n\nDr. Anna Berger, MD",
              "anna.berger@lakeside-hospital.example")
DAUGHTER = make("my father", "My father J.D. is 67 and has myeloma. Is there any way he could "
                "receive iopofosine? We are desperate.\nLaura", "laura.d@mail.example")
KEY = "k" * 40


def _names(cfg: Config) -> list[str]:
    [case] = rows(cfg, "SELECT patient_marks FROM cases")
    marks = json.loads(case["patient_marks"])
    assert marks["ages"] == [71] and marks["diagnoses"] == ["myeloma"]
    return list(marks["names"])


def test_two_installs_hash_the_same_patient_differently(cfg: Config) -> None:
    _run(cfg, LETTER)
    first = _names(cfg)
    for suffix in ("", "-wal", "-shm"):  # a new install: a new log, a new key
        (cfg.store_path.parent / (cfg.store_path.name + suffix)).unlink(missing_ok=True)
    _run(cfg, LETTER)
    second = _names(cfg)
    assert first and second and set(first).isdisjoint(second)


def test_the_environment_key_decides_and_a_mismatch_makes_no_links(
        cfg: Config, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("EABOT_PATIENT_KEY", KEY)
    _run(cfg, DOCTOR)
    monkeypatch.delenv("EABOT_PATIENT_KEY")  # e.g. the review UI started without it
    with caplog.at_level(logging.ERROR):
        _run(cfg, DAUGHTER)
    assert "patient key does not match" in caplog.text
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    # no link either way, and no marks written with the wrong key
    assert len(cases) == 2 and cases[1]["linked_case_id"] is None
    assert msgs[1]["case_id"] == cases[1]["id"] and cases[1]["patient_marks"] is None


def test_the_same_environment_key_links_as_before(cfg: Config,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EABOT_PATIENT_KEY", KEY)
    _run(cfg, DOCTOR, DAUGHTER)
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    assert (len(cases) == 1 and msgs[1]["case_id"] == cases[0]["id"]) or \
        cases[1]["linked_case_id"] == cases[0]["id"]


def test_a_short_key_is_refused_at_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EABOT_PATIENT_KEY", "short")
    with pytest.raises(ConfigError) as err:
        load_config(ROOT / "config.example.toml")
    assert "EABOT_PATIENT_KEY" in str(err.value) and "openssl rand" in str(err.value)
