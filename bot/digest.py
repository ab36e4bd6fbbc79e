"""The daily digest's content, from rows the store handed over.  [pure]"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.deadlines import BusinessCalendar
from bot.escalation import time_left_text
from bot.review_clock import review_due


def compose_digest(facts: dict[str, Any], calendar: BusinessCalendar,
                   now: datetime, *, review_days: int | None = None) -> dict[str, Any]:
    """Template context: open cases by time left, emergencies, adverse events,
    failed sends, cases and messages marked for review (the messages past their
    review deadline, ``review_days`` business days after receipt, first and
    marked), yesterday's volume by category."""

    def line(case: dict[str, Any]) -> dict[str, Any]:
        due = datetime.fromisoformat(case["due_at"]) if case.get("due_at") else None
        return {
            "tag": case["tag"], "requester": case["requester_addr"],
            "role": case["requester_role"] or "other", "subject": case["subject"] or "",
            "time_left": time_left_text(due, now, calendar) if due else "no deadline",
            "status": case["status"], "clock_stopped": bool(case.get("stopped")),
            "emergency": bool(case["emergency"]), "adverse_event": bool(case["adverse_event"]),
            "needs_review": bool(case["needs_review"]), "link": case.get("link") or "",
        }

    open_cases = [c for c in facts["open_cases"] if c.get("due_at")]
    # Emergencies, then cases under review, then by deadline (the rows come by deadline).
    running = sorted((line(c) for c in open_cases if not c.get("stopped")),
                     key=lambda c: (not c["emergency"], not c["needs_review"]))
    to_review = messages_to_review(facts.get("messages_to_review", []), calendar, now,
                                   review_days)
    return {
        **polling_text(facts.get("polling") or {}, calendar),
        "date": now.astimezone(calendar.tz).strftime("%A %-d %B %Y"),
        "open_cases": running,
        "answered_open": [line(c) for c in open_cases if c.get("stopped")],
        "emergencies": [line(c) for c in facts["open_cases"] if c["emergency"]],
        "review": [line(c) for c in facts["open_cases"] if c["needs_review"]],
        "messages_to_review": to_review,
        "messages_to_review_overdue": sum(1 for m in to_review if m["overdue"]),
        "adverse_events": [{"row": a["id"], "case_tag": a["case_tag"] or "-",
                            "category": a["category"], "sender": a["from_addr"],
                            "received_at": a["received_at"]} for a in facts["adverse_events"]],
        "failed_sends": [{"kind": f["kind"], "to": f["recipient"], "case_tag": f["case_tag"] or "-",
                          "status": "unconfirmed" if f["unconfirmed"] else f["status"],
                          "error": f["last_error"] or ""} for f in facts["failed_sends"]],
        "volume": {v["category"]: int(v["n"]) for v in facts["volume"]},
        "total_open": len(running),
        "overdue": sum(1 for c in open_cases if not c.get("stopped")
                       and datetime.fromisoformat(c["due_at"]) <= now),
    }


def messages_to_review(rows: list[dict[str, Any]], calendar: BusinessCalendar, now: datetime,
                       review_days: int | None) -> list[dict[str, Any]]:
    """Messages waiting for review, those past their review deadline first (each group
    oldest first), with local times; ``review_days`` None: no review deadline."""
    out = []
    for m in rows:
        received = datetime.fromisoformat(m["received_at"])
        due = review_due(received, calendar, review_days) if review_days is not None else None
        out.append({"row": m["id"], "sender": m["from_addr"], "received_at": m["received_at"],
                    "received_local": _local(received, calendar),
                    "review_due_local": _local(due, calendar) if due else "",
                    "overdue": due is not None and due <= now})
    return sorted(out, key=lambda m: not m["overdue"])


def _local(when: datetime, calendar: BusinessCalendar) -> str:
    return when.astimezone(calendar.tz).strftime("%a %Y-%m-%d %H:%M %Z")


def polling_text(polling: dict[str, Any], calendar: BusinessCalendar) -> dict[str, Any]:
    """``polling_failing`` and a sentence saying since when the mailbox cannot be read."""
    if not polling.get("error"):
        return {"polling_failing": False, "polling_problem": ""}

    def local(value: str | None) -> str:
        if not value:
            return "never"
        return datetime.fromisoformat(value).astimezone(calendar.tz).strftime("%a %d %b %H:%M %Z")

    since = f" since {local(polling['failing_since'])}" if polling.get("failing_since") else ""
    return {"polling_failing": True, "polling_problem": (
        f"eabot cannot read the mailbox{since} (last successful poll: "
        f"{local(polling.get('last_ok'))}): {str(polling['error'])[:300]}. Mail that arrived "
        "since is not counted below, and nothing was acknowledged. Run `eabot status`.")}
