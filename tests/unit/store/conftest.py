"""Fixtures for the store's unit tests: a fresh store on a fake clock, its accounts, item files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from store_support import item_file
from support import NOW

from kiosk.clock import FakeClock
from kiosk.store.service import open_store


class ItemFiles:
    """Writes item files (Markdown with YAML front matter) into a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def write(self, title: str = "测试条目", **fields) -> Path:
        self.count += 1
        fields = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in fields.items()}
        return item_file(self.folder, f"item-{self.count}", title, **fields)


@pytest.fixture
def clock():
    return FakeClock(NOW)


@pytest.fixture
def store(tmp_path, clock):
    """An initialised store (real migrations) on an SQLite file, with four accounts:
    alice (author), bob and carol (approvers), dan (admin)."""
    store = open_store(tmp_path / "data", None, tmp_path / "keys", clock=clock)
    store.init(history=5)
    store.add_user("alice", "author")
    store.add_user("bob", "approver")
    store.add_user("carol", "approver")
    store.add_user("dan", "admin")
    yield store
    store.db.close()


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "items"
    folder.mkdir()
    return ItemFiles(folder)
