"""Who owns a case, and internal notes.  [I/O: writes the store]"""

from __future__ import annotations

from datetime import datetime

from bot.casework.checks import actor_or_refuse, case_or_refuse, text_or_refuse
from bot.casework.errors import ActionRefused
from bot.model import CaseStatus
from bot.store import Store


def assign(store: Store, tag: str, *, actor: str, owner: str | None, now: datetime) -> str:
    """Give the case to ``owner``; ``None`` unassigns it; ``owner == actor`` takes it."""
    who = actor_or_refuse(actor)
    case = case_or_refuse(store, tag)
    new = None if owner is None else " ".join(owner.split())
    if new == "":
        raise ActionRefused("name the new owner, or unassign the case")
    if case["status"] == CaseStatus.CLOSED and new is not None:
        raise ActionRefused(f"{case['tag']} is closed; reopen it before giving it to someone")
    old = case["owner"]
    if new == old:
        raise ActionRefused(f"{case['tag']} is already owned by {old}" if old
                            else f"{case['tag']} has no owner")
    kind = "unassigned" if new is None else "taken" if new == who else "assigned"
    with store.transaction():
        store.update("cases", case["id"], {"owner": new})
        store.event(now, kind, {"owner": new, "previous": old}, case_id=case["id"], actor=who)
    was = f" (was {old})" if old else ""
    if new is None:
        return f"{case['tag']}: unassigned by {who}{was}"
    if kind == "taken":
        return f"{case['tag']}: taken by {who}{was}"
    return f"{case['tag']}: assigned to {new} by {who}{was}"


def add_note(store: Store, tag: str, *, actor: str, text: str, now: datetime) -> str:
    """An internal note on the trail (staff only; never mailed)."""
    who = actor_or_refuse(actor)
    note = text_or_refuse(text, "note")
    case = case_or_refuse(store, tag)
    with store.transaction():
        store.event(now, "note", {"text": note}, case_id=case["id"], actor=who)
    return f"{case['tag']}: note by {who} added"
