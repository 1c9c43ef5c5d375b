"""The console's item list: copies of the fields it filters and searches by, on every revision.

Category, unit, cadence and document number become columns (category and unit indexed),
and one lower-cased text of title, summary, body, document and index numbers is what a
search reads. A revision sent back by an approver keeps the reason. Existing revisions are filled in from their approved content.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_SEARCHED = ("title", "summary", "body", "doc_number", "index_number")


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("category", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("unit", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("cadence", sa.String(16), nullable=False, server_default=""))
        batch.add_column(sa.Column("doc_number", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("rejection", sa.Text(), nullable=True))
        batch.create_index("ix_revisions_category", ["category"])
        batch.create_index("ix_revisions_unit", ["unit"])
        batch.create_index("ix_revisions_created_at", ["created_at"])
    connection = op.get_bind()
    revisions = sa.table(
        "revisions",
        sa.column("id", sa.Integer),
        sa.column("content", sa.Text),
        sa.column("category", sa.String),
        sa.column("unit", sa.String),
        sa.column("cadence", sa.String),
        sa.column("doc_number", sa.Text),
        sa.column("search_text", sa.Text),
    )
    rows = connection.execute(sa.select(revisions.c.id, revisions.c.content)).all()
    for row_id, content_text in rows:
        content = json.loads(content_text)
        connection.execute(
            revisions.update()
            .where(revisions.c.id == row_id)
            .values(
                category=content["category"],
                unit=content["unit"],
                cadence=content.get("cadence", "routine"),
                doc_number=content.get("doc_number", ""),
                search_text="\n".join(content.get(k) or "" for k in _SEARCHED).lower(),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_index("ix_revisions_created_at")
        batch.drop_index("ix_revisions_unit")
        batch.drop_index("ix_revisions_category")
        for name in ("rejection", "search_text", "doc_number", "cadence", "unit", "category"):
            batch.drop_column(name)
