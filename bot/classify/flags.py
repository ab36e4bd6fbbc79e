"""The two flags that cut across categories: emergency, adverse event.  [pure]"""

from __future__ import annotations

import re

from bot.classify.rules import Rules
from bot.model import Reason

_URGENT = re.compile(r"\b(?:urgent\w*|dringend\w*|urgente|urgence|asap)\b", re.IGNORECASE)
# How close (in characters) the "received our drug" and "event" cues must be.
_AE_WINDOW = 250


def emergency(text: str, rules: Rules) -> tuple[bool, Reason]:
    hit = rules.find("emergency", text)
    if hit:
        return True, Reason("flag", "emergency", f"emergency cue: {hit.text!r}")
    urgent = _URGENT.search(text)
    if urgent:
        return False, Reason("flag", "no-emergency",
                             f"{urgent.group(0)!r} without an emergency cue (ICU, ventilator, "
                             "days to live, 48 hours, eIND)")
    return False, Reason("flag", "no-emergency", "checked emergency cues: none")


def adverse_event(text: str, rules: Rules, *, in_case: bool) -> tuple[bool, Reason]:
    """An event after someone received the drug (a safety report).

    Both cues must occur within a short window; an explicit 'adverse event' /
    'side effect' phrase counts on its own when our drug is named or the
    message belongs to an EA case.
    """
    received = [m for p in rules.lexicon.get("adverse_received", ()) for m in p.finditer(text)]
    events = [m for p in rules.lexicon.get("adverse_event", ()) for m in p.finditer(text)]
    for r in received:
        for e in events:
            if abs(e.start() - r.start()) <= _AE_WINDOW:
                return True, Reason("flag", "adverse-event",
                                    f"event {e.group(0)!r} near {r.group(0)!r}")
    explicit = re.search(r"\b(?:adverse\s+(?:event|reaction)|side[\s\-]effects?|serious adverse|"
                         r"\bSAE\b|nebenwirkung\w*|efectos?\s+adversos?|effets?\s+indésirables?|"
                         r"evento\s+avverso)", text, re.IGNORECASE)
    drug = rules.find("drug_names", text)
    if explicit and (in_case or drug):
        return True, Reason("flag", "adverse-event", f"safety wording {explicit.group(0)!r}")
    return False, Reason("flag", "no-adverse-event", "checked safety cues: none near a dose")
