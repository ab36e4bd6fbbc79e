"""The SQLite log: schema, migrations and connection setup.  [I/O]

The store is the source of truth: messages, cases, the outbox and an
append-only event trail. One ``Store`` per thread (sqlite connections are not
shared across threads). WAL mode lets the review UI read while the daemon
writes. Named queries live in :mod:`bot.queries`.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("eabot")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            tag TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'open',
            requester_addr TEXT NOT NULL,
            requester_name TEXT,
            requester_role TEXT,
            subject TEXT,
            received_at TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            due_at TEXT,
            deadline_inputs TEXT,
            emergency INTEGER NOT NULL DEFAULT 0,
            adverse_event INTEGER NOT NULL DEFAULT 0,
            needs_review INTEGER NOT NULL DEFAULT 0,
            campaign TEXT,
            acknowledged_at TEXT,
            responded_at TEXT,
            closed_at TEXT,
            close_reason TEXT
        );
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            backend_key TEXT NOT NULL UNIQUE,
            mailbox TEXT NOT NULL,
            direction TEXT NOT NULL DEFAULT 'in',
            message_id TEXT,
            raw_sha256 TEXT NOT NULL,
            raw_size INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            logged_at TEXT NOT NULL,
            from_addr TEXT NOT NULL,
            from_name TEXT,
            subject TEXT,
            in_reply_to TEXT,
            refs TEXT,
            category TEXT NOT NULL,
            requester_role TEXT,
            emergency INTEGER NOT NULL DEFAULT 0,
            adverse_event INTEGER NOT NULL DEFAULT 0,
            needs_review INTEGER NOT NULL DEFAULT 0,
            reasons TEXT NOT NULL,
            case_id INTEGER REFERENCES cases(id),
            ack_status TEXT NOT NULL,
            defects TEXT,
            simhash TEXT,
            body TEXT
        );
        CREATE INDEX messages_message_id ON messages(message_id);
        CREATE INDEX messages_sha ON messages(raw_sha256);
        CREATE INDEX messages_from ON messages(from_addr);
        CREATE INDEX messages_case ON messages(case_id);
        CREATE INDEX messages_received ON messages(received_at);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            case_id INTEGER REFERENCES cases(id),
            message_row INTEGER REFERENCES messages(id),
            kind TEXT NOT NULL,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            message_id TEXT NOT NULL UNIQUE,
            template TEXT,
            template_sha256 TEXT,
            raw TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            unconfirmed INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            dedupe_key TEXT UNIQUE
        );
        CREATE INDEX outbox_status ON outbox(status, next_attempt_at);
        CREATE INDEX outbox_recipient ON outbox(recipient, created_at);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            case_id INTEGER REFERENCES cases(id),
            message_row INTEGER REFERENCES messages(id),
            kind TEXT NOT NULL,
            detail TEXT
        );
        CREATE INDEX events_case ON events(case_id);
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE heartbeats (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            ok INTEGER NOT NULL DEFAULT 0,
            fetched INTEGER NOT NULL DEFAULT 0,
            logged INTEGER NOT NULL DEFAULT 0,
            sent INTEGER NOT NULL DEFAULT 0,
            error TEXT
        );
        """
    )


@migrations()
def m002_staff_replies_and_aliases(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE staff_replies (
            id INTEGER PRIMARY KEY,
            backend_key TEXT NOT NULL UNIQUE,
            message_id TEXT,
            case_id INTEGER REFERENCES cases(id),
            from_addr TEXT,
            sent_at TEXT NOT NULL,
            logged_at TEXT NOT NULL
        );
        CREATE TABLE aliases (
            backend_key TEXT PRIMARY KEY,
            message_row INTEGER NOT NULL REFERENCES messages(id),
            seen_at TEXT NOT NULL
        );
        """
    )


@migrations()
def m003_notices(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE notices (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            case_id INTEGER REFERENCES cases(id),
            message_row INTEGER REFERENCES messages(id),
            level TEXT,
            status TEXT NOT NULL,
            fire_at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            outbox_id INTEGER REFERENCES outbox(id)
        );
        CREATE INDEX notices_case ON notices(case_id);
        """
    )


