"""What every staff action checks first: the case, the actor, the reason.  [I/O: reads the store]

Also the wording the summaries share (local times, when a queued mail goes out).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import queries
from bot.casework.errors import ActionRefused
from bot.config import Config
from bot.store import Store

MAX_TEXT = 2000  # a reason or note is a short line for the trail, not a letter


def case_or_refuse(store: Store, tag: str) -> dict[str, Any]:
    case = queries.case_by_tag(store, tag.strip()) if tag.strip() else None
    if case is None:
        raise ActionRefused(f"there is no case {tag!r}; list them with `eabot cases`")
    return case


def actor_or_refuse(actor: str) -> str:
    name = " ".join(actor.split())
    if not name:
        raise ActionRefused("say who is acting (--by NAME): every action carries a name")
    if len(name) > 200:
        raise ActionRefused("that name is too long for the trail (200 characters at most)")
    return name


def text_or_refuse(text: str, what: str) -> str:
    clean = text.strip()
    if not clean:
        raise ActionRefused(f"a {what} is required: the trail must say why")
    if len(clean) > MAX_TEXT:
        raise ActionRefused(f"the {what} is {len(clean)} characters long; keep it under "
                            f"{MAX_TEXT} (a line for the trail, no patient records)")
    return clean


def local(dt: datetime | str, cfg: Config) -> str:
    """A stored time as staff read it: 'Mon 2026-11-30 14:05 EST'."""
    when = datetime.fromisoformat(dt) if isinstance(dt, str) else dt
    return when.astimezone(cfg.calendar.tz).strftime("%a %Y-%m-%d %H:%M %Z")


def goes_out_text(cfg: Config) -> str:
    """When a mail queued now leaves: the daemon's next cycle sends pending rows."""
    minutes = max(1, round(cfg.poll_interval / 60))
    return f"it goes out with the daemon's next cycle (within about {minutes} min)"
