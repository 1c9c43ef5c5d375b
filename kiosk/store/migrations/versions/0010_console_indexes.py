"""Indexes for the console's pages: the feedback inbox by the time a record arrived, and
(SQLite) the short copy of each revision that a query of one or two characters scans.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from alembic import op

from kiosk.store.models import HEAD_INDEX

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_feedback_received_at", "feedback", ["received_at", "id"])
    if op.get_bind().dialect.name == "sqlite":  # why not on PostgreSQL: see models.Revision
        op.create_index(HEAD_INDEX, "revisions", ["created_at", "search_head", "item_id", "number"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(HEAD_INDEX, "revisions")
    op.drop_index("ix_feedback_received_at", "feedback")
