"""Files and folders the store writes, owner-only whatever the umask.

The store's database holds visitors' names and telephone numbers and its data directory
the store key: each file is created 0600 and each folder 0700 (then set to exactly that,
since a umask can take away the owner's own bits too). SQLite creates its ``-wal`` and
``-shm`` files with the mode of the database file, so creating that one owner-only is
enough for all three. A database file found readable by others is tightened, once.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from kiosk import paths

log = logging.getLogger("kiosk.store")

FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """``path`` as an owner-only folder (the kiosk's rule: :func:`kiosk.paths.private_dir`)."""
    return paths.private_dir(path)


def private_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only if it is missing; tighten it if others may read it."""
    path = Path(path)
    if not path.parent.exists():  # made owner-only; a folder that exists is not ours to change
        paths.private_dir(path.parent)
    try:
        loose = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        loose = 0
    paths.private_file(path)
    if loose & 0o077:
        log.warning("%s was readable by others (mode %o); made owner-only", path, loose)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (replacing what it held), owner-only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # not a terminal or a pipe named on the command line
            os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            fd = -1
            out.write(data)
    finally:
        if fd >= 0:
            os.close(fd)
