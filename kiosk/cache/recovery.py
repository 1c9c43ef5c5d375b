"""When the content cache's file is damaged: recognising it, and moving the file aside.

The cache can always be rebuilt — from the store, or from the demo pack — so a damaged
file is never a reason for a screen to go dark: :class:`~kiosk.cache.ContentCache` moves
it aside and starts a fresh one (the feedback outbox, which cannot be rebuilt, is a
different file and is never touched here).

SQLite says a file is damaged with two result codes, ``SQLITE_CORRUPT`` ("database disk
image is malformed", also FTS5's "corrupt" errors, extended codes of it) and
``SQLITE_NOTADB``; they are read from the error itself, not from its wording. Several
cache objects may have one file open (the screens', the sync service's, a ``kiosk status``
in another process): the one that finds the damage moves the file under an exclusive
lock, and the others notice that the file at the path is not the one they opened
(:func:`identity`) and reopen it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from kiosk import paths

#: Damaged copies kept for someone to look at; older ones are deleted (a failing disk
#: must not fill itself up with copies).
KEEP_DAMAGED = 2
DAMAGED_INFIX = ".damaged-"


def sqlite_code(exc: BaseException) -> int:
    """The primary SQLite result code of an error (raw, or wrapped by SQLAlchemy), or -1."""
    for candidate in (exc, getattr(exc, "orig", None)):
        code = getattr(candidate, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF  # extended codes (SQLITE_CORRUPT_VTAB…) keep the primary in the low byte
    return -1


def is_corruption(exc: BaseException) -> bool:
    return sqlite_code(exc) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def is_full(exc: BaseException) -> bool:
    return sqlite_code(exc) == sqlite3.SQLITE_FULL


def identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` now (device and inode), or None when there is none."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold ``path.lock`` exclusively: one process at a time moves the cache file."""
    lock_file = Path(f"{path}.lock")
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def move_aside(path: Path) -> Path:
    """Rename the damaged file (and its write-ahead log) out of the way; the new name.

    The shared-memory index is only a cache of the log and is removed. Of earlier damaged
    copies, the newest :data:`KEEP_DAMAGED` − 1 stay.
    """
    aside = path.with_name(f"{path.name}{DAMAGED_INFIX}{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9:09d}")
    os.replace(path, aside)
    wal = Path(f"{path}-wal")
    if wal.exists():
        os.replace(wal, Path(f"{aside}-wal"))
    Path(f"{path}-shm").unlink(missing_ok=True)
    copies = sorted(path.parent.glob(f"{path.name}{DAMAGED_INFIX}*"))
    copies = [c for c in copies if not c.name.endswith("-wal")]
    for old in copies[:-KEEP_DAMAGED]:
        old.unlink(missing_ok=True)
        Path(f"{old}-wal").unlink(missing_ok=True)
    paths.tighten(aside)
    return aside
