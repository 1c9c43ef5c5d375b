"""Opening the store's database, its transactions, and migrating it to the current schema.

SQLite (one file in the data directory) by default, PostgreSQL by URL. Two kinds of
transaction: :meth:`Database.read` sees one consistent snapshot (a feed version and its
entries must agree), and :meth:`Database.write` holds the store's write lock for its
whole length — ``BEGIN IMMEDIATE`` on SQLite, ``SELECT … FOR UPDATE`` of the single
feed-state row on PostgreSQL — so workflow actions and feed versions made by several
processes at once are applied one after another, never interleaved.
"""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from kiosk.store import files
from kiosk.store.models import FeedState

DATABASE_FILE = "store.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Any fixed number: the PostgreSQL advisory lock that serialises migrations.
_MIGRATION_LOCK = 0x6B696F73
#: How long closing the database waits for connections still in use.
CLOSE_WAIT = 5.0


class DatabaseError(RuntimeError):
    """A database that cannot be used; the message says why and what to do."""


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{Path(data_dir).resolve() / DATABASE_FILE}"


class Database:
    def __init__(self, url: str) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise DatabaseError(f"not a database URL: {url!r}") from None
        self.url = url
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.is_postgresql = parsed.get_backend_name() == "postgresql"
        if not (self.is_sqlite or self.is_postgresql):
            raise DatabaseError(
                f"unsupported database {parsed.get_backend_name()!r}: use SQLite or postgresql+psycopg://"
            )
        if self.is_sqlite:
            database = parsed.database or ":memory:"
            memory = database == ":memory:"
            if not memory:  # before SQLite makes it with its default mode (and its -wal, -shm alike)
                files.private_file(Path(database))
            options: dict[str, Any] = {"connect_args": {"timeout": 30, "check_same_thread": False}}
            if memory:  # tests: one connection, or every session would see its own empty database
                options["poolclass"] = StaticPool
            self.engine = create_engine(url, **options)
            _sqlite_transactions(self.engine)
            self._write_engine: Engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
            self._read_engine = self.engine
        else:
            if parsed.drivername == "postgresql":  # psycopg 3 is the driver we ship
                parsed = parsed.set(drivername="postgresql+psycopg")
            self.engine = create_engine(parsed, pool_size=10, max_overflow=30, pool_pre_ping=True)
            self._write_engine = self.engine
            # A feed version and its entries are read in one snapshot.
            self._read_engine = self.engine.execution_options(isolation_level="REPEATABLE READ")

    def libpq_url(self) -> str:
        """The URL in the form psycopg itself takes (for LISTEN)."""
        return make_url(self.url).set(drivername="postgresql").render_as_string(hide_password=False)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self._read_engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction holding the store's write lock; commits when the block ends cleanly."""
        with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
            state = session.scalars(select(FeedState).where(FeedState.id == 1).with_for_update()).first()
            if state is None:
                raise DatabaseError("the store's database is not initialised; run kiosk-store init")
            yield session

    @contextlib.contextmanager
    def plain(self) -> Iterator[Session]:
        """A short write transaction without the store lock (heartbeats, device rows).

        On SQLite it begins IMMEDIATE all the same: these transactions read a row, then
        write it, and a deferred transaction whose snapshot another connection's commit
        overtook cannot become a writer; SQLite fails it at once ("database is locked"),
        without waiting out the busy timeout. Taken at BEGIN, the lock is waited for.
        """
        with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self, wait: float = CLOSE_WAIT) -> None:
        """Close every connection, after those in use (at most ``wait`` seconds) come back.

        ``dispose`` closes only the connections idle in the pool: one checked out then —
        a request thread still finishing as the server stops — would be returned to the
        discarded pool later and never closed.
        """
        pool = self.engine.pool
        checked_out = getattr(pool, "checkedout", None)
        deadline = time.monotonic() + wait
        while checked_out is not None and checked_out() > 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        self.engine.dispose()


def _sqlite_transactions(engine: Engine) -> None:
    # pysqlite's implicit BEGIN would defeat BEGIN IMMEDIATE; the recipe from SQLAlchemy's
    # SQLite dialect documentation: disable it, and emit BEGIN ourselves.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
        cursor.execute("PRAGMA synchronous=FULL")  # a published item is never lost
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def upgrade(db: Database, lock_dir: Path | None = None) -> None:
    """Migrate the database to the newest schema; safe when several processes start at once."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with contextlib.ExitStack() as stack:
        if db.is_sqlite and lock_dir is not None:
            lock = stack.enter_context(open(files.private_file(Path(lock_dir) / "store.lock"), "a"))
            fcntl.flock(lock, fcntl.LOCK_EX)
        connection = stack.enter_context(db._write_engine.connect())
        with connection.begin():
            if db.is_postgresql:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
