"""The case page's actions: a posted form -> one call of :mod:`bot.casework`.  [I/O: writes the store]

Each action is the same code path as the CLI (``eabot cases respond`` …):
the form's fields are checked and turned into the library's arguments, the
store is opened writable for this one request (the UI's read side stays
read-only) and closed again. The caller (:mod:`bot.review.views`) has
already checked the CSRF token (Datasette's middleware) and that the actor
is staff. :class:`FormProblem` and ``bot.casework.ActionRefused`` carry a
message for the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.config import Config
from bot.store import Store

ACTIONS = ("respond", "close", "reopen", "reclassify", "assign", "take", "note",
           "confirm_review", "dismiss_review")
CATEGORIES = ("ea_request", "ea_followup", "other", "auto_reply")
ROLES = ("physician", "patient_or_family", "other")


class FormProblem(ValueError):
    """The form is incomplete or wrong; the message says what to fix."""


def _required(form: Mapping[str, str], name: str, label: str) -> str:
    value = (form.get(name) or "").strip()
    if not value:
        raise FormProblem(f"{label} is required")
    if len(value) > 2000:
        raise FormProblem(f"{label} is too long (at most 2000 characters)")
    return value


def _yes_no(form: Mapping[str, str], name: str) -> bool | None:
    value = (form.get(name) or "").strip().lower()
    if value in ("", "keep"):
        return None
    if value in ("yes", "no"):
        return value == "yes"
    raise FormProblem(f"{name.replace('_', ' ')} must be yes, no or keep")


def _local_time(form: Mapping[str, str], name: str, cfg: Config) -> datetime | None:
    text = (form.get(name) or "").strip()
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise FormProblem(f"cannot read the time {text!r}; write it like 2026-12-04T10:30") from None
    return when if when.tzinfo else when.replace(tzinfo=cfg.calendar.tz)


def run(cfg: Config, tag: str, action: str, form: Mapping[str, str], *, actor: str,
        now: datetime) -> str:
    """Perform ``action`` on case ``tag`` as ``actor``; returns the library's summary."""
    if action not in ACTIONS:
        raise FormProblem(f"unknown action {action!r}")
    store = Store(cfg.store_path)
    try:
        return _dispatch(store, cfg, tag, action, form, actor, now)
    finally:
        store.close()


def _dispatch(store: Store, cfg: Config, tag: str, action: str, form: Mapping[str, str],
              actor: str, now: datetime) -> str:
    import bot.casework as cw

    note = (form.get("note") or "").strip()
    if action == "respond":
        return cw.respond(store, cfg, tag, actor=actor, now=now, at=_local_time(form, "at", cfg),
                          note=note)
    if action == "close":
        return cw.close(store, cfg, tag, actor=actor, reason=_required(form, "reason", "A reason"),
                        now=now)
    if action == "reopen":
        return cw.reopen(store, cfg, tag, actor=actor, reason=_required(form, "reason", "A reason"),
                         now=now)
    if action == "take":
        return cw.assign(store, tag, actor=actor, owner=actor, now=now)
    if action == "assign":
        owner = (form.get("owner") or "").strip() or None
        return cw.assign(store, tag, actor=actor, owner=owner, now=now)
    if action == "note":
        return cw.add_note(store, tag, actor=actor, text=_required(form, "text", "The note"),
                           now=now)
    if action == "confirm_review":
        return cw.confirm_review(store, cfg, tag, actor=actor, now=now, note=note)
    if action == "dismiss_review":
        return cw.dismiss_review(store, cfg, tag, actor=actor,
                                 reason=_required(form, "reason", "A reason"), now=now)
    return _reclassify(store, cfg, tag, form, actor, now)


def _reclassify(store: Store, cfg: Config, tag: str, form: Mapping[str, str], actor: str,
                now: datetime) -> str:
    import bot.casework as cw
    from bot.template_store import load_templates

    category = (form.get("category") or "").strip()
    if category not in CATEGORIES:
        raise FormProblem(f"choose a category: {', '.join(CATEGORIES)}")
    role = (form.get("role") or "").strip() or None
    if role is not None and role not in ROLES:
        raise FormProblem(f"choose a role: {', '.join(ROLES)}")
    ident = (form.get("message") or "").strip() or tag
    templates, _problems = load_templates(store, cfg.templates_dir, cfg.required_templates(), now)
    kwargs: dict[str, Any] = {
        "actor": actor, "category": category, "reason": _required(form, "reason", "A reason"),
        "now": now, "role": role, "into": (form.get("into") or "").strip() or None,
        "emergency": _yes_no(form, "emergency"), "adverse_event": _yes_no(form, "adverse_event"),
        "send_ack": form.get("send_ack", "") in ("on", "yes", "1", "true")}
    return str(cw.reclassify(store, cfg, templates, ident, **kwargs))
