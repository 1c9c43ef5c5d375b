"""The bundled demo content pack and the embedded default.

With no store configured, a kiosk shows the demo pack: its item files are imported into
the local cache on first use, and again whenever the pack changes (a fingerprint of the
pack's files is kept in the cache's meta table).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from kiosk import itemfile, paths
from kiosk.cache import ContentCache
from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.content import Audience

log = logging.getLogger(__name__)

SOURCE_KEY = "source"
FINGERPRINT_KEY = "demo_pack_fingerprint"


def pack_files(pack_dir: Path = paths.DEMO_PACK_DIR) -> list[Path]:
    return sorted((pack_dir / "items").glob("*.md"))


def fingerprint(pack_dir: Path = paths.DEMO_PACK_DIR) -> str:
    """A hash over the pack's item files and the media they could name."""
    digest = hashlib.sha256()
    for path in sorted(p for p in pack_dir.rglob("*") if p.is_file() and p.suffix != ".py"):
        digest.update(str(path.relative_to(pack_dir)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def import_pack(cache: ContentCache, catalog: Catalog, pack_dir: Path = paths.DEMO_PACK_DIR) -> int:
    """Replace the cache's content with the pack; returns how many items were kept."""
    items = []
    for path in pack_files(pack_dir):
        parsed = itemfile.read(path, catalog)
        item = parsed.to_item(default_id=path.stem)
        if item.audience is not Audience.PUBLIC:
            # The pack carries internal items to show that they stay off the screens; like
            # the store, the import never hands them to a kiosk.
            log.info("demo pack: %s is internal; not imported", item.id)
            continue
        for attached in parsed.attachments:
            cache.assets.put(attached.read())
        items.append(item)
    kept = cache.apply(
        items,
        replace_all=True,
        meta={SOURCE_KEY: "demo-pack", FINGERPRINT_KEY: fingerprint(pack_dir)},
    )
    cache.assets.remove_unused(cache.referenced_assets())
    log.info("imported the demo pack: %d items", kept)
    return int(kept)


def ensure_imported(cache: ContentCache, catalog: Catalog, pack_dir: Path = paths.DEMO_PACK_DIR) -> bool:
    """Import the pack unless the cache already holds this exact pack; True if it imported."""
    if cache.get_meta(FINGERPRINT_KEY) == fingerprint(pack_dir) and cache.get_meta(SOURCE_KEY) == "demo-pack":
        return False
    import_pack(cache, catalog, pack_dir)
    return True


def refill(config: Config, then: Callable[[ContentCache], None] | None = None) -> Callable[[ContentCache], None]:
    """What refills a cache rebuilt after damage: the pack when no store is configured
    (a store's kiosk fetches a snapshot at its next sync); then ``then``, if given."""

    def refill_cache(cache: ContentCache) -> None:
        if not config.uses_store:
            ensure_imported(cache, config.catalog)
        if then is not None:
            then(cache)

    return refill_cache


def open_content(config: Config, on_rebuilt: Callable[[ContentCache], None] | None = None) -> ContentCache:
    """The kiosk's cache; with no store configured, filled from the demo pack (the embedded default).

    A cache file found damaged, now or later, is rebuilt and refilled (:func:`refill`);
    ``on_rebuilt`` is called after that, on the thread that found the damage.
    """
    cache = ContentCache(config.cache_file, on_rebuilt=refill(config, on_rebuilt))
    try:
        if not config.uses_store:
            ensure_imported(cache, config.catalog)
        elif cache.get_meta(SOURCE_KEY) == "demo-pack":
            # A kiosk now configured for a store must not show the demo pack as if it were
            # the office's content: it starts empty and fills from the store's snapshot.
            log.info("a store is configured: the demo pack leaves the cache")
            cache.apply([], replace_all=True, meta={SOURCE_KEY: "store", "feed_version": "0", "feed_expires_at": ""})
            cache.assets.remove_unused(cache.referenced_assets())
    except BaseException:
        cache.close()
        raise
    return cache
