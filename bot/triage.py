"""Log one inbound message: classify, decide, record, queue the ack.  [I/O: store]

Everything about one message is written in one transaction *before* any side
effect: the message row, its case, the events, and the acknowledgement as a
``pending`` outbox row. Sending happens later (:mod:`bot.sending`), so a
crash can neither lose the decision nor send twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from bot import queries
from bot.backends.base import RawMessage
from bot.classify import classify
from bot.classify.patient import PatientMarks, index_keys, marks_of
from bot.config import Config
from bot.deadlines import compute_deadline
from bot.decide import Decision, Facts, decide
from bot.model import AckStatus, Category, Classification, Inbound, Reason
from bot.outbox_rows import enqueue, render
from bot.patient_key import patient_key
from bot.prepare import Prepared, fingerprint_of, prepare
from bot.replies import Envelope, TemplateProblem, TemplateSet
from bot.review_clock import REVIEW_RULES
from bot.store import Store, dumps, iso


@dataclass(frozen=True)
class Outcome:
    status: str  # "logged", "known", "duplicate"
    message_row: int | None = None
    case_tag: str | None = None


def redact(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """Replace every match of the configured patterns with [redacted]."""
    for pattern in patterns:
        text = pattern.sub("[redacted]", text)
    return text


def ack_context(cfg: Config, msg: Inbound, tag: str, received: datetime, due: datetime,
                cls: Classification) -> dict[str, Any]:
    """The variables an acknowledgement template is rendered with (see its header)."""
    return {
        "case_tag": tag, "requester_name": msg.from_name, "requester_address": msg.from_addr,
        "original_subject": msg.subject or "(no subject)",
        "received_local": fmt_local(received, cfg), "due_local": fmt_local(due, cfg),
        "business_days": cfg.business_days, "company_name": cfg.company_name,
        "contact_phone": cfg.contact_phone, "from_name": cfg.from_name,
        "from_address": cfg.from_address, "emergency": cls.emergency,
        "role": cls.role.value if cls.role else "other",
    }


def fmt_local(dt: datetime, cfg: Config) -> str:
    local = dt.astimezone(cfg.calendar.tz)
    return local.strftime("%A %-d %B %Y, %H:%M %Z")


def ingest(store: Store, cfg: Config, templates: TemplateSet, raw: RawMessage,
           now: datetime, prepared: Prepared | None = None, *,
           logged: Callable[[], None] | None = None) -> Outcome:
    """Log one message. ``prepared`` is what :func:`bot.prepare.prepare` made of
    ``raw`` ahead of time (e.g. in the prepare worker); None: work it out here.
    ``logged`` (e.g. moving the mailbox cursor past the message) is called once the
    message is accounted for: inside the transaction that logs it, so the two commit
    together (one commit per message, not two)."""
    if queries.known_key(store, raw.backend_key):
        if logged is not None:
            logged()
        return Outcome("known")
    prepared = prepared or prepare(raw.raw, cfg.rules)  # (in this process, when not ahead)
    msg, analysis = prepared.msg, prepared.analysis
    original, reused = queries.duplicate_of(store, msg)
    if original is not None:
        # Same message under a new key (e.g. after a UIDVALIDITY change): remember
        # the key so reconciliation can count it, but log nothing new.
        with store.transaction():
            store.conn.execute("INSERT OR IGNORE INTO aliases (backend_key, message_row, "
                               "seen_at) VALUES (?, ?, ?)", (raw.backend_key, original, iso(now)))
            if logged is not None:
                logged()
        return Outcome("duplicate")
    # Machine mail is never anyone's patient; only a possible request (the ones
    # prepare() fingerprinted) can be a near-identical re-send.
    similar = (queries.similar_requests(store, prepared.fingerprint, now,
                                        max(queries.RESEND_DAYS, cfg.campaign_window_days))
               if prepared.fingerprinted and prepared.fingerprint is not None else None)
    ctx = queries.thread_context(store, msg, cfg.rules, now if prepared.fingerprinted else None,
                                 patients=not analysis.machine, patient=analysis.patient,
                                 fingerprint=prepared.fingerprint, similar=similar, at=now,
                                 other_patient=analysis.new_patient,
                                 request=analysis.request.is_request)
    cls = classify(msg, cfg.rules, ctx, analysis)
    if reused is not None:
        cls = replace(cls, reasons=(*cls.reasons, Reason(
            "guard", "message-id-reused",
            f"another, different message (row {reused}) already used this Message-ID: "
            "logged as a message of its own")))
    content_sha = msg.content_sha256
    fingerprint = None
    if cls.category is Category.EA_REQUEST:
        fingerprint = prepared.fingerprint if prepared.fingerprinted else fingerprint_of(msg)
    join, similar_cases = queries.campaign_match(store, fingerprint, msg.from_addr, now,
                                                 cfg.campaign_window_days,
                                                 cfg.rules.campaign_threshold, similar=similar)
    facts = Facts(
        sender=msg.from_addr,
        # (only a new request can be acknowledged: the count matters to no other mail)
        acks_to_sender_last_day=queries.acks_to_sender_since(
            store, msg.from_addr, now - timedelta(days=1))
        if cls.category is Category.EA_REQUEST else 0,
        campaign_case_id=join,
        sender_acked_in_campaign=(join is not None
                                  and queries.sender_acked_in_case(store, msg.from_addr, join)),
    )
    decision = decide(cls, facts, cfg.ack)
    if cfg.redact_subject:  # classified on the real text; stored and echoed redacted
        msg = replace(msg, subject=redact(msg.subject, cfg.redact_subject))
    with store.transaction():
        outcome = _record(store, cfg, templates, raw, msg, cls, decision, fingerprint,
                          similar_cases, now, content_sha, analysis.patient)
        if reused is not None:
            store.event(now, "message_id_reused", {"first_row": reused},
                        message_row=outcome.message_row)
        if logged is not None:
            logged()
        return outcome


def record_failure(store: Store, raw: RawMessage, error: str, now: datetime, *,
                   logged: Callable[[], None] | None = None) -> None:
    """A message that could not be classified is still logged, marked for review,
    so no mail is silently skipped. ``logged``: as for :func:`ingest`."""
    import hashlib

    with store.transaction():
        if logged is not None:
            logged()
        if queries.known_backend_key(store, raw.backend_key):
            return
        row = store.insert("messages", {
            "backend_key": raw.backend_key, "mailbox": raw.folder, "direction": "in",
            "message_id": None, "raw_sha256": hashlib.sha256(raw.raw).hexdigest(),
            "raw_size": len(raw.raw), "received_at": iso(raw.received_at), "logged_at": iso(now),
            "from_addr": "", "subject": "(could not be classified)", "category": "other",
            "needs_review": 1, "reasons": dumps([f"error: {error[:300]}"]),
            "ack_status": AckStatus.NOT_NEEDED.value})
        store.event(now, "ingest_error", {"backend_key": raw.backend_key, "error": error[:500]},
                    message_row=row)


def _record(store: Store, cfg: Config, templates: TemplateSet, raw: RawMessage, msg: Inbound,
            cls: Classification, decision: Decision, fingerprint: str | None,
            similar_cases: list[int], now: datetime, content_sha: str | None = None,
            patient: PatientMarks | None = None) -> Outcome:
    row = store.insert("messages", {
        "backend_key": raw.backend_key, "mailbox": raw.folder, "direction": "in",
        "message_id": msg.message_id, "raw_sha256": msg.raw_sha256, "raw_size": msg.raw_size,
        "received_at": iso(raw.received_at), "logged_at": iso(now),
        "from_addr": msg.from_addr, "from_name": msg.from_name, "subject": msg.subject,
        "in_reply_to": " ".join(msg.in_reply_to) or None, "refs": dumps(list(msg.references)),
        "category": cls.category.value, "requester_role": cls.role.value if cls.role else None,
        "emergency": int(cls.emergency), "adverse_event": int(cls.adverse_event),
        "needs_review": int(cls.needs_review), "reasons": dumps(cls.reason_strings),
        "ack_status": decision.ack_status.value, "defects": dumps(list(msg.defects)),
        "simhash": fingerprint, "body": msg.body_text if cfg.store_bodies else None,
        "content_sha256": content_sha or msg.content_sha256,
    })
    store.event(now, "classified", {"category": cls.category.value, "reasons": cls.reason_strings,
                                    "decision": decision.why}, message_row=row)
    if msg.defects:
        store.event(now, "parse_defects", {"defects": list(msg.defects)[:20]}, message_row=row)
    case_id: int | None = None
    tag: str | None = None
    if cls.category is Category.EA_FOLLOWUP and cls.case_tag:
        case = queries.case_by_tag(store, cls.case_tag)
        if case:
            case_id, tag = int(case["id"]), str(case["tag"])
            store.update("cases", case_id, {
                "emergency": int(case["emergency"] or cls.emergency),
                "adverse_event": int(case["adverse_event"] or cls.adverse_event)})
            store.event(now, "followup", {"from": msg.from_addr}, case_id=case_id, message_row=row)
            if cls.needs_review:  # (a follow-up the rules cannot read: the case waits for a human)
                store.update("cases", case_id, {"needs_review": 1,
                                                "review_reason": review_reason(cls)})
            if case["status"] == "closed" and cfg.escalation.reopen_on_followup:
                # Live again; answered stays answered (its clock stopped), like a reopen
                # the close reason goes (it stays in the trail).
                store.update("cases", case_id, {
                    "status": "answered" if case["responded_at"] else "open",
                    "closed_at": None, "close_reason": None})
                store.event(now, "reopened", {"why": "a follow-up arrived on a closed case"},
                            case_id=case_id, message_row=row)
    elif decision.open_case:
        case_id, tag = open_case(store, cfg, raw, msg, cls, now, row, patient)
    elif decision.join_case_id is not None:
        case_id = decision.join_case_id
        tag = str((store.one("SELECT tag FROM cases WHERE id = ?", (case_id,)) or {})["tag"])
        store.event(now, "attached", {"why": decision.why, "from": msg.from_addr},
                    case_id=case_id, message_row=row)
    if case_id is not None:
        store.update("messages", row, {"case_id": case_id})
    if decision.join_case_id is not None:
        _mark_campaign(store, similar_cases, fingerprint, now)
    if decision.ack_status in (AckStatus.PENDING, AckStatus.HELD) and case_id is not None \
            and tag is not None:
        queue_ack(store, cfg, templates, msg, cls, decision, raw, case_id, tag, row, now)
    elif decision.ack_status is AckStatus.SUPPRESSED:
        store.event(now, "ack_suppressed", {"why": decision.why}, case_id=case_id,
                    message_row=row)
    return Outcome("logged", row, tag)


def open_case(store: Store, cfg: Config, raw: RawMessage, msg: Inbound, cls: Classification,
               now: datetime, row: int, patient: PatientMarks | None = None) -> tuple[int, str]:
    deadline = compute_deadline(raw.received_at, cfg.calendar, cfg.business_days)
    key = patient_key(store)  # None: no marks kept (see bot/patient_key.py)
    who = (patient if patient is not None else marks_of(msg)).hashed(key) if key else None
    year = raw.received_at.astimezone(cfg.calendar.tz).year
    tag = queries.next_case_tag(store, cfg.case_tag_prefix, year)
    case_id = store.insert("cases", {
        "tag": tag, "status": "open", "requester_addr": msg.from_addr,
        "requester_name": msg.from_name, "requester_role": cls.role.value if cls.role else None,
        "subject": msg.subject, "received_at": iso(raw.received_at), "opened_at": iso(now),
        "due_at": iso(deadline.due_at), "deadline_inputs": dumps(deadline.inputs(cfg.calendar)),
        "emergency": int(cls.emergency), "adverse_event": int(cls.adverse_event),
        "needs_review": int(cls.needs_review),
        "review_reason": review_reason(cls),
        "patient_marks": dumps(marks) if who and (marks := who.as_dict()) else None,
    })
    for k in sorted(index_keys(who, msg.from_name, key)) if who and key else ():
        store.conn.execute("INSERT INTO patient_keys (case_id, key) VALUES (?, ?)", (case_id, k))
    if cls.linked_case:
        linked = queries.case_by_tag(store, cls.linked_case)
        if linked:
            store.update("cases", case_id, {"linked_case_id": linked["id"]})
            store.event(now, "linked", {"to": cls.linked_case, "why": "possibly the same patient"},
                        case_id=case_id, message_row=row)
            store.event(now, "linked", {"to": tag, "why": "possibly the same patient"},
                        case_id=int(linked["id"]))
    store.event(now, "case_opened", {"tag": tag, "due_at": iso(deadline.due_at),
                                     "role": cls.role.value if cls.role else None,
                                     "emergency": cls.emergency, "needs_review": cls.needs_review},
                case_id=case_id, message_row=row)
    return case_id, tag


def review_reason(cls: Classification) -> str | None:
    """Why a classification asks for review, in words (the last such reason)."""
    if not cls.needs_review:
        return None
    for r in reversed(cls.reasons):
        if r.rule in REVIEW_RULES:
            return r.detail
    return "marked for review"


def _mark_campaign(store: Store, case_ids: list[int], fingerprint: str | None,
                   now: datetime) -> None:
    for cid in case_ids:
        case = store.one("SELECT campaign FROM cases WHERE id = ?", (cid,))
        if case and case["campaign"] is None:
            store.update("cases", cid, {"campaign": fingerprint, "needs_review": 1})
            store.event(now, "campaign", {"fingerprint": fingerprint,
                                          "note": "near-identical letters from several senders; "
                                                  "copies join this case for human review"},
                        case_id=cid)


def queue_ack(store: Store, cfg: Config, templates: TemplateSet, msg: Inbound,
               cls: Classification, decision: Decision, raw: RawMessage, case_id: int, tag: str,
               row: int, now: datetime) -> None:
    case = store.one("SELECT * FROM cases WHERE id = ?", (case_id,)) or {}
    due = datetime.fromisoformat(case.get("due_at") or iso(now))
    context = ack_context(cfg, msg, tag, raw.received_at, due, cls)
    name = decision.template or "ack_other"
    envelope = Envelope(
        from_name=cfg.from_name, from_address=cfg.from_address, to_address=msg.from_addr,
        message_id_domain=cfg.message_id_domain, in_reply_to=msg.message_id,
        references=msg.references, bcc=cfg.ack.bcc, case_tag=tag)
    try:
        email, template = render(templates, name, context, envelope, now, "auto-replied")
    except TemplateProblem as exc:
        store.update("messages", row, {"ack_status": AckStatus.FAILED.value})
        store.event(now, "ack_failed", {"error": str(exc)}, case_id=case_id, message_row=row)
        return
    held = decision.ack_status is AckStatus.HELD
    enqueue(store, email, now, kind="ack", recipient=msg.from_addr, template=template,
            case_id=case_id, message_row=row, dedupe_key=f"ack:{case_id}:{msg.from_addr}",
            status="held" if held else "pending")
    store.event(now, "ack_held" if held else "ack_queued",
                {"template": name, "to": msg.from_addr, "message_id": str(email["Message-ID"]),
                 **({"why": decision.why} if held else {})},
                case_id=case_id, message_row=row)
