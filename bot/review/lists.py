"""The dashboard's questions and the case lists that answer them.  [SQL + one sqlite connection]

Each :class:`CaseList` is a WHERE clause over ``cases c``; the dashboard
counts them and each count links to its list (``/list/NAME``). Lists show
sender names, local times and human labels; emergencies come first, then
cases marked for review, then the nearest deadline. The SQL functions
(``business_days_left``, ``utc_now``) are the plugin's, so the lists and the
canned queries count business days the same way. Messages marked for review
without a case are listed by :mod:`bot.review.message_list`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.config import Config
from bot.review import casefacts, words
from bot.review.metadata import stopped_sql


@dataclass(frozen=True)
class CaseList:
    name: str
    title: str
    description: str
    where: str  # over "cases c"; may use :me (the logged-in user)


def case_lists(stop_on: str) -> tuple[CaseList, ...]:
    ticking = f"c.status != 'closed' AND NOT {stopped_sql(stop_on)} AND c.due_at IS NOT NULL"
    return (
        CaseList("overdue", "Overdue", "Past the deadline, nobody answered yet.",
                 f"{ticking} AND c.due_at <= utc_now()"),
        CaseList("due_today", "Due today", "The clock runs and the deadline is today.",
                 f"{ticking} AND c.due_at > utc_now() AND business_days_left(c.due_at) <= 0"),
        CaseList("due_soon", "Due within 2 business days",
                 "The clock runs and the deadline is at most 2 business days away "
                 "(weekends, holidays and closures skipped).",
                 f"{ticking} AND c.due_at > utc_now() AND business_days_left(c.due_at) <= 2"),
        CaseList("emergencies", "Emergencies", "Open cases with emergency cues (ICU, ventilator, "
                 "days to live, eIND…).", "c.emergency = 1 AND c.status != 'closed'"),
        CaseList("adverse_events", "Adverse events awaiting pharmacovigilance",
                 "Open cases carrying an adverse-event report; the column shows the "
                 "pharmacovigilance notice.", "c.adverse_event = 1 AND c.status != 'closed'"),
        CaseList("review", "Review queue", "Open cases a human should check (borderline "
                 "classification, campaign, unconfirmed send).",
                 "c.needs_review = 1 AND c.status != 'closed'"),
        CaseList("unassigned", "Unassigned", "Open cases nobody owns.",
                 "c.owner IS NULL AND c.status != 'closed'"),
        CaseList("mine", "My cases", "Open cases you own.", "c.owner = :me AND c.status != 'closed'"),
        CaseList("open", "All open cases", "Every case not closed, answered or not.",
                 "c.status != 'closed'"),
        CaseList("all", "All cases", "Every case, closed ones included.", "1 = 1"),
    )


def find_list(name: str, stop_on: str) -> CaseList | None:
    return next((cl for cl in case_lists(stop_on) if cl.name == name), None)


def counts(conn: sqlite3.Connection, stop_on: str, me: str | None) -> dict[str, int]:
    return {cl.name: int(conn.execute(f"SELECT count(*) FROM cases c WHERE {cl.where}",
                                      {"me": me}).fetchone()[0])
            for cl in case_lists(stop_on)}


COLUMNS = (("tag", "Case"), ("flags", "Flags"), ("time_left", "Time left"),
           ("due_local", "Due (local time)"), ("status_words", "Status"),
           ("requester", "Requester"), ("role_words", "Role"), ("owner", "Owner"),
           ("subject", "Subject"), ("received_local", "Received (local time)"))
_PV = ("(SELECT group_concat(DISTINCT coalesce(o.status, n.status)) FROM notices n LEFT JOIN "
       "outbox o ON o.id = n.outbox_id WHERE n.case_id = c.id AND n.kind = 'adverse_event') "
       "AS pharmacovigilance")


def list_rows(conn: sqlite3.Connection, case_list: CaseList, cfg: Config, now: datetime,
              me: str | None, limit: int = 500) -> list[dict[str, Any]]:
    """The cases of a list, emergencies first, then review cases, then by deadline."""
    sql = (f"SELECT c.*, {_PV} FROM cases c WHERE {case_list.where} ORDER BY c.emergency DESC, "
           f"c.needs_review DESC, {stopped_sql(cfg.escalation.stop_on)}, c.due_at IS NULL, "
           f"c.due_at, c.id LIMIT {int(limit)}")
    cur = conn.execute(sql, {"me": me})
    cols = [c[0] for c in cur.description or ()]
    tz = cfg.calendar.tz
    out = []
    for values in cur.fetchall():
        case = dict(zip(cols, values, strict=True))
        name = case["requester_name"] or ""
        out.append({
            "tag": case["tag"], "flags": words.flags(case),
            "clock": casefacts.clock(case, cfg, now), "due_local": words.local(case["due_at"], tz),
            "status_words": words.status_words(case["status"]).split(":")[0],
            "requester": f"{name} <{case['requester_addr']}>" if name else case["requester_addr"],
            "role_words": words.ROLE.get(case["requester_role"] or "", ""),
            "owner": case.get("owner") or "", "subject": case["subject"] or "",
            "received_local": words.local(case["received_at"], tz),
            "pharmacovigilance": case["pharmacovigilance"] or "",
        })
    return out
