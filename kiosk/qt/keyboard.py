"""Environment for the Qt Virtual Keyboard, set before the application object exists.

The keyboard is an input-method plugin of the PySide6 add-on wheel. Qt reads
``QT_IM_MODULE`` once, when the ``QGuiApplication`` is made, so this runs first. The
keyboard's panel is an ``InputPanel`` inside the touch window (screens/touch/KeyboardPanel.qml);
``QT_VIRTUALKEYBOARD_DESKTOP_DISABLE`` makes sure it never opens a window of its own,
which on a kiosk would be a second, unmanaged top-level window.
"""

from __future__ import annotations

import ctypes.util
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

IM_MODULE = "qtvirtualkeyboard"


def qml_import_dir() -> Path:
    """The PySide6 wheel's QML modules (QtQuick.VirtualKeyboard, QtQuick.Pdf live there)."""
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt" / "qml"


def prepare_environment() -> bool:
    """Select the virtual keyboard; returns False (and logs why) when it cannot load."""
    # The keyboard's QML components link against QtMultimedia, which needs libpulse at
    # run time: without it the plugin fails to load and the touch screen loses its keyboard.
    if ctypes.util.find_library("pulse") is None:
        log.error("no virtual keyboard: libpulse.so.0 is missing (on Debian: apt-get install libpulse0)")
        return False
    os.environ["QT_IM_MODULE"] = IM_MODULE
    os.environ["QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"] = "1"
    # Two warnings the keyboard's own modules print at every start, neither ours nor
    # actionable (facts.md): QtMultimedia probing for PipeWire, and a property note in the
    # keyboard's PopupList. Silenced by category so they do not drown real warnings.
    rules = [r for r in os.environ.get("QT_LOGGING_RULES", "").split(";") if r]
    for rule in ("qt.multimedia.symbolsresolver.warning=false", "qt.qml.propertyCache.append.warning=false"):
        if rule not in rules:
            rules.append(rule)
    os.environ["QT_LOGGING_RULES"] = ";".join(rules)
    qml_dir = str(qml_import_dir())
    current = [p for p in os.environ.get("QML_IMPORT_PATH", "").split(os.pathsep) if p]
    if qml_dir not in current:
        os.environ["QML_IMPORT_PATH"] = os.pathsep.join([*current, qml_dir])
    return True
