"""Escalation through whole cycles with injected time: exactly once across
restarts, late start, emergencies, adverse events, stop_on, digest, status,
dead-man alert and recovery."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from bot.backends.maildir import deliver
from bot.cli import main
from bot.config import Config, load_config
from bot.daemon import run_cycle
from bot.health import assess, gather
from bot.store import Store
from tests.conftest import EXAMPLES, write_config
from tests.mailgen import make

NY = ZoneInfo("America/New_York")
T0 = datetime(2026, 11, 23, 10, 0, tzinfo=NY)  # Monday; due Wed 2 Dec 17:00 (Thanksgiving)


def escalation_config(tmp: Path, stop_on: str = "staff_reply", extra: str = "") -> Config:
    text = f"""
[escalation]
stop_on = "{stop_on}"
recipients = ["ea-team@cellectar.example"]
on_call = ["oncall@cellectar.example"]
pharmacovigilance = ["pv@cellectar.example"]
business_hours = {{ start = "08:00", end = "18:00" }}
digest = {{ time = "08:30", to = ["ea-team@cellectar.example"] }}
dead_man = {{ after = "30m", to = ["it@cellectar.example"], command = "sh -c 'cat >> {tmp}/alerts.txt'" }}
{extra}
"""
    return load_config(write_config(tmp, extra=text))


def at(cfg: Config, when: datetime) -> None:
    report = run_cycle(cfg, clock=lambda: when.astimezone(UTC))
    assert report.ok and not report.errors, report.errors


def rows(cfg: Config, sql: str, params: tuple = ()) -> list[dict]:  # type: ignore[type-arg]
    store = Store(cfg.store_path, readonly=True)
    try:
        return store.query(sql, params)
    finally:
        store.close()


def notices(cfg: Config, kind: str = "escalation") -> list[str]:
    return [r["key"] for r in rows(cfg, "SELECT key FROM notices WHERE kind = ? AND status = "
                                   "'queued' ORDER BY id", (kind,))]


def inbox(cfg: Config) -> Path:
    return cfg.base_dir / cfg.mailbox["path"]


def test_each_level_once_across_restarts(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    deliver(inbox(cfg), make(), T0.astimezone(UTC))
    day = T0
    while day < datetime(2026, 12, 4, 12, tzinfo=NY):  # every 3 hours = a restart each time
        at(cfg, day)
        day += timedelta(hours=3)
    keys = [k.split(":level:")[1] for k in notices(cfg)]
    # Cycles run every 3 h: Wednesday 19:00 is after hours, so the first overdue
    # notice goes out on Thursday morning, then every business day.
    assert keys == ["two-days-left", "one-day-left", "last-day", "overdue#2026-12-03",
                    "overdue#2026-12-04"]
    sent = rows(cfg, "SELECT status, recipient, subject FROM outbox WHERE kind = 'escalation'")
    assert all(r["status"] == "sent" for r in sent)
    assert all(r["recipient"] == "ea-team@cellectar.example" for r in sent)
    assert "[EA-2026-0001]" in sent[0]["subject"]


def test_late_start_sends_only_the_most_severe(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    deliver(inbox(cfg), make(), T0.astimezone(UTC))
    at(cfg, T0)
    at(cfg, datetime(2026, 12, 2, 10, tzinfo=NY))  # down for a week: the last day at 10:00
    assert [k.split(":level:")[1] for k in notices(cfg)] == ["last-day"]
    skipped = rows(cfg, "SELECT level FROM notices WHERE status = 'skipped' ORDER BY id")
    assert [r["level"] for r in skipped] == ["two-days-left", "one-day-left"]
    at(cfg, datetime(2026, 12, 2, 11, tzinfo=NY))
    assert len(notices(cfg)) == 1


def test_stop_on_acknowledgement_and_on_staff_reply(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path / "a", stop_on="acknowledgement")
    deliver(inbox(cfg), make(), T0.astimezone(UTC))
    at(cfg, T0)
    at(cfg, datetime(2026, 12, 3, 10, tzinfo=NY))
    assert notices(cfg) == []  # the automatic acknowledgement stopped the clock

    cfg = escalation_config(tmp_path / "b", stop_on="staff_reply")
    deliver(inbox(cfg), make(), T0.astimezone(UTC))
    at(cfg, T0)
    at(cfg, datetime(2026, 12, 1, 9, tzinfo=NY))
    assert len(notices(cfg)) == 1  # two days left: the ack alone does not stop it
    result = CliRunner().invoke(main, ["cases", "-c", str(cfg.path), "respond", "EA-2026-0001",
                                       "--by", "Dr. Lee", "--at", "2026-12-01T11:00"])
    assert result.exit_code == 0, result.output
    at(cfg, datetime(2026, 12, 3, 10, tzinfo=NY))
    assert len(notices(cfg)) == 1


def test_emergency_immediately_any_hour_once(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    saturday_night = datetime(2026, 11, 28, 23, 30, tzinfo=NY)
    deliver(inbox(cfg), make(subject="Emergency IND request - patient in ICU",
                             body="My patient with relapsed myeloma is in the ICU on a ventilator."
                             " We request emergency IND access to iopofosine within 48 hours.\n"
                             "Dr. A. Berger, MD"), saturday_night.astimezone(UTC))
    at(cfg, saturday_night)
    at(cfg, saturday_night + timedelta(hours=1))
    [row] = rows(cfg, "SELECT * FROM outbox WHERE kind = 'emergency'")
    assert row["recipient"] == "oncall@cellectar.example" and row["status"] == "sent"
    assert "EMERGENCY" in row["subject"]


def test_adverse_event_notice_once_per_message_with_little_health_data(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    for f in ("02_physician_mm_3926.eml", "15_followup_adverse_event.eml"):
        raw = (EXAMPLES / f).read_bytes()
        deliver(inbox(cfg), raw, datetime(2026, 11, 30, 15, tzinfo=UTC))
    other_ae = make(subject="SAE report: site 104", sender="crc@site104.example",
                    body="Subject 104-003 in your CLR 131 study was hospitalized with febrile "
                    "neutropenia after the second dose. Safety report attached.")
    deliver(inbox(cfg), other_ae, datetime(2026, 11, 30, 16, tzinfo=UTC))
    at(cfg, datetime(2026, 11, 30, 12, tzinfo=NY))
    at(cfg, datetime(2026, 11, 30, 13, tzinfo=NY))
    ae = rows(cfg, "SELECT * FROM outbox WHERE kind = 'adverse_event' ORDER BY id")
    assert len(ae) == 2  # the follow-up and the site's report, each once
    assert all(r["recipient"] == "pv@cellectar.example" for r in ae)
    for r in ae:
        assert "febrile" not in r["raw"].lower()  # no clinical detail by default
        assert "neutropenia" not in r["raw"].lower()


def test_notices_wait_for_business_hours(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    deliver(inbox(cfg), make(), T0.astimezone(UTC))
    at(cfg, T0)
    at(cfg, datetime(2026, 11, 30, 21, tzinfo=NY))  # Monday evening: -2d is due but after hours
    assert notices(cfg) == []
    at(cfg, datetime(2026, 12, 1, 8, 5, tzinfo=NY))
    assert [k.split(":level:")[1] for k in notices(cfg)] == ["one-day-left"]


def test_digest_content(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    for f in sorted(EXAMPLES.glob("*.eml")):
        from bot.cli.demo import delivery_time

        raw = f.read_bytes()
        deliver(inbox(cfg), raw, delivery_time(raw))
    at(cfg, datetime(2026, 11, 30, 8, 0, tzinfo=NY))   # before the digest time
    assert notices(cfg, "digest") == []
    at(cfg, datetime(2026, 11, 30, 8, 40, tzinfo=NY))
    at(cfg, datetime(2026, 11, 30, 9, 40, tzinfo=NY))
    assert notices(cfg, "digest") == ["digest:2026-11-30"]
    [d] = rows(cfg, "SELECT raw FROM outbox WHERE kind = 'digest'")
    import email
    from email.policy import default as default_policy

    body = email.message_from_string(d["raw"], policy=default_policy).get_content()
    assert "EA-2026-0005" in body and "EMERGENCY" in body   # the eIND case
    assert "OVERDUE" in body                                # cases from early November
    assert "Adverse-event reports" in body and "ea_followup" in body
    assert "Yesterday's mail by category" in body


def test_status_exit_codes(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    runner = CliRunner()
    run_cycle(cfg, clock=lambda: T0.astimezone(UTC))       # the inbox does not exist: fails
    assert runner.invoke(main, ["status", "-c", str(cfg.path)]).exit_code == 1
    inbox(cfg).mkdir(parents=True)
    for sub in ("new", "cur", "tmp"):
        (inbox(cfg) / sub).mkdir()
    store = Store(cfg.store_path)
    now = datetime.now(UTC)
    assert run_cycle(cfg, clock=lambda: now).ok
    store.close()
    result = runner.invoke(main, ["status", "-c", str(cfg.path)])
    assert result.exit_code == 0, result.output
    assert "HEALTHY" in result.output
    # An overdue case needs attention (2); a stale poll is unhealthy (1).
    deliver(inbox(cfg), make(), now - timedelta(days=20))
    run_cycle(cfg, clock=lambda: now)
    store = Store(cfg.store_path, readonly=True)
    assert assess(gather(store), cfg, now).code == 2
    assert assess(gather(store), cfg, now + timedelta(hours=2)).code == 1
    store.close()


def test_dead_man_alert_once_and_recovery_once(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    start = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    for minutes in range(0, 90, 10):  # the Maildir is missing: every poll fails
        run_cycle(cfg, clock=lambda m=minutes: start + timedelta(minutes=m))
    assert notices(cfg, "dead_man") != [] and len(notices(cfg, "dead_man")) == 1
    alerts = (tmp_path / "alerts.txt").read_text()
    assert alerts.count("ALERT") == 1  # the second path got it too
    for sub in ("new", "cur", "tmp"):
        (inbox(cfg) / sub).mkdir(parents=True)
    for minutes in range(90, 130, 10):
        run_cycle(cfg, clock=lambda m=minutes: start + timedelta(minutes=m))
    assert len(notices(cfg, "recovery")) == 1
    assert (tmp_path / "alerts.txt").read_text().count("RECOVERED") == 1
    sent = rows(cfg, "SELECT kind, status, recipient FROM outbox WHERE kind IN ('dead_man', "
                "'recovery') ORDER BY id")
    assert [(r["kind"], r["recipient"]) for r in sent] == [
        ("dead_man", "it@cellectar.example"), ("recovery", "it@cellectar.example")]
    # A second outage alerts again, once.
    shutil.rmtree(inbox(cfg))
    for minutes in range(130, 200, 10):
        run_cycle(cfg, clock=lambda m=minutes: start + timedelta(minutes=m))
    assert len(notices(cfg, "dead_man")) == 2
