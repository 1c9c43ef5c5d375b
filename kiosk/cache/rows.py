"""Items to rows of the cache's tables and back (attachments included), and batching of long id lists."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from kiosk.cache.tables import attachments as t_attachments
from kiosk.content import Attachment, Audience, Cadence, Item, Priority, item_fields


def item_row(item: Item) -> dict[str, Any]:
    return {**item_fields(item), "last_changed": item.last_changed}


def row_item(row: RowMapping | Mapping[str, Any], files: tuple[Attachment, ...]) -> Item:
    return Item(
        id=row["id"],
        revision=row["revision"],
        title=row["title"],
        summary=row["summary"],
        body=row.get("body", ""),
        category=row["category"],
        unit=row["unit"],
        audience=Audience(row["audience"]),
        cadence=Cadence(row["cadence"]),
        priority=Priority(row["priority"]),
        published_at=row["published_at"],
        revised_at=row["revised_at"],
        public_from=row["public_from"],
        expires_at=row["expires_at"],
        doc_number=row["doc_number"],
        index_number=row["index_number"],
        web_url=row["web_url"],
        attachments=files,
    )


def chunks(values: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def attachments_of(conn: Connection, rids: list[int]) -> dict[int, tuple[Attachment, ...]]:
    """The attachments of the items with these row ids, in their order, by row id."""
    out: dict[int, list[Attachment]] = {}
    for chunk in chunks(rids, 900):
        query = (
            select(t_attachments)
            .where(t_attachments.c.item_rid.in_(chunk))
            .order_by(t_attachments.c.item_rid, t_attachments.c.position)
        )
        for row in conn.execute(query).mappings():
            out.setdefault(row["item_rid"], []).append(
                Attachment(sha256=row["sha256"], media_type=row["media_type"], title=row["title"], size=row["size"])
            )
    return {rid: tuple(files) for rid, files in out.items()}
