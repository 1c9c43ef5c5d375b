"""The kiosk's local content cache: SQLite (WAL) through SQLAlchemy Core.

It holds the newest revision of every item the kiosk has received, their attachments'
bytes (content-addressed files beside the database) and a full-text index. It can always
be rebuilt from the store or the demo pack; the feedback outbox, which cannot, lives
elsewhere.
"""

from kiosk.cache.assets import AssetStore
from kiosk.cache.content_cache import ContentCache
from kiosk.cache.errors import CacheError, CacheFull, CacheRebuilt

__all__ = ["AssetStore", "CacheError", "CacheFull", "CacheRebuilt", "ContentCache"]
