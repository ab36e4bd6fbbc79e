"""Staff actions on cases: one code path for the CLI and the review UI.  [I/O: writes the store]

Every action takes the acting staff member's name (``actor``) and ``now``,
records an event with that name, returns a one-line summary, and raises
:class:`ActionRefused` (its message in plain words) when it makes no sense:
closing a closed case, reopening an open one, answering twice, confirming a
case that is not under review, an empty reason.

Modules: ``lifecycle`` (respond, close, reopen), ``ownership`` (assign,
notes), ``reclassify`` (corrections), ``review`` (confirm, dismiss),
``messages`` (a message waiting for review without a case: checked, not a
request), ``checks`` (what every action checks first).
"""

from bot.casework.errors import ActionRefused
from bot.casework.lifecycle import close, reopen, respond
from bot.casework.messages import dismiss_message, is_message_row, waiting_or_refuse
from bot.casework.ownership import add_note, assign
from bot.casework.reclassify import find_message, reclassify
from bot.casework.review import confirm_review, dismiss_review

__all__ = ["ActionRefused", "add_note", "assign", "close", "confirm_review", "dismiss_message",
           "dismiss_review", "find_message", "is_message_row", "reclassify", "reopen", "respond",
           "waiting_or_refuse"]
