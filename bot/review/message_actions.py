"""Actions on a message waiting for review without a case: form -> casework.  [I/O: writes the store]

The two answers staff give on the list of messages to review, each the code
path of the CLI:

- ``open_request``: it is a request after all; re-filed as ``ea_request``, its
  case opens and its clock starts (``eabot cases reclassify mROW ea_request``);
- ``dismiss_review``: read, not a request; recorded as checked and off the queue
  (``eabot cases dismiss mROW``).

As in :mod:`bot.review.actions`, the caller (:mod:`bot.review.views`) has
checked the CSRF token and that the actor is staff; the store is opened
writable for this one request.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.config import Config
from bot.review.actions import ROLES, FormProblem
from bot.store import Store

ACTIONS = ("open_request", "dismiss_review")
LABELS = {"open_request": "Open as a request", "dismiss_review": "Not a request (checked)"}


def label(action: str) -> str:
    return LABELS.get(action, action.replace("_", " "))


def run(cfg: Config, row: int, action: str, form: Mapping[str, str], *, actor: str,
        now: datetime) -> str:
    """Perform ``action`` on message row ``row`` as ``actor``; returns the library's summary."""
    if action not in ACTIONS:
        raise FormProblem(f"unknown action {action!r}")
    role = (form.get("role") or "").strip() or None
    if role is not None and role not in ROLES:
        raise FormProblem(f"choose a role: {', '.join(ROLES)}")
    store = Store(cfg.store_path)
    try:
        return _dispatch(store, cfg, f"m{row}", action, form, role, actor, now)
    finally:
        store.close()


def _dispatch(store: Store, cfg: Config, ident: str, action: str, form: Mapping[str, str],
              role: str | None, actor: str, now: datetime) -> str:
    import bot.casework as cw
    from bot.template_store import load_templates

    reason = form.get("reason") or ""
    if action == "dismiss_review":
        return cw.dismiss_message(store, cfg, ident, actor=actor, now=now, reason=reason)
    cw.waiting_or_refuse(store, cfg, ident)  # the list was stale: say who handled it
    templates, _problems = load_templates(store, cfg.templates_dir, cfg.required_templates(), now)
    return cw.reclassify(store, cfg, templates, ident, actor=actor, category="ea_request",
                         reason=reason, now=now, role=role,
                         send_ack=form.get("send_ack", "") in ("on", "yes", "1", "true"))
