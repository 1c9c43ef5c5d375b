"""The runner's own data: items of real Chinese text with images and PDFs, a cache, a store.

The text and the attachments are the bundled demo pack's (written for this project,
fictional): item ``n`` is demo item ``n mod 53``'s text with its own id, title, document
number and date, carrying that item's pictures and PDFs. The store is built with the
same bulk builder the wire tests use (every row signed as the workflow signs it).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The store builders and the loopback helpers live with the tests that also use them.
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "integration")]

from kiosk import demo, itemfile  # noqa: E402
from kiosk.catalog import default_catalog  # noqa: E402
from kiosk.content import Audience, Item, Priority  # noqa: E402

#: The instant the screens' clock shows; store items are dated just before it.
NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
CATEGORIES = ["central-work", "political-study", "organisation", "conduct", "institutions"]


@functools.cache
def sources() -> tuple[tuple[Item, ...], dict[str, tuple[str, bytes]]]:
    """The demo pack's public items, and their attachments' bytes by sha256."""
    catalog = default_catalog()
    items, assets = [], {}
    for path in demo.pack_files():
        parsed = itemfile.read(path, catalog)
        item = parsed.to_item(default_id=path.stem)
        if item.audience is not Audience.PUBLIC:
            continue
        for attached in parsed.attachments:
            data = attached.read()
            assets[hashlib.sha256(data).hexdigest()] = (attached.media_type, data)
        items.append(item)
    return tuple(items), assets


def make_items(count: int, now: datetime = NOW) -> list[Item]:
    """``count`` items, newest first, each shown now (no window, no urgent interruptions)."""
    base, _ = sources()
    made = []
    for n in range(count):
        b = base[n % len(base)]
        made.append(
            dataclasses.replace(
                b,
                id=f"bench-{n:05d}",
                revision=1,
                title=f"{b.title}（第{n}期）",
                body=f"{b.body}\n\n本期编号{n}。",
                priority=Priority.NORMAL,
                published_at=now - timedelta(minutes=n + 1),
                revised_at=None,
                public_from=None,
                expires_at=None,
                doc_number=f"市委发〔2026〕{n}号",
                index_number=f"000014349-2026-{n:05d}",
            )
        )
    return made


def fill_cache(cache_file: Path, count: int):
    """A kiosk cache holding ``count`` items and their attachments; the open cache."""
    from kiosk.cache import ContentCache

    cache = ContentCache(cache_file)
    _, assets = sources()
    for _, data in assets.values():
        cache.assets.put(data)
    cache.apply(make_items(count), replace_all=True)
    return cache


@dataclasses.dataclass
class BuiltStore:
    """A store data folder with ``count`` published items, an enrolled device and its table."""

    cmd: object  # store_support.StoreCommand
    store_table: dict
    users: dict[str, str]
    items: list[Item]


def build_store(work: Path, count: int) -> BuiltStore:
    from store_support import StoreCommand
    from v2_bulk import build_v2

    cmd = StoreCommand(work / "data", work / "keys", None)
    items = make_items(count, datetime.now(UTC))
    _, assets = sources()
    build_v2(cmd.data, cmd.keys, work / "offline" / "root.key", count, made=items, assets=assets)
    cmd.run("user", "password", "dan")  # the bulk store's admin has none yet; enrolling is an admin's
    table = cmd.out("device", "enroll", "bench", "--as", "dan")
    store_table = {line.split(" = ")[0]: json.loads(line.split(" = ", 1)[1]) for line in table.splitlines()[1:]}
    users = {u["name"]: u["public_key"] for u in json.loads(cmd.out("user", "list", "--json"))}
    return BuiltStore(cmd, store_table, users, items)
