"""Anonymous use of the touch screen, counted per hour: nothing that identifies a visitor.

What is counted: categories and items opened, PDF pages read, searches with and without a
result, read-aloud used, care mode used. Each is a cell ``(hour, metric, key)`` holding a
count (the key is a category or item id, or a search term; empty for read-aloud and care
mode). A search term is counted once per visit that typed it, and care mode once per visit
that switched it on, so their counts are numbers of visits, not of keystrokes or taps. The
counts live in their own SQLite file under ``state_dir``, each increment committed at once
(a crash loses nothing counted).

What leaves the kiosk is :func:`report`: cells below the threshold (``[usage]
suppress_below``, :class:`kiosk.config.UsageConfig`) are given only as ``"< 5"``, and a search term typed by fewer
visits than the threshold does not appear at all (a name typed once never leaves); those
terms are summed into one row without a term, itself suppressed when small.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from kiosk import paths

log = logging.getLogger(__name__)

METRICS = (
    "category-opened",
    "item-opened",
    "pdf-page-read",
    "search-found",
    "search-not-found",
    "read-aloud",
    "care-mode",
)
SEARCHES = ("search-found", "search-not-found")
#: Counted at most once per visit (and term): a number of visits, not of taps.
ONCE_PER_VISIT = (*SEARCHES, "care-mode")
FILE_NAME = "usage.sqlite3"
#: The longest search term kept (what the search field accepts is shorter).
MAX_TERM = 64


def hour_of(instant: datetime) -> str:
    """The hour a moment falls in, as the cells name it: ``2026-12-02T06:00:00+00:00`` (UTC)."""
    from kiosk.clock import as_utc

    return as_utc(instant).replace(minute=0, second=0, microsecond=0).isoformat()


def suppressed(count: int, threshold: int) -> int | str:
    """``count`` as it may leave the kiosk: itself, or ``"< threshold"`` when smaller."""
    return count if count >= threshold else f"< {threshold}"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS cells (
    hour TEXT NOT NULL, metric TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (hour, metric, key)
);
-- Hours sealed for upload (kiosk.usage_outbox): what leaves the kiosk, fixed once.
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, hour TEXT NOT NULL, body BLOB NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',  -- pending | sent | rejected
    attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT
);
CREATE INDEX IF NOT EXISTS batches_hour ON batches (kind, hour);
-- How far the play log is read (the byte offset of the next line) and the end of the
-- newest span read, by which the hours before it are over.
CREATE TABLE IF NOT EXISTS play_read (
    one INTEGER PRIMARY KEY CHECK (one = 1), offset INTEGER NOT NULL, newest TEXT
);
-- Play seconds read and not yet sealed: per hour and (what, item, revision) as JSON.
CREATE TABLE IF NOT EXISTS play_open (
    hour TEXT NOT NULL, key TEXT NOT NULL, seconds REAL NOT NULL, PRIMARY KEY (hour, key)
);
"""
#: The file's layout: 1 lets an hour have several play batches (a clock set back).
VERSION = 1
#: Files of version 0 had one batch per (kind, hour): the table is rebuilt without that rule.
_TO_VERSION_1 = """
CREATE TABLE batches_1 (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, hour TEXT NOT NULL, body BLOB NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT
);
INSERT INTO batches_1 SELECT id, kind, hour, body, state, attempts, last_error FROM batches;
DROP TABLE batches;
ALTER TABLE batches_1 RENAME TO batches;
"""
#: A count for an hour already sealed (committed just after the hour's end) goes to the
#: hour after the last one sealed: counted late, never lost.
_COUNT = """
INSERT INTO cells (hour, metric, key, count) VALUES (
    max(?1, coalesce((SELECT strftime('%Y-%m-%dT%H:00:00+00:00', max(hour), '+1 hour')
                      FROM batches WHERE kind = 'use'), '')),
    ?2, ?3, 1)
ON CONFLICT (hour, metric, key) DO UPDATE SET count = count + 1
"""


