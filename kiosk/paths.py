"""Where the project's own files and the user's state live on disk, and how the state is made.

Everything the kiosk writes under its state directory (cache, outbox, assets, logs) holds
or sits beside visitors' personal data, so it is created owner-only — folders 0700, files
0600 — whatever the umask of whoever started the process (:func:`private_dir`,
:func:`private_file`). The command line also sets the process umask to 0077, which covers
files that libraries create (Qt's screenshots, rotated logs).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The checkout (or editable install) root: ``config/``, ``assets/`` and ``screens/`` sit here.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: An installed wheel carries them inside the package instead (the build copies them: setup.py).
SHIPPED_DIR = Path(__file__).resolve().parent / "share"
#: Where the programs read their files: inside the package once installed, else the checkout.
FILES_ROOT = SHIPPED_DIR if SHIPPED_DIR.is_dir() else PROJECT_ROOT
CONFIG_DIR = FILES_ROOT / "config"
ASSETS_DIR = FILES_ROOT / "assets"
SCREENS_DIR = FILES_ROOT / "screens"
DEMO_PACK_DIR = ASSETS_DIR / "demo"

DEFAULT_CONFIG_FILE = CONFIG_DIR / "kiosk.toml"
CATALOG_FILE = CONFIG_DIR / "catalog.toml"

APP_DIR_NAME = "lobby-kiosk"


def xdg_state_home() -> Path:
    """``$XDG_STATE_HOME`` or its documented default, ``~/.local/state``."""
    value = os.environ.get("XDG_STATE_HOME", "")
    # The XDG spec says relative values are invalid and must be ignored.
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "state"


def default_state_dir() -> Path:
    return xdg_state_home() / APP_DIR_NAME


#: The umask the kiosk runs under: nothing it creates is readable by group or others.
PRIVATE_UMASK = 0o077


def private_dir(path: Path) -> Path:
    """Make ``path`` (and any missing parents) a folder only its owner can enter: 0700."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask, never widened
    if not missing and not os.stat(path).st_mode & stat.S_ISVTX:  # never a shared /tmp
        tighten(path)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty if it does not exist, owner-only (0600); tighten it if it does."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except FileExistsError:
        tighten(path)
        return path
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return path


def tighten(path: Path) -> None:
    """Remove group and other permissions from an existing file or folder of ours."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)


def private_opener(path: str, flags: int) -> int:
    """An ``opener`` for :func:`open` that creates files 0600 whatever the umask."""
    fd = os.open(path, flags, 0o600)
    if flags & os.O_CREAT:
        tighten(Path(path))
    return fd
