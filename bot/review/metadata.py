"""Datasette metadata for the review UI: titles, descriptions, canned queries.  [pure]

:func:`canned_queries` and :func:`build_metadata` turn the configuration into
Datasette metadata: title, descriptions (:mod:`bot.review.columns`), default
sort orders, hidden internal tables, the staff queries and the login
accounts (:mod:`bot.review.access`). The SQL functions the queries use
(``business_days_left``, ``time_left``, ``local_time``, ``local_date``,
``utc_now``, ``review_due``) come from :mod:`bot.review.sqlfunctions`.
"""

from __future__ import annotations

import html
from typing import Any

from bot.deadlines import BusinessCalendar
from bot.review.access import Accounts
from bot.review.columns import TABLES
from bot.review.sqlfunctions import DATABASE, PLUGIN_NAME
from bot.review_clock import waiting_sql

HIDDEN = ("state", "aliases", "_sqlite_migrations", "heartbeats", "patient_keys")
# No download of the file (health data, and it is live); queries may take up to 3 s.
SETTINGS: dict[str, Any] = {"allow_download": False, "sql_time_limit_ms": 3000,
                            "default_page_size": 50}

_FLAGS = ("trim(CASE WHEN {a}.emergency THEN 'EMERGENCY ' ELSE '' END || CASE WHEN "
          "{a}.adverse_event THEN 'ADVERSE-EVENT ' ELSE '' END || CASE WHEN {a}.needs_review "
          "THEN 'REVIEW' ELSE '' END) AS flags")
_CASE_COLS = ("c.tag, {time_left}, local_time(c.due_at) AS due_local, " + _FLAGS.format(a="c")
              + ", c.status, c.owner, c.requester_role, c.requester_name, c.requester_addr, c.subject, "
              "local_time(c.received_at) AS received_local")


def stopped_sql(stop_on: str) -> str:
    """SQL for "the case's clock has stopped" (as :func:`bot.notices.stopped`): answered or
    closed, or acknowledged when the acknowledgement stops the clock."""
    ack = " OR c.acknowledged_at IS NOT NULL" if stop_on in ("ack", "acknowledgement") else ""
    return f"(c.status IN ('closed', 'answered') OR c.responded_at IS NOT NULL{ack})"


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
        "messages_to_review": {
            "title": "Messages filed as other, marked for review",
            "description": "Mail with some request evidence that the rules and the text model "
                           "read as not a request: no case was opened, so no acknowledgement "
                           "clock runs; each has a review deadline (review_by), those past it "
                           "first. A human handles each on the review UI's list of messages to review, or "
                           "from the CLI: a request with eabot cases reclassify mID ea_request, "
                           "not one with eabot cases dismiss mID.",
            "sql": "SELECT m.id AS message, CASE WHEN review_due(m.received_at) <= utc_now() THEN "
                   "'OVERDUE' ELSE '' END AS review, local_time(review_due(m.received_at)) AS "
                   "review_by, local_time(m.received_at) AS received, m.from_name, "
                   "m.from_addr, m.subject, m.category,\n  (SELECT group_concat(j.value, char(10)) "
                   "FROM json_each(m.reasons) j WHERE j.value LIKE 'model:%' OR j.value LIKE "
                   "'content:review%' OR j.value LIKE '%negative%') AS why\nFROM messages m WHERE "
                   f"{waiting_sql('m')}\nORDER BY review_due(m.received_at) <= utc_now() DESC, "
                   "m.received_at"},
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
                   accounts: Accounts | None = None, review_days: int | None = None
                   ) -> dict[str, Any]:
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
            "These tables are read-only: staff act from a case's page.</p><p>Staff queries:</p>"
            f"<ul>{links}</ul>"),
        "databases": {DATABASE: {
            "description": "The live eabot log (SQLite, read-only). Times are UTC ISO 8601; "
                           "local_time(...) columns are in the company's time zone.",
            "tables": tables, "queries": queries}},
        "plugins": {PLUGIN_NAME: {"calendar": calendar.describe(), "review_days": review_days}},
    }
    auth = accounts.auth_metadata() if accounts else {}
    if auth:
        meta["allow"] = auth["allow"]
        meta["plugins"].update(auth["plugins"])
    return meta
