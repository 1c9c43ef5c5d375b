"""Search through an index: trigrams over each revision's text, and a short copy for short
queries; and the instant a scheduled publication goes live.

SQLite: an FTS5 table with the trigram tokenizer over ``revisions.search_text`` (external
content: it holds the index only), kept in step by triggers on every insert, update and
delete of a revision. PostgreSQL: the ``pg_trgm`` extension (trusted: the database's owner
may create it) and a GIN index of ``search_text``. Both: ``search_head``, the title,
summary and numbers without the body, which a query of one or two characters reads.
Existing revisions are filled in from their approved content. ``release_at``: when a
revision whose publication is signed for later (``scheduled``) goes live.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import json

import sqlalchemy as sa
from alembic import op

from kiosk.store import search

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_HEAD = ("title", "summary", "doc_number", "index_number")
_SQLITE = (
    "CREATE VIRTUAL TABLE revisions_fts USING fts5("
    "search_text, content='revisions', content_rowid='id', tokenize='trigram')",
    *search.SQLITE_TRIGGERS,
    search.SQLITE_REBUILD,
)
_POSTGRESQL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_revisions_search_trgm ON revisions USING gin (search_text gin_trgm_ops)",
)


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("search_head", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("release_at", sa.DateTime(), nullable=True))
    connection = op.get_bind()
    revisions = sa.table(
        "revisions", sa.column("id", sa.Integer), sa.column("content", sa.Text), sa.column("search_head", sa.Text)
    )
    for row_id, content_text in connection.execute(sa.select(revisions.c.id, revisions.c.content)).all():
        content = json.loads(content_text)
        head = "\n".join(content.get(k) or "" for k in _HEAD).lower()
        connection.execute(revisions.update().where(revisions.c.id == row_id).values(search_head=head))
    for statement in _SQLITE if connection.dialect.name == "sqlite" else _POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("update", "delete", "insert"):
            op.execute(f"DROP TRIGGER revisions_fts_{trigger}")
        op.execute("DROP TABLE revisions_fts")
    else:
        op.execute("DROP INDEX ix_revisions_search_trgm")  # the extension stays: others may use it
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("release_at")
        batch.drop_column("search_head")
