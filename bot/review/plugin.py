"""The review UI as a Datasette plugin: SQL functions, cell links, the staff pages.  [I/O: runs in Datasette]

Registered in-process by :func:`bot.review.server.make_datasette` under the
plugin name ``eabot``:

- ``prepare_connection``: every connection to the ``eabot`` database is
  ``query_only`` and gets the SQL functions of :mod:`bot.review.sqlfunctions`;
- ``register_routes``: the dashboard, lists, case pages and actions (on cases and
  on messages waiting for review) of
  :mod:`bot.review.views` (plugin routes come before Datasette's own, so
  ``/`` is the dashboard; the tables stay under ``/eabot``);
- ``render_cell``: in tables and queries a ``tag`` links to its case page, a
  ``message`` (row number) to the message, and the ``EMERGENCY`` flag stands out.
"""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import quote

import pluggy
from markupsafe import Markup, escape

from bot.review import sqlfunctions, views
from bot.review.sqlfunctions import DATABASE, PLUGIN_NAME, calendar_from, sql_functions

hookimpl = pluggy.HookimplMarker("datasette")
_TAG = r"(?P<tag>[A-Za-z0-9][A-Za-z0-9-]{0,40})"


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    if database != DATABASE:
        return
    conn.execute("PRAGMA query_only = 1")
    settings = datasette.plugin_config(PLUGIN_NAME) or {}
    calendar = calendar_from(settings["calendar"])
    functions = sql_functions(calendar, lambda: sqlfunctions.clock(), settings.get("review_days"))
    for name, (nargs, fn) in functions.items():
        conn.create_function(name, nargs, fn)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/$", views.dashboard),
        (r"^/list/messages_to_review$", views.messages_to_review),
        (r"^/list/(?P<name>[a-z_]+)$", views.case_list),
        (rf"^/case/{_TAG}$", views.case_page),
        (rf"^/case/{_TAG}/message/(?P<row>[0-9]{{1,12}})$", views.message_page),
        (rf"^/case/{_TAG}/(?P<action>[a-z_]+)$", views.case_action),
        (r"^/message/(?P<row>[0-9]{1,12})/(?P<action>[a-z_]+)$", views.message_action),
    ]


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Markup | None:
    if database != DATABASE or not isinstance(value, str | int) or value == "":
        return None
    base = datasette.urls.database(DATABASE)
    if column == "tag":
        link = Markup('<a style="white-space:nowrap" href="{}">{}</a>')
        return link.format(datasette.urls.path("/case/" + quote(str(value))), value)
    if column == "message" and table is None and isinstance(value, int):
        return Markup('<a href="{}/messages/{}">{}</a>').format(base, value, value)
    if column == "flags" and isinstance(value, str) and "EMERGENCY" in value:
        rest = escape(value.replace("EMERGENCY", "").strip())
        return Markup('<strong style="color:#b00020">EMERGENCY</strong> {}').format(rest)
    return None
