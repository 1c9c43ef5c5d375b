"""Indexes for the console's pages: the feedback inbox by the time a record arrived, and
(SQLite) the short copy of each revision that a query of one or two characters scans; and
(SQLite) the trigram index made again case-sensitive, so that it matches exactly where a
plain substring search of the lower-cased text does (:data:`kiosk.store.search.SQLITE_TABLE`).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from alembic import op

from kiosk.store import search
from kiosk.store.models import HEAD_INDEX

#: What migration 0008 made, for the way down.
_FOLDING_TABLE = (
    "CREATE VIRTUAL TABLE revisions_fts USING fts5("
    "search_text, content='revisions', content_rowid='id', tokenize='trigram')"
)

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_feedback_received_at", "feedback", ["received_at", "id"])
    if op.get_bind().dialect.name == "sqlite":  # why not on PostgreSQL: see models.Revision
        op.create_index(HEAD_INDEX, "revisions", ["created_at", "search_head", "item_id", "number"])
        _make_trigram_index(search.SQLITE_TABLE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _make_trigram_index(_FOLDING_TABLE)
        op.drop_index(HEAD_INDEX, "revisions")
    op.drop_index("ix_feedback_received_at", "feedback")


def _make_trigram_index(create: str) -> None:
    """The FTS5 table made again by ``create``, with its triggers, refilled from the revisions."""
    for trigger in ("update", "delete", "insert"):
        op.execute(f"DROP TRIGGER revisions_fts_{trigger}")
    op.execute("DROP TABLE revisions_fts")
    op.execute(create)
    for statement in search.SQLITE_TRIGGERS:
        op.execute(statement)
    op.execute(search.SQLITE_REBUILD)
