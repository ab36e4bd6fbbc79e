"""The two flags that cut across categories: emergency, adverse event.  [pure]"""

from __future__ import annotations

import re

from bot.classify.rules import Rules
from bot.classify.scan import Scan, gated
from bot.model import Reason

_URGENT = gated(re.compile(r"\b(?:urgent\w*|dringend\w*|urgente|urgence|asap)\b", re.IGNORECASE))
_EXPLICIT_AE = gated(re.compile(
    r"\b(?:adverse\s+(?:event|reaction)|side[\s\-]effects?|serious adverse|"
    r"\bSAE\b|nebenwirkung\w*|efectos?\s+adversos?|effets?\s+indésirables?|"
    r"evento\s+avverso)", re.IGNORECASE))
# How close (in characters) the "received our drug" and "event" cues must be.
_AE_WINDOW = 250


def _scan(text: str | Scan, rules: Rules) -> Scan:
    return text if isinstance(text, Scan) else rules.scan(text)


def emergency(text: str | Scan, rules: Rules) -> tuple[bool, Reason]:
    s = _scan(text, rules)
    hit = s.find("emergency")
    if hit:
        return True, Reason("flag", "emergency", f"emergency cue: {hit.text!r}")
    urgent = s.search(_URGENT)
    if urgent:
        return False, Reason("flag", "no-emergency",
                             f"{urgent.group(0)!r} without an emergency cue (ICU, ventilator, "
                             "days to live, 48 hours, eIND)")
    return False, Reason("flag", "no-emergency", "checked emergency cues: none")


def adverse_events(text: str | Scan, rules: Rules) -> tuple[tuple[bool, Reason], tuple[bool, Reason]]:
    """:func:`adverse_event` outside and inside an EA case, sharing the searches."""
    s = _scan(text, rules)
    events = list(s.matches("adverse_event"))
    received = list(s.matches("adverse_received")) if events else []
    for r in received:
        for e in events:
            if abs(e.start() - r.start()) <= _AE_WINDOW:
                found = True, Reason("flag", "adverse-event",
                                     f"event {e.group(0)!r} near {r.group(0)!r}")
                return found, found
    none = False, Reason("flag", "no-adverse-event", "checked safety cues: none near a dose")
    explicit = s.search(_EXPLICIT_AE)
    if not explicit:
        return none, none
    wording = True, Reason("flag", "adverse-event", f"safety wording {explicit.group(0)!r}")
    return (wording if s.find("drug_names") else none), wording


def adverse_event(text: str | Scan, rules: Rules, *, in_case: bool) -> tuple[bool, Reason]:
    """An event after someone received the drug (a safety report).

    Both cues must occur within a short window; an explicit 'adverse event' /
    'side effect' phrase counts on its own when our drug is named or the
    message belongs to an EA case.
    """
    outside, inside = adverse_events(text, rules)
    return inside if in_case else outside
