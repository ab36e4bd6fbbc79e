"""Record the answer, close, reopen: the case's status and its clock.  [I/O: writes the store]

Status (:class:`bot.model.CaseStatus`): ``open`` → ``answered`` (respond) →
``closed`` (close, from either); ``closed`` → ``open`` (reopen). Reopening
resumes the clock: the close reason and the recorded answer are cleared on the
case (both stay in the trail), so escalation watches the deadline again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.casework.checks import actor_or_refuse, case_or_refuse, local, text_or_refuse
from bot.casework.errors import ActionRefused
from bot.config import Config
from bot.escalation import time_left_text
from bot.model import CaseStatus
from bot.store import Store, iso

FUTURE_SLACK = timedelta(minutes=5)  # clocks drift; an answer "in an hour" is a typo


def respond(store: Store, cfg: Config, tag: str, *, actor: str, now: datetime,
            at: datetime | None = None, note: str = "") -> str:
    """Record that staff answered the requester (by phone, or mail sent outside the mailbox)."""
    who = actor_or_refuse(actor)
    case = case_or_refuse(store, tag)
    when = at or now
    if when.tzinfo is None:
        raise ActionRefused("the time of the answer needs a time zone")
    if case["status"] == CaseStatus.CLOSED:
        raise ActionRefused(f"{case['tag']} is closed; reopen it first if it still needs an answer")
    if case["responded_at"]:
        raise ActionRefused(f"{case['tag']} was already answered at "
                            f"{local(case['responded_at'], cfg)}; add a note instead")
    if when > now + FUTURE_SLACK:
        raise ActionRefused(f"{local(when, cfg)} is in the future; record an answer once it is given")
    if when < datetime.fromisoformat(case["received_at"]):
        raise ActionRefused(f"{local(when, cfg)} is before the request arrived "
                            f"({local(case['received_at'], cfg)})")
    note = note.strip()
    with store.transaction():
        # a human answered: an automatic "we received your request" held for review is moot
        cancelled = cancel_acks(store, case["id"], ("held",), f"cancelled: answered by {who}")
        store.update("cases", case["id"], {"responded_at": iso(when),
                                           "status": CaseStatus.ANSWERED.value})
        store.event(now, "staff_reply", {"at": iso(when), "note": note, "source": "staff",
                                         "cancelled_acks": cancelled},
                    case_id=case["id"], actor=who)
    stops = ("the clock had stopped at the acknowledgement (stop_on = acknowledgement)"
             if cfg.escalation.stop_on == "acknowledgement" and case["acknowledged_at"]
             else "clock stopped")
    return f"{case['tag']}: answer by {who} recorded at {local(when, cfg)}; {stops}"


def close(store: Store, cfg: Config, tag: str, *, actor: str, reason: str, now: datetime) -> str:
    """Close a case: no more escalations. A held acknowledgement stays held (it goes out
    only if the case is reopened and its review confirmed; confirming a closed case
    cancels it)."""
    who = actor_or_refuse(actor)
    why = text_or_refuse(reason, "reason")
    case = case_or_refuse(store, tag)
    if case["status"] == CaseStatus.CLOSED:
        raise ActionRefused(f"{case['tag']} is already closed (at {local(case['closed_at'], cfg)}: "
                            f"{case['close_reason'] or 'no reason recorded'})")
    with store.transaction():
        store.update("cases", case["id"], {"status": CaseStatus.CLOSED.value,
                                           "closed_at": iso(now), "close_reason": why})
        store.event(now, "closed", {"reason": why, "was": case["status"]},
                    case_id=case["id"], actor=who)
    return f"{case['tag']}: closed by {who}: {why}"


def reopen(store: Store, cfg: Config, tag: str, *, actor: str, reason: str, now: datetime) -> str:
    """Reopen a closed case: the clock runs again toward its deadline."""
    who = actor_or_refuse(actor)
    why = text_or_refuse(reason, "reason")
    case = case_or_refuse(store, tag)
    if case["status"] != CaseStatus.CLOSED:
        raise ActionRefused(f"{case['tag']} is not closed (it is {case['status']}); "
                            "only a closed case can be reopened")
    with store.transaction():
        store.update("cases", case["id"], {"status": CaseStatus.OPEN.value, "closed_at": None,
                                           "close_reason": None, "responded_at": None})
        store.event(now, "reopened", {"reason": why, "close_reason": case["close_reason"],
                                      "closed_at": case["closed_at"],
                                      "answered_at": case["responded_at"]},
                    case_id=case["id"], actor=who)
    return f"{case['tag']}: reopened by {who}; {clock_text(case, cfg, now)}"


def clock_text(case: dict[str, object], cfg: Config, now: datetime) -> str:
    """The clock of an open case in words."""
    if cfg.escalation.stop_on == "acknowledgement" and case.get("acknowledged_at"):
        return "the clock stays stopped: the acknowledgement went out (stop_on = acknowledgement)"
    if not case.get("due_at"):
        return "the case has no deadline"
    due = datetime.fromisoformat(str(case["due_at"]))
    return (f"clock running, due {local(due, cfg)} "
            f"({time_left_text(due, now, cfg.calendar)})")


def cancel_acks(store: Store, case_id: int, statuses: tuple[str, ...], why: str) -> int:
    """Cancel the case's unsent acknowledgements in these states; returns how many."""
    marks = ",".join("?" for _ in statuses)
    rows = store.query(f"SELECT id, message_row FROM outbox WHERE case_id = ? AND kind = 'ack' "
                       f"AND status IN ({marks})", (case_id, *statuses))
    for row in rows:
        store.update("outbox", row["id"], {"status": "cancelled", "last_error": why})
        if row["message_row"]:
            store.update("messages", row["message_row"], {"ack_status": "suppressed"})
    return len(rows)
