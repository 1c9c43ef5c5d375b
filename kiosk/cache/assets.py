"""Attachment bytes on disk, named by their sha256 and checked on the way in and out.

Folders are 0700 and files 0600 whatever the umask: the state directory is owner-only.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kiosk import paths

_SHA256 = re.compile(r"[0-9a-f]{64}")


class AssetError(ValueError):
    pass


class AssetStore:
    """A folder of immutable files, ``ab/abcdef…``: the name is the hash of the bytes."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        paths.private_dir(self.root)

    def path(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            # The name comes from feeds and from QML image URLs: never let it become a path.
            raise AssetError(f"not a sha256: {sha256[:80]!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store ``data``; when ``sha256`` is given the bytes must match it."""
        digest = hashlib.sha256(data).hexdigest()
        if sha256 is not None and digest != sha256:
            raise AssetError(f"bytes do not match their hash: expected {sha256}, got {digest}")
        target = self.path(digest)
        if target.is_file():
            return digest
        paths.private_dir(target.parent)
        # Write, flush to disk, then rename: a crash leaves either no file or the whole file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def adopt(self, staged: Path, sha256: str) -> None:
        """Move in a file already written, fsynced and checked against ``sha256`` by the caller.

        The sync client streams large attachments to a staging file (same file system)
        while hashing them, rather than holding them in memory for :meth:`put`.
        """
        target = self.path(sha256)
        paths.private_dir(target.parent)
        os.chmod(staged, 0o600)  # written by the downloader, under whatever umask it had
        os.replace(staged, target)

    def read(self, sha256: str) -> bytes:
        """The bytes, re-checked against their name (a flipped bit on disk is not served)."""
        data = self.path(sha256).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise AssetError(f"asset {sha256} is damaged on disk")
        return data

    def remove_unused(self, keep: Iterable[str]) -> int:
        """Delete every stored file not named in ``keep``; returns how many went."""
        keep = set(keep)
        removed = 0
        for path in self.root.glob("??/*"):
            if path.name not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
