"""What the office writes: categories and units by name as well as by key, and times without
an offset read in the store's time zone (Asia/Shanghai by default); a file outside the store
(no zone given) still refuses a time without an offset."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from kiosk.catalog import default_catalog
from kiosk.itemfile import ItemFileError, parse
from kiosk.store.models import Revision


def content(store, item_id: str) -> dict:
    with store.db.read() as session:
        return json.loads(session.scalar(select(Revision.content).where(Revision.item_id == item_id)))


def test_names_and_local_dates(store, files):
    path = files.write(
        "按名称写的",
        category="思想政治建设",
        unit="Research Office",
        public_from="2026-12-05 08:30",
        expires_at="2026-12-31",
    )
    text = path.read_text(encoding="utf-8").replace("'2026-12-31'", "2026-12-31")
    path.write_text(text, encoding="utf-8")
    item_id = store.add_item(path, "alice")
    fields = content(store, item_id)
    assert fields["category"] == "political-study" and fields["unit"] == "research-office"
    assert datetime.fromisoformat(fields["public_from"]) == datetime(2026, 12, 5, 0, 30, tzinfo=UTC)
    assert datetime.fromisoformat(fields["expires_at"]) == datetime(2026, 12, 30, 16, 0, tzinfo=UTC)


def test_without_a_zone_a_time_needs_its_offset(tmp_path):
    text = "---\ntitle: 通知\ncategory: central-work\nunit: party-group\npublic_from: 2026-12-05 08:30\n---\n正文\n"
    with pytest.raises(ItemFileError, match="explicit offset"):
        parse(text, tmp_path / "a.md", default_catalog())


def test_an_unknown_name_is_still_refused(store, files):
    with pytest.raises(ItemFileError, match="unknown category '不存在的类别'"):
        store.add_item(files.write(category="不存在的类别"), "alice")
