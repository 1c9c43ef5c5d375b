"""Anonymous use and proof of play: each kiosk's hourly batches, their counts and play seconds.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usage_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("hour", sa.DateTime(), nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name="fk_usage_uploads_device_id_devices"),
        sa.PrimaryKeyConstraint("id", name="pk_usage_uploads"),
        sa.UniqueConstraint("device_id", "kind", "hour", name="uq_usage_uploads_device_id"),
    )
    op.create_index("ix_usage_uploads_hour", "usage_uploads", ["hour"])
    op.create_table(
        "usage_cells",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(32), nullable=False),
        sa.Column("key", sa.String(80), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("below", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["upload_id"], ["usage_uploads.id"], name="fk_usage_cells_upload_id_usage_uploads"),
        sa.PrimaryKeyConstraint("id", name="pk_usage_cells"),
    )
    op.create_index("ix_usage_cells_upload_id", "usage_cells", ["upload_id"])
    op.create_table(
        "play_seconds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.String(16), nullable=False),
        sa.Column("item_id", sa.String(80), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["upload_id"], ["usage_uploads.id"], name="fk_play_seconds_upload_id_usage_uploads"),
        sa.PrimaryKeyConstraint("id", name="pk_play_seconds"),
    )
    op.create_index("ix_play_seconds_upload_id", "play_seconds", ["upload_id"])


def downgrade() -> None:
    op.drop_table("play_seconds")
    op.drop_table("usage_cells")
    op.drop_table("usage_uploads")
