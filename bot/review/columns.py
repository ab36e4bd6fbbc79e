"""What every table and column of the log means, for the review UI's metadata.  [pure data]

A test fails when a column of the store is not described here.
"""

from __future__ import annotations

from typing import Any

_AT = "UTC ISO 8601"

TABLES: dict[str, dict[str, Any]] = {
    "cases": {
        "description": "One row per EA case (a request and its follow-ups). Its case page "
                       "(/case/TAG) shows its messages, outgoing mail, notices and trail.",
        "sort_desc": "received_at", "label_column": "tag",
        "facets": ["status", "requester_role", "emergency", "needs_review"],
        "columns": {
            "tag": "Case tag, e.g. EA-2026-0042; in the subject of every mail about the case",
            "status": "open (clock running), answered (a human answer is recorded) or closed",
            "owner": "Staff member who owns the case (assign / take it on the case page)",
            "requester_addr": "Sender of the first request", "requester_name": "Their display name",
            "requester_role": "physician, patient_or_family or other",
            "subject": "Subject of the first request", "closed_at": f"When staff closed it ({_AT})",
            "received_at": f"Server receipt time of the first request ({_AT})",
            "opened_at": f"When eabot opened the case ({_AT})",
            "due_at": f"Acknowledgement deadline ({_AT}); see deadline_inputs",
            "deadline_inputs": "Receipt time, rule, calendar and skipped days: recompute the deadline",
            "emergency": "1 = emergency cues (ICU, ventilator, days to live, eIND…)",
            "adverse_event": "1 = a message of the case reports an adverse event",
            "needs_review": "1 = a human should check (borderline, campaign, unconfirmed send)",
            "review_reason": "Why the case awaits review, in words",
            "linked_case_id": "A case that may be the same patient (row id; see its page)",
            "patient_marks": "Age, initials, names and diagnosis the letter gives (to find "
                             "the same patient from another sender)",
            "campaign": "Fingerprint of a campaign of near-identical letters",
            "acknowledged_at": f"When the acknowledgement was sent ({_AT})",
            "responded_at": f"First staff reply ({_AT}); stops the clock with stop_on = staff_reply",
            "close_reason": "Why it was closed",
        }},
    "messages": {
        "description": "Every inbound message with its classification and the reasons for it.",
        "sort_desc": "received_at", "label_column": "subject",
        "facets": ["category", "requester_role", "ack_status"],
        "columns": {
            "backend_key": "Where the message was read (backend, folder, unique id)",
            "mailbox": "Folder", "direction": "in", "message_id": "Message-ID header",
            "raw_sha256": "SHA-256 of the raw bytes", "raw_size": "Size in bytes",
            "received_at": f"Server receipt time ({_AT}); the deadline counts from here",
            "logged_at": f"When eabot logged it ({_AT})",
            "from_addr": "Sender address", "from_name": "Sender display name", "subject": "Subject",
            "in_reply_to": "In-Reply-To header", "refs": "References header",
            "category": "ea_request, ea_followup, other or auto_reply",
            "requester_role": "physician, patient_or_family or other (EA requests only)",
            "emergency": "1 = emergency cues", "adverse_event": "1 = adverse-event cues",
            "needs_review": "1 = marked for human review",
            "content_sha256": "SHA-256 of what the sender wrote (a reused Message-ID with other "
                              "content is a message of its own)",
            "reasons": "JSON list: every rule that fired or was checked (layer:rule: detail)",
            "case_id": "The case it opened or joined", "ack_status": "sent, pending, failed, "
            "not_needed or suppressed", "defects": "Parser defects (malformed MIME, charsets…)",
            "simhash": "Text fingerprint used to detect campaigns",
            "body": "Text body, only with store_bodies = true",
            "classified_as": "The category eabot chose before any staff correction",
            "staff_correction": "A staff reclassification (eabot cases reclassify) and its reason",
        }},
    "outbox": {
        "description": "Every message eabot sends: acknowledgements and staff notices, with their "
                       "delivery state and the template version used.",
        "sort_desc": "id", "facets": ["status", "kind"],
        "columns": {
            "case_id": "Case", "message_row": "The inbound message it answers or reports",
            "kind": "ack, escalation, emergency, adverse_event, digest, dead_man",
            "recipient": "To", "subject": "Subject", "message_id": "Message-ID eabot gave it",
            "template": "Template name", "template_sha256": "SHA-256 of the template version sent",
            "raw": "The full message as sent",
            "status": "pending, sending, sent, failed, or cancelled (a staff reclassification)",
            "attempts": "Send attempts", "next_attempt_at": f"Next retry ({_AT})",
            "last_error": "Last error from the transport",
            "unconfirmed": "1 = may have left but the server could not confirm (case marked for review)",
            "created_at": f"Queued at ({_AT})", "sent_at": f"Sent at ({_AT})",
            "dedupe_key": "Guarantees a notice is queued once",
        }},
    "events": {
        "description": "The append-only audit trail (the database refuses updates and deletes).",
        "sort_desc": "id", "facets": ["kind"],
        "columns": {"at": f"When ({_AT})", "case_id": "Case", "message_row": "Message",
                    "kind": "What happened", "detail": "JSON details",
                    "actor": "Staff member who acted (empty: eabot itself)"}},
    "notices": {
        "description": "Staff notices: escalation levels, emergencies, adverse events, digests. "
                       "Each fires exactly once per key.",
        "sort_desc": "id", "facets": ["kind", "status"],
        "columns": {"key": "Unique key (case, level)", "kind": "escalation, emergency, "
                    "adverse_event, digest", "case_id": "Case", "message_row": "Message",
                    "level": "Escalation level name", "status": "queued or skipped",
                    "fire_at": f"When it was due ({_AT})", "recorded_at": f"Recorded ({_AT})",
                    "outbox_id": "The outgoing message"}},
    "staff_replies": {
        "description": "Staff replies seen in the Sent folder or recorded with `eabot cases respond`.",
        "sort_desc": "sent_at",
        "columns": {"backend_key": "Where it was read", "message_id": "Message-ID",
                    "case_id": "Case", "from_addr": "Staff sender",
                    "sent_at": f"Sent ({_AT})", "logged_at": f"Logged ({_AT})"}},
    "template_versions": {
        "description": "Every template version eabot loaded, by SHA-256 (outbox.template_sha256).",
        "sort_desc": "first_seen",
        "columns": {"sha256": "SHA-256 of the source", "name": "Template name",
                    "source": "Text template", "html_source": "HTML template, if any",
                    "status": "ok or refused", "first_seen": f"First loaded ({_AT})"}},
}
