"""Putting each screen's window on its physical output, in its region, the kiosk way."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QScreen, QWindow

from kiosk.config import ScreenConfig

log = logging.getLogger(__name__)

#: Window sizes of the demo when rendered offscreen: a 1080p touch screen and a 2:1 LED wall.
DEMO_SIZES = {"touch": (1920, 1080), "signage": (1536, 768)}
#: Size of each simulated output for ``run --offscreen``.
OFFSCREEN_OUTPUT = (1920, 1080)


def find_screen(app: QGuiApplication, wanted: str | int) -> QScreen:
    """The output named or numbered ``wanted``; the primary one (with a warning) if absent."""
    screens = app.screens()
    if isinstance(wanted, int) or (isinstance(wanted, str) and wanted.isdigit()):
        index = int(wanted)
        if 0 <= index < len(screens):
            return screens[index]
    else:
        for screen in screens:
            if screen.name() == wanted:
                return screen
    names = ", ".join(f"{i}: {s.name()}" for i, s in enumerate(screens))
    log.warning("screen %r not found (outputs: %s); using the primary screen", wanted, names)
    return app.primaryScreen()


def target_geometry(screen: QScreen, config: ScreenConfig) -> QRect:
    """The rectangle, in desktop coordinates, that the window must cover."""
    area = screen.geometry()
    if config.region is None:
        return area
    x, y, width, height = config.region
    return QRect(area.x() + x, area.y() + y, width, height)


def place_kiosk_window(window: QWindow, app: QGuiApplication, config: ScreenConfig) -> None:
    """Borderless, on its output, covering its region (or the whole output); shown once."""
    screen = find_screen(app, config.screen)
    window.setScreen(screen)
    window.setFlag(Qt.WindowType.FramelessWindowHint, True)
    window.setCursor(QCursor(Qt.CursorShape.BlankCursor))
    geometry = target_geometry(screen, config)
    window.setGeometry(geometry)
    if config.region is None:
        window.showFullScreen()
    else:
        # A region is a part of the output: a fullscreen window would cover all of it.
        window.setFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        window.show()


def place_demo_windows(windows: Sequence[tuple[str, QWindow]], app: QGuiApplication, offscreen: bool) -> None:
    """Ordinary windows side by side on whatever screen there is, scaled to fit it."""
    if offscreen:
        x = 0
        for role, window in windows:
            width, height = DEMO_SIZES[role]
            window.setGeometry(QRect(x, 0, width, height))
            window.show()
            x += width
        return
    area = app.primaryScreen().availableGeometry()
    gap = 16
    natural = sum(DEMO_SIZES[role][0] for role, _ in windows) + gap * (len(windows) - 1)
    scale = min(
        1.0, (area.width() - 2 * gap) / natural, (area.height() - 80) / max(DEMO_SIZES[r][1] for r, _ in windows)
    )
    x = area.x() + gap
    for role, window in windows:
        width, height = (round(v * scale) for v in DEMO_SIZES[role])
        window.setGeometry(QRect(x, area.y() + 40, width, height))
        window.show()
        x += width + gap


def offscreen_screens_file(screens: tuple[ScreenConfig, ...], directory: Path) -> Path:
    """A screen layout for Qt's offscreen platform with one 1080p output per configured screen.

    Outputs named in the configuration keep their names; numbered ones are created up to
    the highest number, so the same configuration places windows the same way offscreen.
    """
    names = [s.screen for s in screens if isinstance(s.screen, str) and not s.screen.isdigit()]
    numbers = [int(s.screen) for s in screens if isinstance(s.screen, int) or str(s.screen).isdigit()]
    count = max(numbers, default=-1) + 1
    outputs = [f"OFFSCREEN-{i}" for i in range(count)] + names
    width, height = OFFSCREEN_OUTPUT
    layout = {
        "screens": [
            {
                "name": name,
                "x": i * width,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
            for i, name in enumerate(outputs or ["OFFSCREEN-0"])
        ]
    }
    path = directory / "offscreen-screens.json"
    path.write_text(json.dumps(layout), encoding="utf-8")
    return path
