"""Helpers shared by tests: a fixed instant and an item factory."""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.content import Attachment, Audience, Cadence, Item, Priority

#: A fixed "now" for tests that do not care which instant it is.
NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)


def make_item(item_id: str = "item-1", **fields) -> Item:
    """An item with sensible defaults; any field can be overridden."""
    values = dict(
        id=item_id,
        revision=1,
        title=f"测试条目 {item_id}",
        summary="摘要",
        body="正文内容",
        category="central-work",
        unit="party-group",
        audience=Audience.PUBLIC,
        cadence=Cadence.ROUTINE,
        priority=Priority.NORMAL,
        published_at=NOW - timedelta(days=1),
    )
    values.update(fields)
    return Item(**values)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header, without Qt."""
    header = Path(path).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


__all__ = ["NOW", "make_item", "png_size", "Attachment", "Audience", "Cadence", "Priority"]
