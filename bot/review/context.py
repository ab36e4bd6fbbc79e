"""What the review UI's views need besides the request: the configuration and the accounts.  [state]

One :class:`ReviewContext` per Datasette instance, attached by
:func:`bot.review.server.make_datasette` (the plugin module is registered once
per process, while tests start several instances).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from bot.config import Config
from bot.review.access import Accounts


@dataclass(frozen=True)
class ReviewContext:
    cfg: Config
    accounts: Accounts


_contexts: weakref.WeakKeyDictionary[Any, ReviewContext] = weakref.WeakKeyDictionary()


def attach(datasette: Any, context: ReviewContext) -> None:
    _contexts[datasette] = context


def context_of(datasette: Any) -> ReviewContext:
    try:
        return _contexts[datasette]
    except KeyError:
        raise LookupError("this Datasette was not made by bot.review.make_datasette") from None
