"""Health: ``eabot status`` and the dead-man alert.  [pure assess(); I/O gather()/alerts]

Exit codes of ``eabot status`` (for systemd, a monitor, a cron job):
0 healthy; 1 the bot is unhealthy (never polled, last successful poll too
old, or polling failing past the dead-man period); 2 the bot works but people
must act (failed or unconfirmed sends, overdue cases).
"""

from __future__ import annotations

import logging
import shlex
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.config import Config
from bot.deadlines import BusinessCalendar, business_days_left
from bot.review_clock import is_overdue, waiting_sql
from bot.store import Store, parse_utc

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Health:
    code: int
    problems: tuple[str, ...]
    lines: tuple[str, ...]
    buckets: dict[str, int] = field(default_factory=dict)


def gather(store: Store) -> dict[str, Any]:
    return {
        "last_ok": store.one("SELECT * FROM heartbeats WHERE ok = 1 ORDER BY id DESC LIMIT 1"),
        "last_error": store.one("SELECT * FROM heartbeats WHERE error IS NOT NULL "
                                "ORDER BY id DESC LIMIT 1"),
        "last": store.one("SELECT * FROM heartbeats WHERE finished_at IS NOT NULL "
                          "ORDER BY id DESC LIMIT 1"),
        "outbox": {r["status"]: r["n"] for r in store.query(
            "SELECT status, count(*) AS n FROM outbox GROUP BY status")},
        "unconfirmed": (store.one("SELECT count(*) AS n FROM outbox WHERE unconfirmed = 1") or
                        {"n": 0})["n"],
        "cases": store.query("SELECT * FROM cases WHERE status != 'closed'"),
        "to_review": store.query(f"SELECT m.received_at FROM messages m WHERE {waiting_sql('m')}"),
        "reconcile": store.one("SELECT * FROM events WHERE kind = 'reconcile_mismatch' "
                               "ORDER BY id DESC LIMIT 1"),
        "alert": store.one("SELECT * FROM notices WHERE kind = 'dead_man' AND key NOT IN "
                           "(SELECT replace(key, 'recovered:', 'deadman:') FROM notices WHERE "
                           "kind = 'recovery') ORDER BY id DESC LIMIT 1"),
    }


def assess(facts: dict[str, Any], cfg: Config, now: datetime) -> Health:
    """Turn gathered facts into lines and an exit code."""
    problems: list[str] = []
    attention: list[str] = []
    lines: list[str] = []
    max_age = cfg.escalation.max_poll_age or 3 * cfg.poll_interval + 60
    last_ok = facts["last_ok"]
    if last_ok is None:
        problems.append("no successful poll yet")
        lines.append("last successful poll: never")
    else:
        at = datetime.fromisoformat(last_ok["finished_at"])
        age = (now - at).total_seconds()
        lines.append(f"last successful poll: {last_ok['finished_at']} ({_ago(age)} ago)")
        if age > max_age:
            problems.append(f"last successful poll is {_ago(age)} old (limit {_ago(max_age)})")
    err, last = facts["last_error"], facts["last"]
    if err and last and last["id"] > err["id"] and last["ok"] and not last["error"]:
        # Fixed since: a later cycle ran clean. Keep the time for whoever investigates.
        lines.append(f"last error: none since {err['finished_at']} (later cycles succeeded)")
    else:
        lines.append(f"last error: {err['finished_at']} {err['error']}" if err
                     else "last error: none")
    if facts["alert"]:
        problems.append(f"dead-man alert active since {facts['alert']['fire_at']}")
    out = facts["outbox"]
    pending, failed = out.get("pending", 0) + out.get("sending", 0), out.get("failed", 0)
    held = f", {out['held']} held for review" if out.get("held") else ""
    lines.append(f"outbox: {pending} pending{held}, {failed} failed, {facts['unconfirmed']} "
                 "unconfirmed")
    if failed or facts["unconfirmed"]:
        attention.append(f"{failed} failed and {facts['unconfirmed']} unconfirmed send(s)")
    if facts["reconcile"]:
        lines.append(f"last reconcile mismatch: {facts['reconcile']['at']} "
                     f"{facts['reconcile']['detail']}")
    buckets = bucket_cases(facts["cases"], cfg, now)
    lines.append("open cases awaiting a reply: " + ", ".join(f"{k} {v}" for k, v in buckets.items()))
    if buckets["overdue"]:
        attention.append(f"{buckets['overdue']} overdue case(s)")
    lines.append(review_line(facts.get("to_review", []), cfg, now))
    code = 1 if problems else 2 if attention else 0
    verdict = {0: "HEALTHY", 1: "UNHEALTHY", 2: "NEEDS ATTENTION"}[code]
    head = f"eabot: {verdict}" + (": " + "; ".join(problems + attention) if code else "")
    return Health(code, tuple(problems + attention), (head, *lines), buckets)


def bucket_cases(cases: list[dict[str, Any]], cfg: Config, now: datetime) -> dict[str, int]:
    from bot.notices import stopped

    cal: BusinessCalendar = cfg.calendar
    buckets = {"overdue": 0, "due today": 0, "1 day": 0, "2 days": 0, "later": 0, "emergency": 0}
    for c in cases:
        if stopped(c, cfg) or not c["due_at"]:
            continue
        due = datetime.fromisoformat(c["due_at"])
        left = business_days_left(now, due, cal)
        key = ("overdue" if due <= now else "due today" if left <= 0 else "1 day" if left == 1
               else "2 days" if left == 2 else "later")
        buckets[key] += 1
        buckets["emergency"] += int(bool(c["emergency"]))
    return buckets


def review_line(waiting: list[dict[str, Any]], cfg: Config, now: datetime) -> str:
    """How many messages filed as other wait for review, and how many of them are past
    their review deadline. Informational: it does not change the exit code."""
    days = cfg.escalation.review_message_days
    late = sum(1 for m in waiting if (received := parse_utc(m["received_at"])) is not None
               and is_overdue(received, cfg.calendar, days, now))
    deadline = (f"{late} past the review deadline" if days is not None
                else "no review deadline (review_message_within = \"off\")")
    return f"messages marked for review without a case: {len(waiting)} waiting, {deadline}"


def _ago(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def run_alert_command(command: str, text: str) -> None:
    """The second path for the dead-man alert (e.g. logger, a webhook): text on stdin."""
    try:
        subprocess.run(shlex.split(command), input=text.encode(), timeout=30, check=True,
                       capture_output=True)
    except (OSError, subprocess.SubprocessError) as exc:
        log.critical("dead-man alert command failed: %s", exc)
