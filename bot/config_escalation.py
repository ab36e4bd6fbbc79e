"""The ``[escalation]`` table → frozen settings.  [pure: validation only]"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from bot.escalation import Hours, Level, parse_at
from bot.review_clock import DEFAULT_WITHIN, parse_within

_ADDR = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NAME = re.compile(r"^[A-Za-z0-9_\-]+$")


@dataclass(frozen=True)
class EscalationSettings:
    stop_on: str = "staff_reply"  # or "acknowledgement"
    reopen_on_followup: bool = True
    hours: Hours = field(default_factory=lambda: Hours(time(8, 0), time(18, 0)))
    levels: tuple[Level, ...] = ()
    on_call: tuple[str, ...] = ()
    emergency_template: str = "emergency"
    pharmacovigilance: tuple[str, ...] = ()
    adverse_event_template: str = "adverse_event"
    adverse_event_include_subject: bool = False
    review_url: str = ""
    digest_time: time | None = None
    digest_to: tuple[str, ...] = ()
    digest_template: str = "digest"
    dead_man_after: float = 1800.0
    dead_man_to: tuple[str, ...] = ()
    dead_man_command: str = ""
    dead_man_template: str = "dead_man"
    max_poll_age: float = 0.0  # 0: three poll intervals
    # Messages marked for review without a case: the review deadline in business
    # days after receipt (None: off), and who gets the one notice when it passes.
    review_message_days: int | None = 1
    review_message_to: tuple[str, ...] = ()
    review_message_template: str = "review_overdue"

    @property
    def review_notices(self) -> bool:
        """Whether messages past their review deadline are announced to staff."""
        return self.review_message_days is not None and bool(self.review_message_to)

    def template_names(self) -> tuple[str, ...]:
        names = {lv.template for lv in self.levels}
        if self.on_call:
            names.add(self.emergency_template)
        if self.pharmacovigilance:
            names.add(self.adverse_event_template)
        if self.digest_to:
            names.add(self.digest_template)
        if self.dead_man_to or self.dead_man_command:
            names.add(self.dead_man_template)
        if self.review_notices:
            names.add(self.review_message_template)
        return tuple(sorted(names))


DEFAULT_LEVELS = (
    {"name": "two-days-left", "at": "-2d"},
    {"name": "one-day-left", "at": "-1d"},
    {"name": "last-day", "at": "0d 09:00"},
    {"name": "overdue", "at": "overdue", "repeat": "daily"},
)


def parse_escalation(data: dict[str, Any], problems: list[tuple[str, str]],
                     parse_duration: Any) -> EscalationSettings:
    """Validate ``data`` (the TOML table), appending (key path, message) problems."""
    p = "escalation"
    known = {"stop_on", "reopen_on_followup", "business_hours", "levels", "recipients",
             "on_call", "pharmacovigilance", "adverse_event_include_subject", "review_url",
             "digest", "dead_man", "max_poll_age", "templates", "review_message_within"}
    for key in data:
        if key not in known:
            problems.append((f"{p}.{key}", f"unknown key; known keys: {', '.join(sorted(known))}"))

    def addresses(value: Any, key: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
            problems.append((key, "must be a list of e-mail addresses"))
            return ()
        for i, a in enumerate(value):
            if not _ADDR.match(a):
                problems.append((f"{key}[{i}]", f"{a!r} is not an e-mail address"))
        return tuple(value)

    def hhmm(value: Any, key: str, default: time) -> time:
        try:
            return time.fromisoformat(str(value)) if value is not None else default
        except ValueError:
            problems.append((key, f"must be a local time like \"09:00\", got {value!r}"))
            return default

    stop_on = data.get("stop_on", "staff_reply")
    if stop_on not in ("staff_reply", "acknowledgement"):
        problems.append((f"{p}.stop_on", "must be \"staff_reply\" or \"acknowledgement\""))
    bh = data.get("business_hours", {}) or {}
    hours = Hours(hhmm(bh.get("start"), f"{p}.business_hours.start", time(8, 0)),
                  hhmm(bh.get("end"), f"{p}.business_hours.end", time(18, 0)))
    if hours.start >= hours.end:
        problems.append((f"{p}.business_hours", "start must be before end"))
    default_to = addresses(data.get("recipients"), f"{p}.recipients")
    levels: list[Level] = []
    raw_levels = data.get("levels", list(DEFAULT_LEVELS) if default_to else [])
    for i, raw in enumerate(raw_levels):
        key = f"{p}.levels[{i}]"
        if not isinstance(raw, dict):
            problems.append((key, "must be a table with name, at, to, template"))
            continue
        name = str(raw.get("name", f"level{i}"))
        if not _NAME.match(name):
            problems.append((f"{key}.name", "use letters, digits, - and _ only"))
        try:
            offset, at_time = parse_at(str(raw.get("at", "")))
        except ValueError as exc:
            problems.append((f"{key}.at", str(exc)))
            continue
        to = addresses(raw.get("to"), f"{key}.to") or default_to
        if not to:
            problems.append((f"{key}.to", "no recipients: set to = [...] or escalation.recipients"))
        repeat = raw.get("repeat")
        if repeat not in (None, "daily"):
            problems.append((f"{key}.repeat", "only \"daily\" is supported"))
        if repeat and offset is not None:
            problems.append((f"{key}.repeat", "only the \"overdue\" level repeats"))
        levels.append(Level(name, offset, at_time, to, str(raw.get("template", "escalation")),
                            repeat == "daily"))
    if len({lv.name for lv in levels}) != len(levels):
        problems.append((f"{p}.levels", "level names must be unique"))
    digest = data.get("digest", {}) or {}
    dead = data.get("dead_man", {}) or {}
    after = parse_duration(dead.get("after", "30m"))
    if after is None or after <= 0:
        problems.append((f"{p}.dead_man.after", "must be a duration like \"30m\""))
        after = 1800.0
    max_age = parse_duration(data.get("max_poll_age", 0)) or 0.0
    try:
        review_days = parse_within(data.get("review_message_within", DEFAULT_WITHIN))
    except ValueError as exc:
        problems.append((f"{p}.review_message_within", str(exc)))
        review_days = parse_within(DEFAULT_WITHIN)
    # The levels' recipients: escalation.recipients, else everyone a level goes to.
    review_to = default_to or tuple(sorted({a for lv in levels for a in lv.recipients}))
    return EscalationSettings(
        stop_on=stop_on, reopen_on_followup=bool(data.get("reopen_on_followup", True)),
        hours=hours, levels=tuple(levels),
        on_call=addresses(data.get("on_call"), f"{p}.on_call"),
        pharmacovigilance=addresses(data.get("pharmacovigilance"), f"{p}.pharmacovigilance"),
        adverse_event_include_subject=bool(data.get("adverse_event_include_subject", False)),
        review_url=str(data.get("review_url", "")),
        digest_time=hhmm(digest.get("time"), f"{p}.digest.time", time(8, 30))
        if digest.get("to") else None,
        digest_to=addresses(digest.get("to"), f"{p}.digest.to"),
        dead_man_after=float(after), dead_man_to=addresses(dead.get("to"), f"{p}.dead_man.to"),
        dead_man_command=str(dead.get("command", "")), max_poll_age=float(max_age),
        review_message_days=review_days, review_message_to=review_to,
    )
