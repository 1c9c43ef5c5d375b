"""Play batches in parts: an hour a kiosk's clock went through twice may have more than one.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("usage_uploads") as batch:
        batch.add_column(sa.Column("part", sa.Integer(), server_default="1", nullable=False))
        batch.drop_constraint("uq_usage_uploads_device_id", type_="unique")
        batch.create_unique_constraint("uq_usage_uploads_device_id", ["device_id", "kind", "hour", "part"])


def downgrade() -> None:
    # The older table holds one batch per hour: later parts go (their seconds with them).
    op.execute("DELETE FROM play_seconds WHERE upload_id IN (SELECT id FROM usage_uploads WHERE part > 1)")
    op.execute("DELETE FROM usage_uploads WHERE part > 1")
    with op.batch_alter_table("usage_uploads") as batch:
        batch.drop_constraint("uq_usage_uploads_device_id", type_="unique")
        batch.create_unique_constraint("uq_usage_uploads_device_id", ["device_id", "kind", "hour"])
        batch.drop_column("part")
