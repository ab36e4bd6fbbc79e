"""The review UI's own pages: dashboard, lists, case page, message text, actions.  [I/O: async views]

Routes (registered by :mod:`bot.review.plugin`)::

    GET  /                           dashboard: counts, each linking to its list
    GET  /list/messages_to_review    messages marked for review without a case, overdue first
    GET  /list/NAME                  a case list (overdue, due_today, mine …)
    GET  /case/TAG                   the case page
    GET  /case/TAG/message/ROW       one message's text (store or mailbox)
    POST /case/TAG/ACTION            an action (staff only, CSRF token required)
    POST /message/ROW/ACTION         open a message to review as a request, or mark it
                                     checked, not a request (staff only, CSRF token)

Reads go through Datasette's read-only connection; an action opens the store
writable for that request only (:mod:`bot.review.actions`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from datasette.utils.asgi import Response  # type: ignore[import-untyped]

from bot.config import Config
from bot.review import (
    actions,
    casefacts,
    lists,
    message_actions,
    message_list,
    sqlfunctions,
    words,
)
from bot.review.access import STAFF, actor_id
from bot.review.context import ReviewContext, context_of
from bot.review.message_text import message_text

# An action in a worker thread: (configuration, the posted form, the actor, now) -> summary.
Runner = Callable[[Config, Mapping[str, str], str, datetime], str]


async def _render(datasette: Any, request: Any, template: str, ctx: ReviewContext,
                  values: dict[str, Any], status: int = 200) -> Any:
    role = ctx.accounts.role(request.actor)
    values = {"me": actor_id(request.actor), "role": role, "can_act": role == STAFF,
              "login_required": ctx.accounts.login_required, "staff_names":
              ctx.accounts.staff_names(), "timezone": ctx.cfg.calendar.timezone, **values}
    html = await datasette.render_template(template, values, request=request)
    return Response.html(html, status=status)


async def _gate(request: Any, datasette: Any, ctx: ReviewContext) -> Any | None:
    """None when the actor may look; else a login redirect or a refusal."""
    allowed = await datasette.permission_allowed(request.actor, "view-instance", default=True)
    if ctx.accounts.login_required and ctx.accounts.role(request.actor) is None:
        allowed = False
    if allowed:
        return None
    if request.actor is None:
        return Response.redirect(datasette.urls.path("/-/login"))
    return await _render(datasette, request, "eabot_refused.html", ctx,
                         {"why": "Your account may not use this review UI."}, status=403)


async def dashboard(request: Any, datasette: Any) -> Any:
    ctx = context_of(datasette)
    if (refused := await _gate(request, datasette, ctx)) is not None:
        return refused
    me = actor_id(request.actor)
    stop_on = ctx.cfg.escalation.stop_on
    counts = await _read(datasette, lambda conn: lists.counts(conn, stop_on, me))
    now = sqlfunctions.clock()
    to_review = await _read(datasette, lambda conn: message_list.counts(conn, ctx.cfg, now))
    shown = [cl for cl in lists.case_lists(stop_on) if cl.name != "mine" or me]
    return await _render(datasette, request, "eabot_dashboard.html", ctx,
                         {"lists": shown, "counts": counts, "to_review": to_review,
                          "to_review_title": message_list.TITLE})


async def messages_to_review(request: Any, datasette: Any) -> Any:
    ctx = context_of(datasette)
    if (refused := await _gate(request, datasette, ctx)) is not None:
        return refused
    now = sqlfunctions.clock()
    found = await _read(datasette, lambda conn: message_list.rows(conn, ctx.cfg, now))
    return await _render(datasette, request, "eabot_messages.html", ctx, {
        "title": message_list.TITLE, "description": message_list.DESCRIPTION, "rows": found,
        "columns": message_list.COLUMNS, "overdue": sum(1 for r in found if r["overdue"]),
        "roles": actions.ROLES})


async def case_list(request: Any, datasette: Any) -> Any:
    ctx = context_of(datasette)
    if (refused := await _gate(request, datasette, ctx)) is not None:
        return refused
    case_list = lists.find_list(request.url_vars["name"], ctx.cfg.escalation.stop_on)
    if case_list is None:
        return Response.html("No such list", status=404)
    me, now = actor_id(request.actor), sqlfunctions.clock()
    found = await _read(datasette, lambda conn: lists.list_rows(conn, case_list, ctx.cfg, now, me))
    return await _render(datasette, request, "eabot_list.html", ctx,
                         {"list": case_list, "rows": found, "columns": lists.COLUMNS})


async def case_page(request: Any, datasette: Any) -> Any:
    ctx = context_of(datasette)
    if (refused := await _gate(request, datasette, ctx)) is not None:
        return refused
    tag, now = request.url_vars["tag"], sqlfunctions.clock()
    facts = await _read(datasette, lambda conn: casefacts.case_page(conn, tag, ctx.cfg, now))
    if facts is None:
        return await _render(datasette, request, "eabot_refused.html", ctx,
                             {"why": f"There is no case {tag}."}, status=404)
    return await _render(datasette, request, "eabot_case.html", ctx,
                         {**facts, "store_bodies": ctx.cfg.store_bodies,
                          "categories": actions.CATEGORIES, "roles": actions.ROLES})


async def message_page(request: Any, datasette: Any) -> Any:
    ctx = context_of(datasette)
    if (refused := await _gate(request, datasette, ctx)) is not None:
        return refused
    tag, row_id = request.url_vars["tag"], int(request.url_vars["row"])

    def find(conn: Any) -> dict[str, Any] | None:
        found = casefacts.rows(conn, "SELECT m.* FROM messages m JOIN cases c ON c.id = m.case_id "
                                     "WHERE m.id = ? AND c.tag = ?", (row_id, tag))
        return found[0] if found else None

    row = await _read(datasette, find)
    if row is None:
        return await _render(datasette, request, "eabot_refused.html", ctx,
                             {"why": f"Case {tag} has no message {row_id}."}, status=404)
    from_mailbox = request.args.get("from") == "mailbox"
    text = await asyncio.to_thread(message_text, ctx.cfg, row, from_mailbox=from_mailbox)
    return await _render(datasette, request, "eabot_message.html", ctx, {
        "tag": tag, "message": row, "text": text,
        "received_local": words.local(row["received_at"], ctx.cfg.calendar.tz)})


async def case_action(request: Any, datasette: Any) -> Any:
    tag, action = request.url_vars["tag"], request.url_vars["action"]

    def run(cfg: Config, form: Mapping[str, str], actor: str, now: datetime) -> str:
        return actions.run(cfg, tag, action, form, actor=actor, now=now)

    return await _act(request, datasette, run, label=action.replace("_", " "),
                      back=f"/case/{tag}", where="the case page", what="change a case",
                      extra={"tag": tag})


async def message_action(request: Any, datasette: Any) -> Any:
    row, action = int(request.url_vars["row"]), request.url_vars["action"]

    def run(cfg: Config, form: Mapping[str, str], actor: str, now: datetime) -> str:
        return message_actions.run(cfg, row, action, form, actor=actor, now=now)

    return await _act(request, datasette, run, label=message_actions.label(action),
                      back=message_list.PATH, where="the list of messages to review",
                      what="act on a message", extra={})


async def _act(request: Any, datasette: Any, run: Runner, *, label: str, back: str, where: str,
               what: str, extra: dict[str, Any]) -> Any:
    """A posted action: staff only; the result or the refusal is flashed on ``back``."""
    ctx = context_of(datasette)
    if request.method != "POST":
        return Response.text(f"Use the form on {where} (POST).", status=405)
    if (refused := await _gate(request, datasette, ctx)) is not None:
        return refused
    if ctx.accounts.role(request.actor) != STAFF:
        return await _render(datasette, request, "eabot_refused.html", ctx, {
            "why": "Your account can look but not act: only accounts listed in "
                   f"[review] staff may {what}.", **extra}, status=403)
    from bot.casework import ActionRefused

    form = await request.post_vars()
    actor = str(actor_id(request.actor))
    try:
        summary = await asyncio.to_thread(run, ctx.cfg, form, actor, sqlfunctions.clock())
    except (actions.FormProblem, ActionRefused) as exc:
        datasette.add_message(request, f"{label} refused: {exc}", datasette.ERROR)
    else:
        datasette.add_message(request, summary, datasette.INFO)
    return Response.redirect(datasette.urls.path(back))


async def _read(datasette: Any, fn: Any) -> Any:
    db = datasette.get_database(sqlfunctions.DATABASE)
    return await db.execute_fn(fn)
