"""Timeliness: each revision's schedule (period, stages, event date) and the feedback it answers.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store import search

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("period", sa.String(16), nullable=True))
        batch.add_column(sa.Column("stages", sa.Text(), nullable=True))
        batch.add_column(sa.Column("event_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("after_feedback", sa.String(36), nullable=True))
        batch.create_foreign_key("fk_revisions_after_feedback_feedback", "feedback", ["after_feedback"], ["id"])
        batch.create_index("ix_revisions_after_feedback", ["after_feedback"])
    _keep_search_index()


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_index("ix_revisions_after_feedback")
        batch.drop_constraint("fk_revisions_after_feedback_feedback", type_="foreignkey")
        for name in ("after_feedback", "event_date", "stages", "period"):
            batch.drop_column(name)
    _keep_search_index()


def _keep_search_index() -> None:
    """On SQLite the batch rebuilt ``revisions`` and dropped its search triggers with it."""
    if op.get_bind().dialect.name == "sqlite":
        for statement in search.SQLITE_TRIGGERS:
            op.execute(statement)
        op.execute(search.SQLITE_REBUILD)
