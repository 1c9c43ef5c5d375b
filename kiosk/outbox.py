"""The feedback outbox: submissions waiting for the store, in their own SQLite file.

Design §5: the content cache can be rebuilt from the store, the outbox cannot. So it is a
file of its own (``state_dir/outbox.sqlite3``), in WAL mode with ``synchronous=FULL``:
:meth:`Outbox.submit` returns only after the record is committed to disk, and only then
may the visitor see "thank you".

Each entry is ``pending`` until the store acknowledges it, and is then deleted — personal
data included — so that it is gone from the file's bytes too: ``secure_delete`` overwrites
what a delete frees, and a ``wal_checkpoint(TRUNCATE)`` empties the write-ahead log that
still held the original pages. An entry the store refuses for good (a 4xx other than
408/429) is set ``rejected``: kept aside for a person to look at, never retried, counted
in the kiosk's status.

The per-kiosk rate limit is checked in the same transaction as the insert, against a
table of submission times (no content), so two taps at once cannot both slip through.
Plain Python; one connection guarded by a lock serves the UI's worker and the upload job.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from kiosk import feedback as fb

log = logging.getLogger(__name__)

FILE_NAME = "outbox.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id TEXT PRIMARY KEY,
    body BLOB NOT NULL,          -- the upload body: everything, personal data included
    kind TEXT NOT NULL,
    rating TEXT,
    item_id TEXT,
    has_contact INTEGER NOT NULL,
    text_length INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',   -- pending | rejected
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS submissions (at REAL NOT NULL);  -- epoch seconds; the rate limit
"""


class RateLimited(Exception):
    """Too many submissions from this kiosk; ``retry_in`` seconds until the next is accepted."""

    def __init__(self, retry_in: float) -> None:
        super().__init__(f"please try again in {int(retry_in + 0.999)} seconds")
        self.retry_in = retry_in


class OutboxError(RuntimeError):
    """The outbox file cannot be used; the message says why."""


class Rate(Protocol):
    """The per-kiosk rate limit (a kiosk's ``[feedback]`` is one)."""

    @property
    def min_interval(self) -> float: ...

    @property
    def per_hour(self) -> int: ...


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A rate limit given as numbers."""

    min_interval: float
    per_hour: int


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    body: bytes
    state: str
    attempts: int


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            raise OutboxError(f"{self.path}: cannot open the feedback outbox ({exc}); "
                              "move the file aside to start a new one (its entries are not yet uploaded)") from None

    def _open(self) -> sqlite3.Connection:
        # isolation_level=None: the sqlite3 module's implicit BEGIN would defeat BEGIN IMMEDIATE.
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # a visitor's "thank you" survives a power cut
            conn.execute("PRAGMA secure_delete=ON")  # what a delete frees is overwritten with zeros
            conn.executescript(_SCHEMA)
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- the kiosk's side --------------------------------------------------------------

    def submit(self, record: fb.Feedback, now: datetime, limit: Rate | None = None) -> None:
        """Commit ``record`` (durably) unless the rate limit forbids it (:class:`RateLimited`)."""
        body = record.body_bytes()
        stamp = now.timestamp()
        with self._lock, self._transaction():
            if limit is not None:
                self._check_rate(stamp, limit)
            self._conn.execute(
                "INSERT INTO entries (id, body, kind, rating, item_id, has_contact, text_length, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (record.id, body, record.kind, record.rating, record.item_id, int(record.has_contact),
                 fb.graphemes(record.text), record.created_at))
            self._conn.execute("INSERT INTO submissions (at) VALUES (?)", (stamp,))
            self._conn.execute("DELETE FROM submissions WHERE at < ?", (stamp - 3600,))

    def retry_in(self, now: datetime, limit: Rate) -> float:
        """Seconds until the rate limit accepts a submission (0: now)."""
        with self._lock:
            return self._wait(now.timestamp(), limit)

    def _check_rate(self, stamp: float, limit: Rate) -> None:
        wait = self._wait(stamp, limit)
        if wait > 0:
            raise RateLimited(wait)

    def _wait(self, stamp: float, limit: Rate) -> float:
        times = [row[0] for row in self._conn.execute(
            "SELECT at FROM submissions WHERE at > ? AND at <= ? ORDER BY at", (stamp - 3600, stamp))]
        wait = 0.0
        if times and limit.min_interval > 0:
            wait = max(wait, times[-1] + limit.min_interval - stamp)
        if len(times) >= limit.per_hour:
            wait = max(wait, times[-limit.per_hour] + 3600 - stamp)
        return wait

    # -- the upload's side -------------------------------------------------------------

    def pending(self, limit: int = 50) -> list[Entry]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, body, state, attempts FROM entries WHERE state = 'pending' ORDER BY created_at, rowid LIMIT ?",
                (limit,)).fetchall()
        return [Entry(id=r[0], body=bytes(r[1]), state=r[2], attempts=r[3]) for r in rows]

    def acknowledged(self, entry_id: str) -> None:
        """The store has it: delete our copy, and scrub it from the file's bytes."""
        with self._lock:
            with self._transaction():
                self._conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            self._scrub()

    def failed(self, entry_id: str, error: str) -> None:
        with self._lock, self._transaction():
            self._conn.execute("UPDATE entries SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                               (error[:500], entry_id))

    def rejected(self, entry_id: str, error: str) -> None:
        """The store refused it for good: kept aside, never sent again."""
        with self._lock, self._transaction():
            self._conn.execute("UPDATE entries SET state = 'rejected', attempts = attempts + 1, last_error = ?"
                               " WHERE id = ?", (error[:500], entry_id))

    def scrub(self) -> bool:
        with self._lock:
            return self._scrub()

    def _scrub(self) -> bool:
        # The WAL still holds the pages as they were before the delete; a TRUNCATE
        # checkpoint copies the zeroed pages home and cuts the log to nothing. A reader
        # in another process (kiosk outbox --json) can block it: then the next ack retries.
        busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            log.info("outbox: checkpoint blocked by a reader; retried after the next upload")
        return not busy

    # -- what is waiting ---------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self._lock:
            found = dict(self._conn.execute("SELECT state, count(*) FROM entries GROUP BY state").fetchall())
        return {"pending": found.get("pending", 0), "rejected": found.get("rejected", 0)}

    def listing(self) -> list[dict]:
        """Every entry without its text or contact data (``kiosk outbox --json``)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, kind, rating, item_id, has_contact, text_length, created_at, state, attempts, last_error"
                " FROM entries ORDER BY created_at, rowid").fetchall()
        return [{"id": r[0], "reference": fb.reference_code(r[0]), "kind": r[1], "rating": r[2], "item_id": r[3],
                 "has_contact": bool(r[4]), "text_length": r[5], "created_at": r[6], "state": r[7],
                 "attempts": r[8], "last_error": r[9]} for r in rows]

    # -- internals ---------------------------------------------------------------------

    def _transaction(self):
        return _Transaction(self._conn)


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (or ``ROLLBACK`` on any exception)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, tb) -> None:
        if kind is None:
            self._conn.execute("COMMIT")
        else:
            self._conn.execute("ROLLBACK")


def decode(entry: Entry) -> dict:
    return json.loads(entry.body)


def open_for(state_dir: Path) -> Outbox:
    return Outbox(Path(state_dir) / FILE_NAME)


__all__ = ["Outbox", "Entry", "Rate", "RateLimit", "RateLimited", "OutboxError", "open_for", "decode"]