@migrations()
def m004_template_versions_and_corrections(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE template_versions (
            sha256 TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            html_source TEXT,
            status TEXT NOT NULL,
            first_seen TEXT NOT NULL
        );
        ALTER TABLE messages ADD COLUMN classified_as TEXT;
        ALTER TABLE messages ADD COLUMN staff_correction TEXT;
        """
    )


@migrations()
def m005_casework(db: sqlite_utils.Database) -> None:
    """Who acted (``events.actor``), who owns a case (``cases.owner``), and the one
    status vocabulary: ``open`` (clock running), ``answered``, ``closed``.

    The old ``acknowledged`` is ``open`` (the acknowledgement is courtesy; the
    case still waits for its answer, ``acknowledged_at`` keeps when it went
    out) and ``responded`` is ``answered``.
    """
    db.executescript(
        """
        ALTER TABLE events ADD COLUMN actor TEXT;
        ALTER TABLE cases ADD COLUMN owner TEXT;
        UPDATE cases SET status = 'open' WHERE status = 'acknowledged';
        UPDATE cases SET status = 'answered' WHERE status = 'responded';
        CREATE INDEX cases_status ON cases(status, due_at);
        """
    )


@migrations()
def m006_intake(db: sqlite_utils.Database) -> None:
    """Issue 11: content hashes (a reused Message-ID is not a duplicate), links
    between cases that may be the same patient, and why a case awaits review."""
    db.executescript(
        """
        ALTER TABLE messages ADD COLUMN content_sha256 TEXT;
        ALTER TABLE cases ADD COLUMN linked_case_id INTEGER REFERENCES cases(id);
        ALTER TABLE cases ADD COLUMN review_reason TEXT;
        ALTER TABLE cases ADD COLUMN patient_marks TEXT;
        CREATE TABLE patient_keys (case_id INTEGER NOT NULL REFERENCES cases(id), key TEXT NOT NULL);
        CREATE INDEX patient_keys_key ON patient_keys(key);
        CREATE INDEX cases_requester ON cases(requester_addr, status);
        """
    )


@migrations()
def m007_patient_key(db: sqlite_utils.Database) -> None:
    """The log's own random key for patient marks (see bot/patient_key.py). Marks
    written before it (a constant salt) are dropped: nothing could match them."""
    db.execute("INSERT OR IGNORE INTO state (key, value, updated_at) VALUES "
               "('patient_hmac_key', ?, ?)", (secrets.token_hex(32), iso(datetime.now(UTC))))
    db.execute("DELETE FROM patient_keys")
    db.execute("UPDATE cases SET patient_marks = NULL")


class StoreError(Exception):
    """The store cannot be opened or written."""


def iso(dt: datetime) -> str:
    """UTC ISO 8601 with seconds, the one format stored."""
    return dt.astimezone(UTC).isoformat(timespec="seconds")


def parse_utc(value: object) -> datetime | None:
    """An ISO 8601 time (``Z`` allowed; naive read as UTC) as an aware UTC datetime;
    None for anything else. The lenient inverse of :func:`iso`."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class Store:
    """One connection to the log; create one per thread."""

    def __init__(self, path: Path, *, readonly: bool = False):
        self.path = path
        try:
            if not readonly:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                if not path.exists():
                    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                    os.close(fd)
                os.chmod(path, 0o600)
            elif not path.exists():
                raise StoreError(f"no log at {path}; run `eabot run --once` first")
            uri = f"file:{path}?mode=ro" if readonly else str(path)
            conn = sqlite3.connect(uri, uri=readonly, timeout=30, isolation_level=None,
                                   check_same_thread=True)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=30000")
            if not readonly:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                migrations.apply(self.db)
                for suffix in ("-wal", "-shm"):
                    side = Path(str(path) + suffix)
                    if side.exists():
                        os.chmod(side, 0o600)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the log {path}: {exc}") from None

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = self.db.conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT; rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description or ()]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def insert(self, table: str, row: dict[str, Any]) -> int:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
        return int(cur.lastrowid or 0)

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), row_id))

    def event(self, now: datetime, kind: str, detail: dict[str, Any] | None = None, *,
              case_id: int | None = None, message_row: int | None = None,
              actor: str | None = None) -> None:
        """Append to the trail; ``actor`` is the staff member who acted (None: the bot)."""
        self.insert("events", {"at": iso(now), "case_id": case_id, "message_row": message_row,
                               "kind": kind, "detail": dumps(detail or {}), "actor": actor})

    # --- backend cursors -------------------------------------------------
    def cursor(self) -> StateCursor:
        return StateCursor(self)

    def close(self) -> None:
        self.conn.close()


class StateCursor:
    """The backends' :class:`~bot.backends.base.Cursor`, persisted in ``state``."""

    def __init__(self, store: Store):
        self.store = store

    def get(self, key: str) -> str | None:
        row = self.store.one("SELECT value FROM state WHERE key = ?", (key,))
        return None if row is None else str(row["value"])

    def set(self, key: str, value: str) -> None:
        self.store.conn.execute(
            "INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, value, iso(datetime.now(UTC))),
        )
