"""Where a sync keeps downloaded attachments until its cache commit: one folder per attempt.

An attempt downloads every attachment it lacks into a fresh folder under the staging
root (``batch-PID-…``), and moves them into the asset store only once everything verified;
a refused or failed attempt leaves the asset store as it was. A folder whose process is
gone (a kill, a power cut), or that is older than any attempt runs, is a leftover and is
removed by the next attempt.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

#: Staging folders older than this are leftovers of a killed process.
STALE_AFTER = 3600.0


def new_batch(root: Path) -> Path:
    """A fresh, empty folder for one attempt's downloads, after removing leftovers."""
    clean_stale(root)
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"batch-{os.getpid()}-", dir=root))


def clean_stale(root: Path) -> None:
    """Remove staging folders of processes that died mid-sync."""
    if not root.is_dir():
        return
    cutoff = time.time() - STALE_AFTER
    for path in root.iterdir():
        try:
            pid = int(path.name.split("-")[1])
            stale = not alive(pid) or path.stat().st_mtime < cutoff
        except (IndexError, ValueError, OSError):
            stale = True
        if stale:
            shutil.rmtree(path, ignore_errors=True)


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (one of another user counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
