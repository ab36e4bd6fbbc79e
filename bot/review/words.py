"""The log's codes in plain words for the case page and the lists.  [pure]

Statuses, classification reasons (``layer:rule: detail``), categories, roles
and trail events (kind + JSON detail) become short sentences; the codes
stay available (as a tooltip) for whoever needs to look them up.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

STATUS = {
    "open": "Open: waiting for an answer, the clock runs",
    "acknowledged": "Open: acknowledged, waiting for an answer",
    "answered": "Answered: a human answer is recorded, the clock stopped",
    "responded": "Answered: a human answer is recorded, the clock stopped",
    "closed": "Closed",
}
CATEGORY = {"ea_request": "Expanded-access request", "ea_followup": "Follow-up in a case",
            "other": "Other human mail", "auto_reply": "Machine mail (auto-reply, bounce, list)"}
ROLE = {"physician": "Treating physician", "patient_or_family": "Patient or family",
        "other": "Someone else (coordinator, nurse, office…)"}
LAYER = {"guard": "Machine-mail check", "thread": "Threading", "content": "Content",
         "role": "Requester", "flag": "Flag check", "campaign": "Campaign",
         "attachment": "Attachment", "review": "Review", "staff": "Staff",
         "model": "Text model"}
EVENT = {
    "classified": "classified the message", "case_opened": "opened the case",
    "ack_queued": "queued the acknowledgement", "ack_sent": "sent the acknowledgement",
    "staff_reply": "recorded the answer", "responded": "recorded the answer",
    "answered": "recorded the answer", "closed": "closed the case",
    "reopened": "reopened the case", "reclassified": "reclassified",
    "assigned": "assigned the case", "unassigned": "removed the owner", "taken": "took the case",
    "attached": "attached the message to this case", "case_opened_by_staff": "opened the case",
    "note": "added a note", "review_confirmed": "confirmed the review flag",
    "review_dismissed": "dismissed the review flag", "escalation_skipped": "skipped a level",
    "template_version": "loaded a template version",
}
_DETAIL_KEYS = ("reason", "note", "text", "owner", "category", "role", "level", "template",
                "to", "due_at", "at", "why", "decision", "into")


def status_words(status: str) -> str:
    return STATUS.get(status, status)


def reason_words(reason: str) -> tuple[str, str]:
    """``"content:drug: +2 names our drug: 'x'"`` -> ("Content", "+2 names our drug: 'x'")."""
    layer, _, rest = reason.partition(":")
    rule, sep, detail = rest.partition(": ")
    if not sep:
        return LAYER.get(layer, layer.capitalize() or "Reason"), rest or reason
    return LAYER.get(layer, layer.capitalize()), detail or rule


def reasons_in_words(reasons_json: str | None) -> list[dict[str, Any]]:
    """Every stored reason as {layer, text, code}; the checks that fired nothing last."""
    try:
        reasons = [str(r) for r in json.loads(reasons_json or "[]")]
    except ValueError:
        reasons = [reasons_json or ""]
    out = []
    for reason in reasons:
        layer, text = reason_words(reason)
        code = reason.split(": ", 1)[0]
        out.append({"layer": layer, "text": text, "code": code,
                    "quiet": "none-fired" in code or ":no-" in code or code.endswith(":none")})
    return sorted(out, key=lambda r: bool(r["quiet"]))


def flags(row: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, css class) of the flags set on a case or message row."""
    out = []
    if row.get("emergency"):
        out.append(("EMERGENCY", "flag-emergency"))
    if row.get("adverse_event"):
        out.append(("ADVERSE EVENT", "flag-ae"))
    if row.get("needs_review"):
        out.append(("review", "flag-review"))
    return out


def local(ts: str | None, tz: ZoneInfo, fmt: str = "%a %Y-%m-%d %H:%M %Z") -> str:
    """A stored UTC ISO time in the company's time zone ("" for none)."""
    if not ts:
        return ""
    try:
        return datetime.fromisoformat(ts).astimezone(tz).strftime(fmt)
    except ValueError:
        return ts


def _value(value: Any, tz: ZoneInfo) -> str:
    """A detail value for the trail: stored UTC times in local time, lists joined."""
    if isinstance(value, list):
        return ", ".join(_value(v, tz) for v in value)
    text = str(value)
    if len(text) >= 19 and text[4:5] == "-" and text[10:11] == "T":
        return local(text, tz)
    return text


def event_words(kind: str, detail_json: str | None, tz: ZoneInfo) -> tuple[str, str]:
    """(what, why/details) of a trail event, in words and local time."""
    try:
        detail = json.loads(detail_json or "{}")
    except ValueError:
        detail = {"detail": detail_json}
    if not isinstance(detail, dict):
        detail = {"detail": detail}
    detail.pop("reasons", None)
    what = EVENT.get(kind, kind.replace("_", " "))
    if kind == "classified" and detail.get("category"):
        what = f"classified the message as {CATEGORY.get(detail['category'], detail['category'])}"
    if kind in ("assigned",) and detail.get("owner"):
        what = f"assigned the case to {detail['owner']}"
    parts = []
    for key in _DETAIL_KEYS:
        value = detail.pop(key, None)
        if value not in (None, "", [], {}):
            parts.append(f"{key.replace('_', ' ')}: {_value(value, tz)}")
    for key in ("source", "by", "sha256", "message_id", "tag", "key"):
        detail.pop(key, None)
    parts += [f"{k.replace('_', ' ')}: {_value(v, tz)}" for k, v in sorted(detail.items())
              if v not in (None, "", [], {})]
    return what, "; ".join(parts)


def who(event: dict[str, Any]) -> str:
    """The actor of an event: the staff member's name, or "eabot"."""
    actor = event.get("actor")
    if actor:
        return str(actor)
    try:
        by = json.loads(event.get("detail") or "{}").get("by")
    except (ValueError, AttributeError):
        by = None
    return str(by) if by else "eabot"
