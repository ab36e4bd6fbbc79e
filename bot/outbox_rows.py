"""Render a template into an outbox row.  [I/O: store writes; rendering is pure]

The one place where a rendered message becomes a ``pending`` outbox row, for
acknowledgements, notices and alerts alike. The caller owns the transaction.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from typing import Any

from bot.replies import (
    Envelope,
    Template,
    TemplateProblem,
    TemplateSet,
    build_message,
    render_html,
    render_text,
)
from bot.store import Store, iso


def render(templates: TemplateSet, name: str, context: dict[str, Any], envelope: Envelope,
           now: datetime, auto_submitted: str) -> tuple[EmailMessage, Template]:
    """The complete message, or TemplateProblem (caller records it)."""
    template = templates.templates.get(name)
    if template is None:
        raise TemplateProblem(f"template {name!r} is not loaded")
    subject, body = render_text(template, context)
    html = render_html(template, context)
    return build_message(subject, body, envelope, now, auto_submitted=auto_submitted,
                         html=html), template


def enqueue(store: Store, email: EmailMessage, now: datetime, *, kind: str, recipient: str,
            dedupe_key: str, template: Template | None = None, case_id: int | None = None,
            message_row: int | None = None) -> int:
    """Insert the pending outbox row; returns its id."""
    return store.insert("outbox", {
        "case_id": case_id, "message_row": message_row, "kind": kind, "recipient": recipient,
        "subject": str(email["Subject"]), "message_id": str(email["Message-ID"]),
        "template": template.name if template else None,
        "template_sha256": template.sha256 if template else None,
        "raw": email.as_string(), "status": "pending", "attempts": 0,
        "next_attempt_at": iso(now), "created_at": iso(now), "dedupe_key": dedupe_key})
