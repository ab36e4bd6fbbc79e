"""Who may look and who may act in the review UI.  [pure, plus reading the environment]

The ``[review]`` table of the configuration names the accounts::

    [review]
    staff = ["mkeller", "jlee"]   # may look and act (answer, close, assign ...)
    viewers = ["auditor"]         # may look, never act

Passwords never live in the file: each account's password hash (from
``datasette hash-password``) comes from the environment variable
``EABOT_REVIEW_PASSWORD_HASH_<USER>`` (the user name in capitals, anything
but letters and digits as ``_``: ``mkeller`` -> ``EABOT_REVIEW_PASSWORD_HASH_MKELLER``).
An account without its variable cannot log in. The older single login
(``EABOT_REVIEW_PASSWORD_HASH`` with ``EABOT_REVIEW_USER``, default user
``staff``) still works; that account acts only when it is listed in
``staff``. With no account at all the UI is open read-only (keep it on
127.0.0.1) and nobody can act.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PASSWORD_HASH_ENV = "EABOT_REVIEW_PASSWORD_HASH"
USER_ENV = "EABOT_REVIEW_USER"
_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
STAFF, VIEWER = "staff", "viewer"


@dataclass(frozen=True)
class ReviewSettings:
    """The ``[review]`` table: account names by role."""

    staff: tuple[str, ...] = ()
    viewers: tuple[str, ...] = ()


def parse_review(data: Mapping[str, Any], problems: list[tuple[str, str]]) -> ReviewSettings:
    """Validate the ``[review]`` table, appending (key path, message) problems."""
    for key in data:
        if key not in ("staff", "viewers"):
            problems.append((f"review.{key}", "unknown key; known keys: staff, viewers"))
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("staff", "viewers"):
        value = data.get(key, [])
        if not isinstance(value, list):
            problems.append((f"review.{key}", "must be a list of user names, e.g. [\"mkeller\"]"))
            value = []
        names = []
        for i, name in enumerate(value):
            if not isinstance(name, str) or not _USER.match(name):
                problems.append((f"review.{key}[{i}]", f"{name!r} is not a user name: letters, "
                                 "digits, '.', '_' or '-', at most 64"))
            else:
                names.append(name)
        lists[key] = tuple(names)
    for name in sorted(set(lists["staff"]) & set(lists["viewers"])):
        problems.append(("review.viewers", f"{name!r} is also in review.staff; give one role"))
    return ReviewSettings(staff=lists["staff"], viewers=lists["viewers"])


def hash_env(user: str) -> str:
    """The environment variable holding ``user``'s password hash."""
    return f"{PASSWORD_HASH_ENV}_{re.sub(r'[^A-Z0-9]', '_', user.upper())}"


@dataclass(frozen=True)
class Accounts:
    """The accounts that can log in (user -> variable of its hash) and their roles."""

    hash_vars: Mapping[str, str]
    staff: frozenset[str]

    @property
    def login_required(self) -> bool:
        return bool(self.hash_vars)

    def role(self, actor: Mapping[str, Any] | None) -> str | None:
        """``staff``, ``viewer`` or None (not logged in, or not an account)."""
        user = actor_id(actor)
        if user is None or user not in self.hash_vars:
            return None
        return STAFF if user in self.staff else VIEWER

    def staff_names(self) -> list[str]:
        return sorted(u for u in self.hash_vars if u in self.staff)

    def auth_metadata(self) -> dict[str, Any]:
        """Datasette metadata: who may see the instance, and datasette-auth-passwords' accounts."""
        if not self.hash_vars:
            return {}
        return {"allow": {"id": sorted(self.hash_vars)},
                "plugins": {"datasette-auth-passwords": {
                    f"{user}_password_hash": {"$env": var}
                    for user, var in sorted(self.hash_vars.items())}}}


def actor_id(actor: Mapping[str, Any] | None) -> str | None:
    if not actor or not isinstance(actor.get("id"), str):
        return None
    return str(actor["id"])


def accounts_from_env(settings: ReviewSettings,
                      env: Mapping[str, str] = os.environ) -> Accounts:
    """The configured accounts whose password hash is set in ``env``."""
    hash_vars = {user: hash_env(user) for user in (*settings.staff, *settings.viewers)
                 if env.get(hash_env(user))}
    legacy = login_user_from_env(env)
    if legacy is not None and legacy not in hash_vars:
        hash_vars[legacy] = PASSWORD_HASH_ENV
    return Accounts(hash_vars=hash_vars, staff=frozenset(settings.staff))


def login_user_from_env(env: Mapping[str, str] = os.environ) -> str | None:
    """The single older login user when ``EABOT_REVIEW_PASSWORD_HASH`` is set, else None."""
    return (env.get(USER_ENV) or "staff") if env.get(PASSWORD_HASH_ENV) else None
