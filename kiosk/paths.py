"""Where the project's own files and the user's state live on disk."""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout (or editable install) root: ``config/``, ``assets/`` and ``screens/`` sit here.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = PROJECT_ROOT / "config"
ASSETS_DIR = PROJECT_ROOT / "assets"
SCREENS_DIR = PROJECT_ROOT / "screens"
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
