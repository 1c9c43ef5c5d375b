"""Supervisors' remarks.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "remarks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("target", sa.String(128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_remarks"),
    )
    op.create_index("ix_remarks_target", "remarks", ["target"])
    op.create_index("ix_remarks_created_at", "remarks", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_remarks_created_at", table_name="remarks")
    op.drop_index("ix_remarks_target", table_name="remarks")
    op.drop_table("remarks")
