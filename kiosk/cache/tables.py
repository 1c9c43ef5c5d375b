"""The cache's tables and its schema migrations (``PRAGMA user_version`` counts them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    column,
    literal_column,
    table,
)


class UtcText(TypeDecorator[datetime]):
    """An instant stored as fixed-width ISO 8601 UTC text, ``2026-11-26T06:00:00.000000+00:00``.

    Fixed width makes text order equal time order, so the display rule can compare in SQL.
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return to_text(value) if value is not None else None

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return datetime.fromisoformat(value) if value is not None else None


def to_text(instant: datetime) -> str:
    if instant.tzinfo is None:
        raise ValueError("naive datetime: instants must carry an offset")
    # Formatted by hand: strftime does not zero-pad years before 1000 on every platform.
    u = instant.astimezone(UTC)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}+00:00"
    )


metadata = MetaData()

items = Table(
    "items",
    metadata,
    # An integer rowid that the full-text index refers to.
    Column("rid", Integer, primary_key=True),
    Column("id", String(80), nullable=False, unique=True),
    Column("revision", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("body", Text, nullable=False, default=""),
    Column("category", String(64), nullable=False),
    Column("unit", String(64), nullable=False),
    Column("audience", String(16), nullable=False),
    Column("cadence", String(16), nullable=False),
    Column("priority", String(16), nullable=False),
    Column("published_at", UtcText, nullable=False),
    Column("revised_at", UtcText),
    Column("public_from", UtcText),
    Column("expires_at", UtcText),
    # revised_at or published_at: "newest first" sorts on it.
    Column("last_changed", UtcText, nullable=False),
    Column("doc_number", Text, nullable=False, default=""),
    Column("index_number", Text, nullable=False, default=""),
    Column("web_url", Text, nullable=False, default=""),
    Index("ix_items_category_changed", "category", "last_changed"),
    Index("ix_items_unit_changed", "unit", "last_changed"),
)

attachments = Table(
    "attachments",
    metadata,
    Column("item_rid", Integer, ForeignKey("items.rid", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("media_type", String(64), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("size", Integer, nullable=False, default=0),
    Index("ix_attachments_sha256", "sha256"),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: What the held feed version lists: one row per item, the sha256 of the item document
#: the kiosk applied. Written in the same transaction as the items, so it always agrees
#: with them and with ``meta.feed_version``; the sync client reads it to skip documents
#: it already holds.
feed_entries = Table(
    "feed_entries",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
)

#: The full-text index over what visitors search: trigram tokens match Chinese substrings
#: of three or more characters; shorter queries take the LIKE path in the cache. It reads
#: its text from ``items`` (external content) and triggers keep it in step, so no write
#: path can forget it.
FTS_DDL = [
    "CREATE VIRTUAL TABLE items_fts USING fts5("
    "title, summary, body, doc_number, content='items', content_rowid='rid', tokenize='trigram')",
    "CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN "
    "INSERT INTO items_fts(rowid, title, summary, body, doc_number) "
    "VALUES (new.rid, new.title, new.summary, new.body, new.doc_number); END",
    "CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN "
    "INSERT INTO items_fts(items_fts, rowid, title, summary, body, doc_number) "
    "VALUES ('delete', old.rid, old.title, old.summary, old.body, old.doc_number); END",
    "CREATE TRIGGER items_fts_update AFTER UPDATE ON items BEGIN "
    "INSERT INTO items_fts(items_fts, rowid, title, summary, body, doc_number) "
    "VALUES ('delete', old.rid, old.title, old.summary, old.body, old.doc_number); "
    "INSERT INTO items_fts(rowid, title, summary, body, doc_number) "
    "VALUES (new.rid, new.title, new.summary, new.body, new.doc_number); END",
]


#: Enough of the index's shape for SQLAlchemy to query it.
items_fts = table("items_fts", column("rowid"))


def fts_match(expression: str) -> ColumnElement[bool]:
    """``items_fts MATCH :expression``; the expression must already be quoted for FTS5."""
    return literal_column("items_fts").op("MATCH")(expression)


def _v1(conn: Connection) -> None:
    # Only the tables of schema 1: later tables are created by their own migration.
    metadata.create_all(conn, tables=[items, attachments, meta])
    for statement in FTS_DDL:
        conn.exec_driver_sql(statement)


def _v2(conn: Connection) -> None:
    feed_entries.create(conn)


#: Migration n takes a database at version n to version n + 1.
MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2]
SCHEMA_VERSION = len(MIGRATIONS)
