"""The review UI: Datasette (0.65) over the live SQLite log, read-only.

Pure part (no I/O): :data:`TABLES`, :func:`canned_queries` and
:func:`build_metadata` turn the configuration into Datasette metadata: title,
descriptions, default sort orders, hidden internal tables and the canned
queries staff need. I/O part: :func:`make_datasette` opens the log (the live
WAL file, ``mode=ro``, never ``immutable``) and :func:`serve` runs it with
uvicorn. The SQL functions the queries use (``business_days_left``,
``time_left``, ``local_time``, ``local_date``, ``utc_now``) come from
:mod:`bot.review_plugin`.
"""

from __future__ import annotations

import asyncio
import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.deadlines import BusinessCalendar
from bot.review_plugin import DATABASE, PLUGIN_NAME

PASSWORD_HASH_ENV = "EABOT_REVIEW_PASSWORD_HASH"
USER_ENV = "EABOT_REVIEW_USER"
SECRET_ENV = "EABOT_REVIEW_SECRET"  # signs login cookies; random per start when unset
HIDDEN = ("state", "aliases", "_sqlite_migrations", "heartbeats")
# No download of the file (health data, and it is live); queries may take up to 3 s.
SETTINGS: dict[str, Any] = {"allow_download": False, "sql_time_limit_ms": 3000,
                            "default_page_size": 50}
_AT = "UTC ISO 8601"

