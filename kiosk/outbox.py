"""The feedback outbox: submissions waiting for the store, in their own SQLite file.

The content cache can be rebuilt from the store, the outbox cannot. So it is a
file of its own (``state_dir/outbox.sqlite3``), in WAL mode with ``synchronous=FULL``:
:meth:`Outbox.submit` returns only after the record is committed to disk, and only then
may the visitor see "thank you".

Each entry is ``pending`` until the store acknowledges it, and is then deleted — personal
data included — so that it is gone from the file's bytes too: ``secure_delete`` overwrites
what a delete frees, and a ``wal_checkpoint(TRUNCATE)`` empties the write-ahead log that
still held the original pages. Only the store's own refusal for good (see
:data:`kiosk.feedback.REFUSED_FOR_GOOD`) sets an entry ``rejected``: kept aside for a person
to look at, counted in the kiosk's status, sent again only when an administrator requeues
it (:meth:`Outbox.requeue`, ``kiosk outbox retry``). Nothing else ever removes an entry.

Uploads take the entries least recently tried first, so one record that something in
between always refuses (a filtering proxy) cannot hold back the others.

The file and its ``-wal``/``-shm`` companions are owner-only (0600) whatever the umask:
they hold visitors' names and telephone numbers.

The per-kiosk rate limit is checked in the same transaction as the insert, against a
table of submission times (no content), so two taps at once cannot both slip through.
Plain Python; one connection guarded by a lock serves the UI's worker and the upload job.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from kiosk import feedback as fb
from kiosk import paths

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
#: Steps from one ``PRAGMA user_version`` to the next (files older than the pragma are 0).
_MIGRATIONS = (
    # 1: uploads take the least recently tried entry first. Entries set aside before this
    # version were refused by whatever answered (a proxy's 404 as much as the store), so
    # they go back in the queue: the store's own refusals set them aside again.
    "ALTER TABLE entries ADD COLUMN tried_at REAL NOT NULL DEFAULT 0;"
    "UPDATE entries SET state = 'pending' WHERE state = 'rejected';",
)


class RateLimited(Exception):
    """Too many submissions from this kiosk; ``retry_in`` seconds until the next is accepted."""

    def __init__(self, retry_in: float) -> None:
        super().__init__(f"please try again in {int(retry_in + 0.999)} seconds")
        self.retry_in = retry_in


class OutboxError(RuntimeError):
    """The outbox file cannot be used; the message says why and what to do.

    ``damaged`` tells a file SQLite cannot read as a database (moving it aside is the
    remedy; its entries are not yet uploaded) from one that merely cannot be written (a
    read-only or full disk, a permission), where nothing is wrong with the file itself.
    """

    def __init__(self, message: str, *, damaged: bool) -> None:
        super().__init__(message)
        self.damaged = damaged


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


#: Seconds a write waits for another writer (another process's ``kiosk outbox retry``).
BUSY_TIMEOUT = 10.0
#: Seconds the scrub after an acknowledgement waits for a reader before leaving it to the next.
SCRUB_WAIT = 0.1


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            paths.private_dir(self.path.parent)
            paths.private_file(self.path)  # before SQLite creates it: -wal and -shm copy its mode
            self._conn = self._open()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise _error(self.path, exc) from None

    def _open(self) -> sqlite3.Connection:
        # isolation_level=None: the sqlite3 module's implicit BEGIN would defeat BEGIN IMMEDIATE.
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # a visitor's "thank you" survives a power cut
            conn.execute("PRAGMA secure_delete=ON")  # what a delete frees is overwritten with zeros
            # Damage in pages the next query would not touch shows here, at open, as one error.
            if conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                damage = sqlite3.DatabaseError("database disk image is malformed (quick_check)")
                # The code SQLite gives its own such errors: _error reads it to say "damaged".
                damage.sqlite_errorcode = sqlite3.SQLITE_CORRUPT
                raise damage
            conn.executescript(_SCHEMA)
            self._migrate(conn)
            # SQLite opens a file it cannot write read-only, without a word: find out now,
            # not when a visitor's submission cannot be committed.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(f"PRAGMA user_version = {int(version)}")  # a write, rolled back
            finally:
                conn.execute("ROLLBACK")
            for companion in ("-wal", "-shm"):  # made by an older version under a looser umask
                paths.tighten(Path(f"{self.path}{companion}"))
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, len(_MIGRATIONS)):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _MIGRATIONS[step].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

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
                (
                    record.id,
                    body,
                    record.kind,
                    record.rating,
                    record.item_id,
                    int(record.has_contact),
                    fb.graphemes(record.text),
                    record.created_at,
                ),
            )
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
        times = [
            row[0]
            for row in self._conn.execute(
                "SELECT at FROM submissions WHERE at > ? AND at <= ? ORDER BY at", (stamp - 3600, stamp)
            )
        ]
        wait = 0.0
        if times and limit.min_interval > 0:
            wait = max(wait, times[-1] + limit.min_interval - stamp)
        if len(times) >= limit.per_hour:
            wait = max(wait, times[-limit.per_hour] + 3600 - stamp)
        return wait

    # -- the upload's side -------------------------------------------------------------

    def pending(self, limit: int = 50) -> list[Entry]:
        """Entries waiting for the store, the least recently tried first (then the oldest)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, body, state, attempts FROM entries WHERE state = 'pending'"
                " ORDER BY tried_at, created_at, rowid LIMIT ?",
                (limit,),
            ).fetchall()
        return [Entry(id=r[0], body=bytes(r[1]), state=r[2], attempts=r[3]) for r in rows]

    def acknowledged(self, entry_id: str) -> None:
        """The store has it: delete our copy, and scrub it from the file's bytes."""
        with self._lock:
            with self._transaction():
                self._conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            self._scrub()

    def failed(self, entry_id: str, error: str, now: float | None = None) -> None:
        """An attempt that got no acknowledgement: the entry stays pending, at the back of the queue."""
        with self._lock, self._transaction():
            self._conn.execute(
                "UPDATE entries SET attempts = attempts + 1, last_error = ?, tried_at = ? WHERE id = ?",
                (error[:500], time.time() if now is None else now, entry_id),
            )

    def rejected(self, entry_id: str, error: str) -> None:
        """The store itself refused it for good: kept aside, not sent again until requeued."""
        with self._lock, self._transaction():
            self._conn.execute(
                "UPDATE entries SET state = 'rejected', attempts = attempts + 1, last_error = ?,"
                " tried_at = ? WHERE id = ?",
                (error[:500], time.time(), entry_id),
            )

    def requeue(self, ids: list[str] | None = None) -> tuple[list[str], list[str]]:
        """Put set-aside entries back in the queue (all of them when ``ids`` is None).

        An id may be the entry's id or its reference code (``ABC-DEF``, what a visitor
        quotes). Returns the ids requeued and the given ids that name no set-aside entry.
        """
        with self._lock, self._transaction():
            rows = self._conn.execute("SELECT id, state FROM entries").fetchall()
            state_of = {r[0]: r[1] for r in rows}
            by_reference: dict[str, list[str]] = {}
            for entry_id in state_of:
                by_reference.setdefault(fb.reference_code(entry_id), []).append(entry_id)
            if ids is None:
                chosen = [i for i, state in state_of.items() if state == "rejected"]
                unknown: list[str] = []
            else:
                chosen, unknown = [], []
                for given in ids:
                    matches = [given] if given in state_of else by_reference.get(given.strip().upper(), [])
                    matches = [m for m in matches if state_of[m] == "rejected"]
                    (chosen.extend(matches) if matches else unknown.append(given))
            for entry_id in dict.fromkeys(chosen):
                self._conn.execute("UPDATE entries SET state = 'pending', tried_at = 0 WHERE id = ?", (entry_id,))
        return list(dict.fromkeys(chosen)), unknown

    def scrub(self) -> bool:
        with self._lock:
            return self._scrub()

    def _scrub(self) -> bool:
        # The WAL still holds the pages as they were before the delete; a TRUNCATE
        # checkpoint copies the zeroed pages home and cuts the log to nothing. A reader
        # in another process (kiosk outbox --json) can block it: then the next ack retries.
        # It waits for that reader only briefly: the outbox's lock is held meanwhile, and a
        # visitor's submission must not wait the full busy timeout behind a scrub.
        self._conn.execute(f"PRAGMA busy_timeout = {int(SCRUB_WAIT * 1000)}")
        try:
            busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        if busy:
            log.info("outbox: checkpoint blocked by a reader; retried after the next upload")
        return not busy

    # -- what is waiting ---------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self._lock:
            found = dict(self._conn.execute("SELECT state, count(*) FROM entries GROUP BY state").fetchall())
        return {"pending": found.get("pending", 0), "rejected": found.get("rejected", 0)}

    def listing(self) -> list[dict[str, Any]]:
        """Every entry without its text or contact data (``kiosk outbox --json``)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, kind, rating, item_id, has_contact, text_length, created_at, state, attempts, last_error"
                " FROM entries ORDER BY created_at, rowid"
            ).fetchall()
        return [
            {
                "id": r[0],
                "reference": fb.reference_code(r[0]),
                "kind": r[1],
                "rating": r[2],
                "item_id": r[3],
                "has_contact": bool(r[4]),
                "text_length": r[5],
                "created_at": r[6],
                "state": r[7],
                "attempts": r[8],
                "last_error": r[9],
            }
            for r in rows
        ]

    # -- internals ---------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (or ``ROLLBACK`` on any exception)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None:
            self._conn.execute("COMMIT")
        else:
            self._conn.execute("ROLLBACK")


def decode(entry: Entry) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(entry.body)
    return body


def open_for(state_dir: Path) -> Outbox:
    return Outbox(Path(state_dir) / FILE_NAME)


def _error(path: Path, exc: BaseException) -> OutboxError:
    """One line for an outbox that cannot be opened: damaged, or only not writable."""
    if isinstance(exc, sqlite3.DatabaseError) and _sqlite_code(exc) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return OutboxError(
            f"{path}: the feedback outbox is damaged ({exc}); its entries are not yet uploaded: "
            "keep the file, move it aside and start the kiosk again to begin a new one",
            damaged=True,
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
    else:
        reason = str(exc)
        if _sqlite_code(exc) in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR):
            reason = f"{reason}; is the disk read-only?"
        elif _sqlite_code(exc) == sqlite3.SQLITE_FULL:
            reason = f"{reason}; free some space"
    return OutboxError(
        f"{path}: cannot write the feedback outbox ({reason}); the file itself is not damaged: "
        "make it and its folder writable",
        damaged=False,
    )


def _sqlite_code(exc: BaseException) -> int:
    """The primary SQLite result code of an error (extended codes folded), or -1."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else -1


__all__ = ["Outbox", "Entry", "Rate", "RateLimit", "RateLimited", "OutboxError", "open_for", "decode"]
