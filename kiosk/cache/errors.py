"""What can go wrong with the content cache, as exceptions whose message is the line to show."""

from __future__ import annotations


class CacheError(RuntimeError):
    """The cache cannot be opened or written; the message says why and what to do."""


class CacheRebuilt(CacheError):
    """The cache was found damaged during a write and rebuilt; the write was not applied."""


class CacheFull(CacheError):
    """The disk holding the cache is full; the write was not applied (nothing changed)."""