TABLES: dict[str, dict[str, Any]] = {
    "cases": {
        "description": "One row per EA case (a request and its follow-ups). Open a case's page for "
                       "its messages, outgoing mail, notices and event trail.",
        "sort_desc": "received_at", "label_column": "tag",
        "facets": ["status", "requester_role", "emergency", "needs_review"],
        "columns": {
            "tag": "Case tag, e.g. EA-2026-0042; in the subject of every mail about the case",
            "status": "open, acknowledged, responded, closed",
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
                    "kind": "What happened", "detail": "JSON details"}},
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

_FLAGS = ("trim(CASE WHEN {a}.emergency THEN 'EMERGENCY ' ELSE '' END || CASE WHEN "
          "{a}.adverse_event THEN 'ADVERSE-EVENT ' ELSE '' END || CASE WHEN {a}.needs_review "
          "THEN 'REVIEW' ELSE '' END) AS flags")
_CASE_COLS = ("c.tag, {time_left}, local_time(c.due_at) AS due_local, " + _FLAGS.format(a="c")
              + ", c.status, c.requester_role, c.requester_addr, c.subject, "
              "local_time(c.received_at) AS received_local")


def stopped_sql(stop_on: str) -> str:
    """SQL for "the case's clock has stopped" (as :func:`bot.notices.stopped`)."""
    column = "responded_at" if stop_on == "staff_reply" else "acknowledged_at"
    return f"(c.status = 'closed' OR c.{column} IS NOT NULL)"


def canned_queries(stop_on: str) -> dict[str, dict[str, Any]]:
    """The staff queries, keyed by URL name (``/eabot/NAME``). All are SELECTs."""
    st = stopped_sql(stop_on)
    cols = _CASE_COLS.format(time_left=f"CASE WHEN {st} THEN 'clock stopped' ELSE "
                                       "time_left(c.due_at) END AS time_left")
    ticking = f"c.status != 'closed' AND NOT {st} AND c.due_at IS NOT NULL"
    q: dict[str, dict[str, Any]] = {
        "open_cases_by_time_left": {
            "title": "Open cases by time left",
            "description": "Open cases, most urgent first; cases whose clock stopped come last.",
            "sql": f"SELECT {cols}\nFROM cases c WHERE c.status != 'closed'\n"
                   f"ORDER BY {st}, c.due_at IS NULL, c.due_at"},
        "due_within_2_business_days": {
            "title": "Due within 2 business days",
            "description": "Cases whose clock runs and whose deadline is at most 2 business days "
                           "away (company calendar: weekends, holidays and closures skipped).",
            "sql": f"SELECT {cols}, business_days_left(c.due_at) AS business_days_left\n"
                   f"FROM cases c WHERE {ticking}\n  AND c.due_at > utc_now() "
                   "AND business_days_left(c.due_at) <= 2\nORDER BY c.due_at"},
        "overdue": {
            "title": "Overdue",
            "description": "Cases past their deadline whose clock has not stopped.",
            "sql": f"SELECT {cols}\nFROM cases c WHERE {ticking} AND c.due_at <= utc_now()\n"
                   "ORDER BY c.due_at"},
        "emergencies": {
            "title": "Emergencies",
            "description": "Cases with emergency cues, open ones first, with the state of the "
                           "on-call notice (sent, pending, failed).",
            "sql": f"SELECT {cols},\n  (SELECT coalesce(o.status, n.status) FROM notices n LEFT JOIN "
                   "outbox o ON o.id = n.outbox_id WHERE n.key = 'case:' || c.id || ':emergency') "
                   "AS on_call_notice\nFROM cases c WHERE c.emergency = 1\n"
                   "ORDER BY c.status = 'closed', c.due_at"},
        "adverse_events": {
            "title": "Adverse events",
            "description": "Every message with adverse-event cues, whatever its category, with "
                           "the cues and the state of the pharmacovigilance notice.",
            "sql": "SELECT m.id AS message, local_time(m.received_at) AS received_local, c.tag, "
                   "m.category, m.from_addr, m.subject,\n  (SELECT group_concat(j.value, char(10)) "
                   "FROM json_each(m.reasons) j WHERE j.value LIKE 'flag:adverse-event%') AS cues,\n"
                   "  (SELECT coalesce(o.status, n.status) FROM notices n LEFT JOIN outbox o ON o.id = "
                   "n.outbox_id WHERE n.key = 'msg:' || m.id || ':adverse_event') AS "
                   "pharmacovigilance_notice\nFROM messages m LEFT JOIN cases c "
                   "ON c.id = m.case_id WHERE m.adverse_event = 1\nORDER BY m.received_at DESC"},
        "marked_for_review": {
            "title": "Cases marked for review",
            "description": "Open cases a human should check, with the reasons that asked for it.",
            "sql": f"SELECT {cols},\n  (SELECT group_concat(j.value, char(10)) FROM messages m, "
                   "json_each(m.reasons) j WHERE m.case_id = c.id AND (j.value LIKE '%review%' OR "
                   "j.value LIKE 'campaign%')) AS why\nFROM cases c WHERE c.needs_review = 1 AND "
                   "c.status != 'closed'\nORDER BY c.due_at"},
        "failed_or_pending_sends": {
            "title": "Failed or pending sends",
            "description": "Outgoing mail not (surely) delivered: failed, pending, sending, or sent "
                           "unconfirmed.",
            "sql": "SELECT o.id, o.kind, c.tag, o.recipient, o.subject, o.status, o.unconfirmed, "
                   "o.attempts, o.last_error,\n  local_time(o.next_attempt_at) AS next_attempt, "
                   "local_time(o.created_at) AS queued, o.template, o.template_sha256\n"
                   "FROM outbox o LEFT JOIN cases c ON c.id = o.case_id\nWHERE o.status IN "
                   "('failed', 'pending', 'sending') OR o.unconfirmed = 1\nORDER BY o.status = "
                   "'failed' DESC, o.id"},
        "from_sender": {
            "title": "Everything from one sender",
            "description": "Every message from an address (case-insensitive), with its case.",
            "params": ["sender"],
            "sql": "SELECT m.id AS message, local_time(m.received_at) AS received_local, m.subject, "
                   "m.category, m.requester_role, " + _FLAGS.format(a="m") + ", c.tag, c.status "
                   "AS case_status, m.ack_status\nFROM messages m LEFT JOIN cases c ON c.id = "
                   "m.case_id\nWHERE lower(m.from_addr) = lower(trim(:sender))\n"
                   "ORDER BY m.received_at DESC"},
        "message_trail": {
            "title": "Trail and classification reasons of one message",
            "description": "Give a message's row number (the message column elsewhere) or its "
                           "Message-ID: how it was classified, every reason, and everything that "
                           "happened to it and its case.",
            "params": ["message"],
            "sql": "WITH m AS (SELECT * FROM messages WHERE CAST(id AS TEXT) = trim(:message) OR "
                   "message_id = trim(:message)\n  OR message_id = '<' || trim(:message, ' <>') "
                   "|| '>'),\n"
                   "t(at, o1, o2, what, detail) AS (\n"
                   "  SELECT m.received_at, 0, 0, 'received', m.from_addr || ': ' || "
                   "coalesce(m.subject, '') FROM m\n"
                   "  UNION ALL SELECT m.logged_at, 1, 0, 'classified', m.category || coalesce(' / ' "
                   "|| m.requester_role, '') || ' / ack ' || m.ack_status || coalesce(' / case ' || "
                   "(SELECT tag FROM cases WHERE id = m.case_id), '') FROM m\n"
                   "  UNION ALL SELECT m.logged_at, 2, j.key, 'reason', j.value FROM m, "
                   "json_each(m.reasons) j\n"
                   "  UNION ALL SELECT e.at, 3, e.id, 'event: ' || e.kind, e.detail FROM events e, m "
                   "WHERE e.message_row = m.id OR (e.message_row IS NULL AND e.case_id = m.case_id)\n"
                   "  UNION ALL SELECT o.created_at, 4, o.id, 'outbox ' || o.kind || ': ' || o.status, "
                   "o.recipient || ': ' || o.subject || ' (template ' || coalesce(o.template, '-') "
                   "|| ' ' || substr(coalesce(o.template_sha256, ''), 1, 12) || ')' FROM outbox o, "
                   "m WHERE o.message_row = m.id OR (o.message_row IS NULL AND o.case_id = "
                   "m.case_id))\nSELECT at, what, detail FROM t ORDER BY at, o1, o2"},
        "volume_per_day_and_category": {
            "title": "Volume per day and category",
            "description": "Messages received per day (company time zone) and category.",
            "sql": "SELECT local_date(received_at) AS day, category, count(*) AS messages, "
                   "sum(emergency) AS emergencies, sum(adverse_event) AS adverse_events\n"
                   "FROM messages GROUP BY day, category ORDER BY day DESC, category"},
    }
    for query in q.values():
        query["hide_sql"] = True  # "show" reveals it; staff want the rows
    return q


def build_metadata(*, calendar: BusinessCalendar, stop_on: str, business_days: int,
                   login_user: str | None = None) -> dict[str, Any]:
    """Datasette metadata for the ``eabot`` database (pure)."""
    queries = canned_queries(stop_on)
    links = "".join(f'<li><a href="{DATABASE}/{name}">{html.escape(q["title"])}</a></li>'
                    for name, q in queries.items())
    clock = "the first staff reply" if stop_on == "staff_reply" else "the acknowledgement"
    tables = {name: dict(spec) for name, spec in TABLES.items()}
    tables.update({name: {"hidden": True} for name in HIDDEN})
    meta: dict[str, Any] = {
        "title": "eabot review: the clinical@ expanded-access log",
        "description_html": (
            f"<p>Every message to clinical@, its classification and reasons, every case and its "
            f"deadline ({business_days} business days, {html.escape(calendar.timezone)} calendar; "
            f"the clock stops at {clock}), every message eabot sent, and the audit trail. "
            "Read-only: nothing here changes the log.</p><p>Staff queries:</p>"
            f"<ul>{links}</ul>"),
        "databases": {DATABASE: {
            "description": "The live eabot log (SQLite, read-only). Times are UTC ISO 8601; "
                           "local_time(...) columns are in the company's time zone.",
            "tables": tables, "queries": queries}},
        "plugins": {PLUGIN_NAME: {"calendar": calendar.describe()}},
    }
    if login_user:
        meta["allow"] = {"id": login_user}
        meta["plugins"]["datasette-auth-passwords"] = {
            f"{login_user}_password_hash": {"$env": PASSWORD_HASH_ENV}}
    return meta


# --- I/O ------------------------------------------------------------------

def login_user_from_env(env: Mapping[str, str] = os.environ) -> str | None:
    """The login user when a password hash is configured in the environment, else None."""
    return (env.get(USER_ENV) or "staff") if env.get(PASSWORD_HASH_ENV) else None


def make_datasette(store_path: Path, metadata: dict[str, Any]) -> Any:
    """A Datasette instance serving ``store_path`` as the read-only database ``eabot``."""
    from datasette.app import Datasette  # type: ignore[import-untyped]
    from datasette.plugins import pm  # type: ignore[import-untyped]

    from bot import review_plugin
    from bot.store import StoreError

    if not store_path.is_file():
        raise StoreError(f"no log at {store_path}; run `eabot run --once` first")
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(review_plugin, name=PLUGIN_NAME)
    ds = Datasette([], metadata=metadata, settings=SETTINGS,
                   secret=os.environ.get(SECRET_ENV) or None)
    ds.remove_database("_memory")  # added by Datasette when started without files
    ds.add_database(review_plugin.ReadOnlyDatabase(ds, str(store_path), is_mutable=True),
                    name=DATABASE)
    return ds


def serve(ds: Any, host: str, port: int) -> None:
    """Run the UI until interrupted (Datasette's own start-up checks first)."""
    import uvicorn
    from datasette.cli import check_databases  # type: ignore[import-untyped]

    async def startup() -> None:
        await ds.invoke_startup()
        await check_databases(ds)

    asyncio.run(startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
