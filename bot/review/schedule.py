"""A case's deadline reasoning and escalation schedule, for its page.  [pure]

The deadline is recomputed from the stored receipt time exactly as
``eabot deadline`` prints it (day 0, the days counted and skipped); the
escalation schedule lists every configured level with its fire time, and
whether it fired (when, and what became of the notice) or is still to come.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.config import Config
from bot.deadlines import RULE_TEXT, compute_deadline
from bot.escalation import fire_time

DAY = "%a %Y-%m-%d"
WHEN = "%a %Y-%m-%d %H:%M %Z"


@dataclass(frozen=True)
class Step:
    """One line of the schedule."""

    name: str
    when: str  # local time, or a rule in words
    state: str  # fired, skipped, pending, due, not-needed
    detail: str


def clock_stopped(case: dict[str, Any], cfg: Config) -> bool:
    """Whether the case's clock has stopped, exactly as the notices decide it."""
    from bot.notices import stopped

    return stopped(case, cfg)


def deadline_reasoning(case: dict[str, Any], cfg: Config) -> dict[str, Any] | None:
    """Received, day 0 and why, each counted and skipped day, due; None without a deadline."""
    if not case.get("due_at"):
        return None
    inputs = json.loads(case.get("deadline_inputs") or "{}")
    days = int(inputs.get("business_days") or cfg.business_days)
    received = datetime.fromisoformat(inputs.get("received_at") or case["received_at"])
    d = compute_deadline(received, cfg.calendar, days)
    stored_due = datetime.fromisoformat(case["due_at"])
    return {
        "received": d.received_local.strftime(WHEN), "day0": d.day0.strftime(DAY),
        "day0_note": d.day0_note, "counted": [day.strftime(DAY) for day in d.counted],
        "skipped": [(day.strftime(DAY), why) for day, why in d.skipped],
        "due": stored_due.astimezone(cfg.calendar.tz).strftime(WHEN),
        "rule": f"{days} business days; {RULE_TEXT}",
        "changed": abs((d.due_at - stored_due).total_seconds()) > 60,
    }


def escalation_schedule(case: dict[str, Any], notices: list[dict[str, Any]], cfg: Config,
                        now: datetime) -> list[Step]:
    """Every configured level (fired or to come) and every other notice of the case."""
    tz, esc = cfg.calendar.tz, cfg.escalation
    stopped = clock_stopped(case, cfg)
    prefix = f"case:{case['id']}:level:"
    by_key = {str(n["key"]): n for n in notices}
    steps: list[Step] = []
    due = datetime.fromisoformat(case["due_at"]) if case.get("due_at") else None
    for level in esc.levels:
        to = ", ".join(level.recipients)
        fired = [n for k, n in by_key.items() if k == prefix + level.name
                 or k.startswith(prefix + level.name + "#")]
        for n in sorted(fired, key=lambda n: str(n["fire_at"])):
            steps.append(_fired(level.name, n, tz, to))
        if due is None:
            continue
        if level.overdue and level.repeat_daily:
            when = (f"after the deadline ({due.astimezone(tz).strftime(WHEN)}), then every business "
                    f"day at {(level.at_time or esc.hours.start).strftime('%H:%M')}")
        elif fired:
            continue
        else:
            at = due if level.overdue else fire_time(level, due, cfg.calendar, esc.hours)
            when = at.astimezone(tz).strftime(WHEN)
            if not stopped and at <= now:
                steps.append(Step(level.name, when, "due", f"due now; goes out at the next cycle "
                                  f"inside business hours, to {to}"))
                continue
        if stopped:
            steps.append(Step(level.name, when, "not-needed", "will not fire: the clock stopped"))
        else:
            steps.append(Step(level.name, when, "pending", f"to {to}"))
    for key, n in sorted(by_key.items(), key=lambda kv: str(kv[1]["fire_at"])):
        if not key.startswith(prefix):
            label = {"emergency": "emergency (on call)",
                     "adverse_event": "adverse event (pharmacovigilance)"}.get(str(n["kind"]),
                                                                                str(n["kind"]))
            steps.append(_fired(label, n, tz, str(n.get("recipient") or "")))
    return steps


def _fired(name: str, notice: dict[str, Any], tz: Any, to: str) -> Step:
    when = datetime.fromisoformat(str(notice["recorded_at"])).astimezone(tz).strftime(WHEN)
    if notice["status"] == "skipped":
        return Step(name, when, "skipped", "recorded as skipped: a more severe level was due")
    sent = notice.get("outbox_status") or notice["status"]
    return Step(name, when, "fired", f"notice {sent}" + (f" to {to}" if to else ""))