def connect(state_dir: Path) -> sqlite3.Connection:
    """The counts file (made owner-only), its tables created; autocommit, WAL."""
    path = Path(state_dir) / FILE_NAME
    # Owner-only before SQLite creates it (its -wal and -shm copy the mode), whatever the
    # umask: until its hour is sealed a cell may hold a term one visitor typed.
    paths.private_dir(path.parent)
    paths.private_file(path)
    # Used from one thread at a time (the touch screen's write lane, the upload job), not
    # always the one that opened it.
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA secure_delete=ON")  # a sealed hour's rare terms leave the file's bytes too
    if db.execute("PRAGMA user_version").fetchone()[0] < VERSION:
        _upgrade(db)
    db.executescript(_SCHEMA)
    return db


def _upgrade(db: sqlite3.Connection) -> None:
    """Bring a file of an older layout to :data:`VERSION`, in one transaction (the touch
    screen and the upload job may open it at the same moment: the second finds it done)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] < 1:
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'batches'").fetchone():
                for statement in _TO_VERSION_1.split(";"):
                    if statement.strip():
                        db.execute(statement)
        db.execute(f"PRAGMA user_version = {VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def damaged(exc: BaseException) -> bool:
    """Whether ``exc`` says the counts file is not a database SQLite can read."""
    return isinstance(exc, sqlite3.DatabaseError) and ("malformed" in str(exc) or "not a database" in str(exc))


class Usage:
    """The counts file; one writer of counts (the touch screen's process)."""

    def __init__(self, state_dir: Path) -> None:
        self._db = connect(state_dir)
        #: The search terms this visit has typed: counted once per visit, forgotten with it.
        self._visit_terms: set[tuple[str, str]] = set()

    @classmethod
    def open(cls, state_dir: Path) -> Usage:
        """The counts file; one damaged (a disk fault) is moved aside with one log line and
        a new one started: counting anonymous use must never keep the screens from starting."""
        try:
            return cls(state_dir)
        except sqlite3.DatabaseError as exc:
            if not damaged(exc):
                raise
            path = Path(state_dir) / FILE_NAME
            aside = path.with_name(f"{FILE_NAME}.damaged-{int(time.time())}")
            log.error("the use counts file %s is damaged (%s); moved aside to %s", path, exc, aside.name)
            path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return cls(state_dir)

    def close(self) -> None:
        self._db.close()

    def new_visit(self) -> None:
        """The touch screen went back to its attract loop: the next touch is another visit."""
        self._visit_terms.clear()

    def count(self, metric: str, key: str, at: datetime) -> None:
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}")
        if metric in SEARCHES:
            key = " ".join(key.split())[:MAX_TERM].lower()
            if not key:
                return
        if metric in ONCE_PER_VISIT:
            if (metric, key) in self._visit_terms:
                return
            self._visit_terms.add((metric, key))
        self._db.execute(_COUNT, (hour_of(at), metric, key))

    def cells(self, before: str | None = None) -> list[tuple[str, str, str, int]]:
        """The raw cells (hour, metric, key, count), of hours before ``before`` when given."""
        query = "SELECT hour, metric, key, count FROM cells"
        rows = self._db.execute(
            query + (" WHERE hour < ?" if before else "") + " ORDER BY hour, metric, key", (before,) if before else ()
        )
        return [tuple(r) for r in rows]


def report(cells: list[tuple[str, str, str, int]], threshold: int) -> list[dict[str, object]]:
    """The cells as they may leave the kiosk (see the module's text)."""
    out: list[dict[str, object]] = []
    withheld: dict[tuple[str, str], int] = {}
    for hour, metric, key, count in cells:
        if metric in SEARCHES and count < threshold:
            withheld[(hour, metric)] = withheld.get((hour, metric), 0) + count
            continue
        out.append({"hour": hour, "metric": metric, "key": key, "count": suppressed(count, threshold)})
    for (hour, metric), count in sorted(withheld.items()):
        out.append({"hour": hour, "metric": metric, "key": None, "count": suppressed(count, threshold)})
    return out
