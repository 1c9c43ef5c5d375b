"""Helpers for sync tests: kiosk configurations pointing at a store, items with attachments."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from support import make_item

from kiosk import config as config_module
from kiosk.cache import ContentCache
from kiosk.content import Attachment, Item

TIMEOUT = 120


def kiosk_config(store, tmp_path: Path, **store_extra):
    table = {"state_dir": str(tmp_path / "state"), "store": store.store_table(**{"timeout": 2.0, **store_extra})}
    return config_module.from_table(table, tmp_path / "kiosk.toml")


def write_config(store, tmp_path: Path, **store_extra) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'state_dir = "{tmp_path / "state"}"\n' + store.store_toml(**{"timeout": 2.0, **store_extra}), encoding="utf-8"
    )
    return path


def with_attachment(item_id: str, data: bytes, **fields) -> tuple[Item, dict[str, bytes]]:
    sha = hashlib.sha256(data).hexdigest()
    item = make_item(
        item_id, attachments=(Attachment(sha256=sha, media_type="image/png", title="图", size=len(data)),), **fields
    )
    return item, {sha: data}


def held(cache_file: Path) -> tuple[int, dict[str, int]]:
    """The feed version and ``{id: revision}`` a cache file holds (opened read-only by the test)."""
    cache = ContentCache(cache_file)
    try:
        items = cache.stored_items(cache.item_ids())
        return cache.feed_version, {i: item.revision for i, item in items.items()}
    finally:
        cache.close()


def run_kiosk(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=TIMEOUT, env=env, **kwargs
    )
