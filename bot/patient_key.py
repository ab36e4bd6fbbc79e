"""The key patient marks are hashed with (see :mod:`bot.classify.patient`).  [I/O]

A case keeps the few marks its letter gives of the patient (initials,
surname, full name, date of birth) so a later letter from another sender can
be matched to it. They are stored as HMAC-SHA-256 with a secret key, never
in clear; with a constant salt anyone holding the log could try a list of
names against them.

The key is, in order:

1. the environment variable ``EABOT_PATIENT_KEY`` (at least 16 characters),
   when it is set: then the log file alone does not let anyone test names;
2. otherwise the log's own random key (256 bits, made when the log is
   created, in its ``state`` table): marks are then unlinkable across
   installs, but someone with the log file has the key too.

Every process that writes cases (the daemon, the review UI, ``eabot cases``)
must see the same key. The log records a check value of the key its marks
were made with; a process whose key does not match (the variable set in the
daemon but not in the review UI, or changed) does not hash with it: it logs
an error once and makes no same-patient links, rather than writing marks
nothing could match.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import sqlite3
import weakref
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the store is not imported at run time: config reads this module,
    from bot.store import Store  # and the prepare worker should not load sqlite_utils)

log = logging.getLogger(__name__)

ENV = "EABOT_PATIENT_KEY"
MIN_LENGTH = 16
_STORE_KEY = "patient_hmac_key"
_CHECK = "patient_key_check"
_KEYS: weakref.WeakKeyDictionary[Store, bytes | None] = weakref.WeakKeyDictionary()


class PatientKeyError(ValueError):
    """The configured key cannot be used; the message says how to fix it."""


def check_value(key: bytes) -> str:
    return hmac.new(key, b"eabot patient key check", hashlib.sha256).hexdigest()[:16]


def configured_key() -> bytes | None:
    """The key from the environment, or None when the variable is not set."""
    value = os.environ.get(ENV, "")
    if not value:
        return None
    if len(value.strip()) < MIN_LENGTH:
        raise PatientKeyError(f"{ENV} is shorter than {MIN_LENGTH} characters; set it to a long "
                              "random value, e.g. the output of `openssl rand -hex 32`")
    return value.strip().encode()


def patient_key(store: Store) -> bytes | None:
    """This process's key for ``store``'s marks, or None: no same-patient links
    (the key does not match the log's, or a read-only log has none)."""
    if store in _KEYS:
        return _KEYS[store]
    key = _resolve(store)
    _KEYS[store] = key
    return key


def _resolve(store: Store) -> bytes | None:
    env_key = configured_key()
    rows = {str(r["key"]): str(r["value"]) for r in store.query(
        "SELECT key, value FROM state WHERE key IN (?, ?)", (_STORE_KEY, _CHECK))}
    key = env_key if env_key is not None else (
        bytes.fromhex(rows[_STORE_KEY]) if _STORE_KEY in rows else None)
    if key is None:
        return None
    check = rows.get(_CHECK)
    if check == check_value(key):
        return key
    in_use = store.one("SELECT 1 AS x FROM patient_keys LIMIT 1") is not None
    if check is None or not in_use:  # nothing hashed with another key yet: adopt this one
        with contextlib.suppress(sqlite3.OperationalError):  # a read-only log: just read
            _set(store, _CHECK, check_value(key))
        return key
    log.error("the patient key does not match the one this log's patient marks were made "
              "with (%s set, unset or changed since?): same-patient links are off in this "
              "process; give every eabot process the same %s", ENV, ENV)
    return None


def _set(store: Store, key: str, value: str) -> None:
    from bot.store import iso

    store.conn.execute(
        "INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) "
        "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (key, value, iso(datetime.now(UTC))))
