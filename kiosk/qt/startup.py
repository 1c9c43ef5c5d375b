"""Before the kiosk's windows open: the options of a start, the environment Qt reads once,
the display check, and the start-up stages a test (or a slow start) can follow."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLoggingCategory

from kiosk.config import Config
from kiosk.qt import keyboard, windows

#: Set (to anything) to have the kiosk say on stderr when it reaches each start-up stage:
#: tests send signals at those moments, and a slow start shows where the time goes.
TRACE_STARTUP_ENV = "KIOSK_TRACE_STARTUP"


@dataclass(frozen=True)
class ScreenOptions:
    offscreen: bool = False
    screenshot_dir: Path | None = None
    quit_after: float | None = None
    demo: bool = False
    #: With ``screenshot_dir``: one PNG per touch-screen state (kiosk.qt.tour).
    tour: bool = False


class StartError(RuntimeError):
    """The screens could not be started; the message is the line to show."""


def prepare_environment(config: Config, options: ScreenOptions) -> None:
    """Environment Qt reads once, before the application object exists.

    Raises :class:`StartError` when there is no display to open windows on: Qt itself
    would abort the process with a page of plugin messages.
    """
    check_display(options)
    if options.offscreen:
        platform = "offscreen"
        if not options.demo:
            layout = windows.offscreen_screens_file(config.screens, Path(tempfile.mkdtemp(prefix="kiosk-qpa-")))
            platform = f"offscreen:configfile={layout}"
        os.environ["QT_QPA_PLATFORM"] = platform
        # No GPU offscreen: Qt Quick's software renderer draws into memory.
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
    # Everything Qt writes for this process stays in the state directory: the QML
    # compilation cache here, the keyboard's files in keyboard.user_data_dir.
    os.environ.setdefault("QML_DISK_CACHE_PATH", str(config.state_dir / "qmlcache"))
    keyboard.prepare_environment(config.state_dir)
    # Qt reads QT_LOGGING_RULES once, when something first logs — and defining a view model
    # class with a Qt enum (imported before this runs) already has. Applied again here so
    # the rules just set take effect all the same.
    QLoggingCategory.setFilterRules(os.environ.get("QT_LOGGING_RULES", "").replace(";", "\n"))


def check_display(options: ScreenOptions) -> None:
    """Raise :class:`StartError` when windows cannot be opened (no display, not offscreen)."""
    if not options.offscreen and not os.environ.get("QT_QPA_PLATFORM"):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            raise StartError(
                "no display to open windows on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                "start from a desktop session, or add --offscreen --screenshot DIR"
            )


def stage(name: str) -> None:
    """Say that start-up reached ``name``, when asked to (:data:`TRACE_STARTUP_ENV`)."""
    if os.environ.get(TRACE_STARTUP_ENV):
        print(f"kiosk: start-up stage {name}", file=sys.stderr, flush=True)
