"""The one exception of staff actions.  [pure]"""

from __future__ import annotations


class ActionRefused(Exception):
    """The action makes no sense now; str(e) says why, in plain words."""
