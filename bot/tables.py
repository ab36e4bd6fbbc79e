"""Plain-text tables and row shaping for the CLI.  [pure]"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

MESSAGES_SQL = (
    "SELECT m.*, c.tag AS case_tag, c.due_at AS due_at FROM messages m "
    "LEFT JOIN cases c ON c.id = m.case_id"
)
EXPORT_FIELDS = (
    "message_id", "received_at", "from", "subject", "category", "requester_role",
    "emergency", "adverse_event", "needs_review", "case_id", "ack_status", "due_at",
    "reasons", "backend_key", "logged_at", "raw_sha256", "defects", "classified_as",
    "staff_correction", "row",
)


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], max_width: int = 40) -> str:
    """A left-aligned text table; cells are cut to ``max_width``."""

    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        text = text.replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    rendered = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in body]
    return "\n".join([line, rule, *rendered])


def flags_text(row: dict[str, Any]) -> str:
    flags = []
    if row.get("emergency"):
        flags.append("EMERGENCY")
    if row.get("adverse_event"):
        flags.append("ADVERSE-EVENT")
    if row.get("needs_review"):
        flags.append("review")
    return ",".join(flags)


def export_row(row: dict[str, Any]) -> dict[str, Any]:
    """A logged message in the stable export vocabulary."""
    return {
        "message_id": row["message_id"],
        "received_at": row["received_at"],
        "from": row["from_addr"],
        "subject": row["subject"],
        "category": row["category"],
        "requester_role": row["requester_role"],
        "emergency": bool(row["emergency"]),
        "adverse_event": bool(row["adverse_event"]),
        "needs_review": bool(row["needs_review"]),
        "case_id": row.get("case_tag"),
        "ack_status": row["ack_status"],
        "due_at": row.get("due_at") if row.get("case_tag") else None,
        "reasons": json.loads(row["reasons"] or "[]"),
        "backend_key": row["backend_key"],
        "logged_at": row["logged_at"],
        "raw_sha256": row["raw_sha256"],
        "defects": json.loads(row["defects"] or "[]"),
        "classified_as": row.get("classified_as") or row["category"],
        "staff_correction": row.get("staff_correction"),
        "row": row["id"],
    }


def category_text(row: dict[str, Any]) -> str:
    if row.get("staff_correction"):
        return f"{row['category']} (staff; bot: {row['classified_as']})"
    return str(row["category"])


def log_text(rows: list[dict[str, Any]]) -> str:
    """The ``eabot log`` table of message rows (from :data:`MESSAGES_SQL`)."""
    return table([[f"m{r['id']}", r["received_at"], r["from_addr"], category_text(r),
                   r["requester_role"] or "",
                   flags_text(r), r["case_tag"] or "", r["ack_status"],
                   r["due_at"] if r["case_tag"] else ""] for r in rows],
                 ["row", "received (UTC)", "from", "category", "role", "flags", "case", "ack",
                  "due (UTC)"], max_width=36)
