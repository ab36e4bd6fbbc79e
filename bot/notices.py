"""Queue staff notices: escalation levels, emergencies, adverse events, review, digest.  [I/O: store]

Every notice is recorded in ``notices`` under a unique key *in the same
transaction* as its outbox row, so across restarts, crashes and clock jumps
each fires exactly once; sending then goes through the normal outbox
(retried, audited). Which notice is due is decided by the pure
:mod:`bot.escalation`, :mod:`bot.review_clock` and :mod:`bot.digest`; the notice
about messages past their review deadline is queued by :mod:`bot.review_notices`.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any

from bot.config import Config
from bot.digest import compose_digest
from bot.escalation import CaseClock, due_firings, time_left_text
from bot.outbox_rows import enqueue, render
from bot.replies import Envelope, TemplateProblem, TemplateSet, build_message
from bot.review_clock import waiting_sql
from bot.review_notices import queue_review_notice
from bot.store import Store, iso
from bot.triage import fmt_local

log = logging.getLogger(__name__)


def stopped(case: dict[str, Any], cfg: Config) -> bool:
    """Whether the case's clock has stopped: it is answered or closed, or (with
    ``stop_on = "acknowledgement"``) its acknowledgement went out."""
    if case["status"] in ("closed", "answered") or case["responded_at"] is not None:
        return True
    return cfg.escalation.stop_on == "acknowledgement" and case["acknowledged_at"] is not None


def queue_notices(store: Store, cfg: Config, templates: TemplateSet, now: datetime, *,
                  poll_error: str | None = None) -> int:
    """Record and queue every notice due now; returns how many were queued.

    ``poll_error``: why this cycle could not read the mailbox (the digest says so)."""
    esc = cfg.escalation
    queued = 0
    if esc.on_call:
        for case in store.query("SELECT * FROM cases WHERE emergency = 1 AND status != 'closed' "
                                "AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.key = "
                                "'case:' || cases.id || ':emergency')"):
            queued += queue_notice(store, cfg, templates, now, key=f"case:{case['id']}:emergency",
                             kind="emergency", template=esc.emergency_template, to=esc.on_call,
                             context=_case_context(store, cfg, case, now, "EMERGENCY"),
                             case_id=case["id"])
    if esc.pharmacovigilance:
        for msg in store.query(
                "SELECT m.*, c.tag AS case_tag FROM messages m LEFT JOIN cases c ON c.id = "
                "m.case_id WHERE m.adverse_event = 1 AND NOT EXISTS (SELECT 1 FROM notices n "
                "WHERE n.key = 'msg:' || m.id || ':adverse_event')"):
            queued += queue_notice(store, cfg, templates, now, key=f"msg:{msg['id']}:adverse_event",
                             kind="adverse_event", template=esc.adverse_event_template,
                             to=esc.pharmacovigilance, context=_ae_context(cfg, msg),
                             case_id=msg["case_id"], message_row=msg["id"])
    if esc.levels:
        for case in store.query("SELECT * FROM cases WHERE status != 'closed' AND due_at IS NOT "
                                "NULL ORDER BY due_at"):
            clock = CaseClock(case["id"], datetime.fromisoformat(case["due_at"]),
                              stopped(case, cfg), bool(case["emergency"]))
            prefix = f"case:{case['id']}:level:"
            already = frozenset(str(r["key"])[len(prefix):] for r in store.query(
                "SELECT key FROM notices WHERE key LIKE ?", (prefix + "%",)))
            for firing in due_firings(clock, esc.levels, already, cfg.calendar, esc.hours, now):
                key = prefix + firing.key
                if not firing.send:
                    with store.transaction():
                        store.insert("notices", {"key": key, "kind": "escalation",
                                                 "case_id": case["id"], "level": firing.level.name,
                                                 "status": "skipped", "fire_at": iso(firing.fire_at),
                                                 "recorded_at": iso(now)})
                        store.event(now, "escalation_skipped", {"level": firing.key, "why":
                                    "a more severe level is due"}, case_id=case["id"])
                    continue
                ctx = _case_context(store, cfg, case, now, firing.level.name)
                queued += queue_notice(store, cfg, templates, now, key=key, kind="escalation",
                                 template=firing.level.template, to=firing.level.recipients,
                                 context=ctx, case_id=case["id"], level=firing.level.name,
                                 fire_at=firing.fire_at)
    queued += queue_review_notice(store, cfg, templates, now)
    queued += _queue_digest(store, cfg, templates, now, poll_error)
    return queued


def _queue_digest(store: Store, cfg: Config, templates: TemplateSet, now: datetime,
                  poll_error: str | None) -> int:
    esc = cfg.escalation
    if not esc.digest_to or esc.digest_time is None:
        return 0
    local = now.astimezone(cfg.calendar.tz)
    if not cfg.calendar.is_business_day(local.date()) or local.time() < esc.digest_time:
        return 0
    key = f"digest:{local.date().isoformat()}"
    if store.one("SELECT 1 AS x FROM notices WHERE key = ?", (key,)):
        return 0
    context = compose_digest(digest_facts(store, cfg, now, poll_error), cfg.calendar, now,
                             review_days=esc.review_message_days)
    context.update(company_name=cfg.company_name, from_name=cfg.from_name)
    return queue_notice(store, cfg, templates, now, key=key, kind="digest", template=esc.digest_template,
                  to=esc.digest_to, context=context)


def digest_facts(store: Store, cfg: Config, now: datetime,
                 poll_error: str | None = None) -> dict[str, Any]:
    """Rows the digest is composed from (read here, composed by the pure digest module).

    ``polling``: the last successful poll, the first failed cycle after it, and
    the current failure (this cycle's, else the last finished cycle's)."""
    local_midnight = now.astimezone(cfg.calendar.tz).replace(hour=0, minute=0, second=0,
                                                             microsecond=0)
    open_cases = [dict(c, stopped=stopped(c, cfg), link=_link(cfg, c["tag"])) for c in store.query(
        "SELECT * FROM cases WHERE status != 'closed' ORDER BY due_at")]
    last_ok = store.one("SELECT * FROM heartbeats WHERE ok = 1 AND finished_at IS NOT NULL "
                        "ORDER BY id DESC LIMIT 1")
    first_bad = store.one("SELECT * FROM heartbeats WHERE ok = 0 AND finished_at IS NOT NULL "
                          "AND id > ? ORDER BY id LIMIT 1", (last_ok["id"] if last_ok else 0,))
    last = store.one("SELECT * FROM heartbeats WHERE finished_at IS NOT NULL ORDER BY id DESC "
                     "LIMIT 1")
    error = poll_error or (last["error"] if last and not last["ok"] else None)
    return {
        "polling": {"last_ok": last_ok["finished_at"] if last_ok else None,
                    "failing_since": first_bad["started_at"] if first_bad and error else None,
                    "error": error},
        "open_cases": open_cases,
        "messages_to_review": store.query(
            f"SELECT m.id, m.from_addr, m.received_at FROM messages m WHERE {waiting_sql('m')} "
            "ORDER BY m.received_at LIMIT 50"),
        "adverse_events": store.query(
            "SELECT m.id, m.received_at, m.from_addr, m.category, c.tag AS case_tag FROM messages m "
            "LEFT JOIN cases c ON c.id = m.case_id WHERE m.adverse_event = 1 AND m.received_at >= ? "
            "ORDER BY m.received_at", (iso(local_midnight - timedelta(days=7)),)),
        "failed_sends": store.query("SELECT o.*, c.tag AS case_tag FROM outbox o LEFT JOIN cases "
                                    "c ON c.id = o.case_id WHERE o.status = 'failed' OR "
                                    "o.unconfirmed = 1 ORDER BY o.id"),
        "volume": store.query(
            "SELECT category, count(*) AS n FROM messages WHERE received_at >= ? AND received_at "
            "< ? GROUP BY category ORDER BY category",
            (iso(local_midnight - timedelta(days=1)), iso(local_midnight))),
    }


def _case_context(store: Store, cfg: Config, case: dict[str, Any], now: datetime,
                  level: str) -> dict[str, Any]:
    first = store.one("SELECT reasons FROM messages WHERE case_id = ? ORDER BY id LIMIT 1",
                      (case["id"],))
    due = datetime.fromisoformat(case["due_at"]) if case["due_at"] else now
    return {
        "case_tag": case["tag"], "level": level,
        "time_left": time_left_text(due, now, cfg.calendar),
        "due_local": fmt_local(due, cfg),
        "received_local": fmt_local(datetime.fromisoformat(case["received_at"]), cfg),
        "sender": case["requester_addr"], "requester_role": case["requester_role"] or "other",
        "subject": case["subject"] or "", "emergency": bool(case["emergency"]),
        "adverse_event": bool(case["adverse_event"]), "needs_review": bool(case["needs_review"]),
        "reasons": json.loads(first["reasons"]) if first else [],
        "review_link": _link(cfg, case["tag"]),
        "cli_command": f"eabot cases show {case['tag']}",
        "company_name": cfg.company_name, "from_name": cfg.from_name,
    }


def _ae_context(cfg: Config, msg: dict[str, Any]) -> dict[str, Any]:
    details = cfg.escalation.adverse_event_include_subject
    return {
        "case_tag": msg["case_tag"] or "", "message_row": msg["id"], "category": msg["category"],
        "sender": msg["from_addr"], "received_local": fmt_local(
            datetime.fromisoformat(msg["received_at"]), cfg),
        "subject": msg["subject"] if details else "",
        "reasons": json.loads(msg["reasons"]) if details else [],
        "review_link": _link(cfg, msg["case_tag"] or ""),
        "cli_command": f"eabot cases show {msg['case_tag']}" if msg["case_tag"]
        else f"eabot export (message row {msg['id']})",
        "company_name": cfg.company_name, "from_name": cfg.from_name,
    }


def _link(cfg: Config, tag: str) -> str:
    base = cfg.escalation.review_url.rstrip("/")
    return f"{base}/case/{tag}" if base and tag else ""


def queue_notice(store: Store, cfg: Config, templates: TemplateSet, now: datetime, *, key: str,
                 kind: str, template: str, to: tuple[str, ...], context: dict[str, Any],
                 case_id: int | None = None, message_row: int | None = None,
                 level: str | None = None, fire_at: datetime | None = None) -> int:
    envelope = Envelope(
        from_name=cfg.from_name, from_address=cfg.from_address, to_address=", ".join(to),
        message_id_domain=cfg.message_id_domain, case_tag=context.get("case_tag") or None)
    try:
        email, tpl = render(templates, template, context, envelope, now, "auto-generated")
    except TemplateProblem as exc:
        log.error("cannot render the %s notice %s: %s", kind, key, exc)
        store.event(now, f"{kind}_render_failed", {"key": key, "error": str(exc)},
                    case_id=case_id, message_row=message_row)
        return 0
    with store.transaction():
        if store.one("SELECT 1 AS x FROM notices WHERE key = ?", (key,)):
            return 0
        outbox_id = enqueue(store, email, now, kind=kind, recipient=", ".join(to), template=tpl,
                            case_id=case_id, message_row=message_row, dedupe_key=f"notice:{key}")
        store.insert("notices", {"key": key, "kind": kind, "case_id": case_id,
                                 "message_row": message_row, "level": level, "status": "queued",
                                 "fire_at": iso(fire_at or now), "recorded_at": iso(now),
                                 "outbox_id": outbox_id})
        store.event(now, f"{kind}_queued", {"key": key, "to": list(to), "level": level},
                    case_id=case_id, message_row=message_row)
    return 1


def queue_plain_alert(store: Store, cfg: Config, now: datetime, *, key: str, subject: str,
                      body: str, to: tuple[str, ...]) -> int:
    """An alert that needs no template (e.g. about a broken template); once per key."""
    email = build_message(subject, body, Envelope(
        from_name=cfg.from_name, from_address=cfg.from_address, to_address=", ".join(to),
        message_id_domain=cfg.message_id_domain), now, auto_submitted="auto-generated")
    with store.transaction():
        if store.one("SELECT 1 AS x FROM notices WHERE key = ?", (key,)):
            return 0
        outbox_id = enqueue(store, email, now, kind="alert", recipient=", ".join(to),
                            dedupe_key=f"notice:{key}")
        store.insert("notices", {"key": key, "kind": "alert", "status": "queued",
                                 "fire_at": iso(now), "recorded_at": iso(now),
                                 "outbox_id": outbox_id})
    return 1
