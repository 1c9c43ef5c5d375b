"""Heartbeats: the kiosk's uptime, the feedback it has set aside (the store refused it), and
since when its feed has been stale (its newest signed statement expired).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("uptime", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("outbox_set_aside", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("stale_since", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("stale_since")
        batch.drop_column("outbox_set_aside")
        batch.drop_column("uptime")
