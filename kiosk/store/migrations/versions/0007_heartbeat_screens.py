"""Heartbeats: the kiosk's screens (output, role, region, as JSON) and the CJK font it renders with.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("screens", sa.Text(), nullable=True))
        batch.add_column(sa.Column("cjk_font", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("cjk_font")
        batch.drop_column("screens")
