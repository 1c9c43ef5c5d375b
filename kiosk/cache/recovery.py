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
import functools
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

import sqlalchemy.exc
from sqlalchemy import Engine

from kiosk import paths
from kiosk.cache.engine import open_engine
from kiosk.cache.errors import CacheFull, CacheRebuilt

log = logging.getLogger("kiosk.cache.content_cache")

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


F = TypeVar("F", bound=Callable[..., Any])


def guarded(write: bool = False) -> Callable[[F], F]:
    """Run a method against the file at the path, recovering once from damage."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def run(self: RebuildingFile, *args: Any, **kwargs: Any) -> Any:
            self._follow()
            generation = self._generation
            try:
                return method(self, *args, **kwargs)
            except (sqlite3.DatabaseError, sqlalchemy.exc.DBAPIError) as exc:
                if is_full(exc):
                    raise CacheFull(f"{self.path}: the disk is full; the content cache was not changed") from None
                if not is_corruption(exc):
                    raise
                self._recover(generation, exc)
            if write:
                raise CacheRebuilt(
                    f"{self.path} was damaged and has been rebuilt; "
                    "this batch was not applied (the next sync fetches everything again)"
                )
            return method(self, *args, **kwargs)

        return cast(F, run)

    return decorate


class RebuildingFile:
    """The engine of a cache file that is moved aside and started again when found damaged.

    The subclass sets ``path``, ``on_rebuilt``, ``_lock``, ``_generation``, ``_identity``
    and ``_needs_snapshot``, and provides ``_migrate(engine)``; its methods that touch the
    database are wrapped with :func:`guarded`.
    """

    path: Path
    engine: Engine
    on_rebuilt: Callable[[Any], None] | None
    _lock: threading.RLock
    _generation: int
    _identity: tuple[int, int] | None
    _needs_snapshot: bool

    def _migrate(self, engine: Engine) -> None:
        raise NotImplementedError  # the subclass brings its schema

    def _open(self) -> Engine:
        """An engine on the file at the path, migrated and checked; raises on damage."""
        paths.private_file(self.path)  # before SQLite opens it: -wal and -shm copy its mode
        engine = open_engine(self.path)
        try:
            self._identity = identity(self.path)
            self._migrate(engine)
            with engine.connect() as conn:
                # Damage in pages no query has read yet shows here, at once (tens of ms for 10,000 items).
                verdict = conn.exec_driver_sql("PRAGMA quick_check(1)").scalar_one()
            if verdict != "ok":
                error = sqlite3.DatabaseError(f"quick_check: {' '.join(str(verdict).split())[:160]}")
                error.sqlite_errorcode = sqlite3.SQLITE_CORRUPT
                raise error
            for companion in ("-wal", "-shm"):
                paths.tighten(Path(f"{self.path}{companion}"))
        except BaseException:
            engine.dispose()
            raise
        return engine

    def _follow(self) -> None:
        """Reopen when the file at the path is no longer the one open here (rebuilt elsewhere)."""
        if identity(self.path) == self._identity:
            return
        with self._lock:
            if identity(self.path) == self._identity:
                return
            log.info("content cache %s was replaced; reopening it", self.path)
            old, self.engine = self.engine, self._open()
            old.dispose()
            self._generation += 1
            self._needs_snapshot = True
        self._notify_rebuilt()

    def _recover(self, generation: int, exc: BaseException) -> None:
        with self._lock:
            if generation != self._generation:  # another thread has already rebuilt it
                return
            old = getattr(self, "engine", None)
            if old is not None:
                old.dispose()
            with exclusive(self.path):
                if identity(self.path) == self._identity or old is None:
                    aside = move_aside(self.path)
                    log.error(
                        "content cache %s is damaged (%s); moved it aside to %s and started a new one, "
                        "refilled from the demo pack or at the next sync",
                        self.path,
                        _first_line(exc),
                        aside.name,
                    )
                self.engine = self._open()
            self._generation += 1
            self._needs_snapshot = True
        self._notify_rebuilt()

    def _notify_rebuilt(self) -> None:
        if self.on_rebuilt is None:
            return
        try:
            self.on_rebuilt(self)
        except Exception as exc:  # the fresh cache stays usable, if empty
            log.error("content cache %s: refilling after the rebuild failed: %s", self.path, exc)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0][:200]
