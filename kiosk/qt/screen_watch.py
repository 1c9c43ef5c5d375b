"""Windows that follow their outputs: a configured screen that is not connected has no
window, one plugged in later gets its window, and one unplugged takes its window away.

Without this, Qt puts a window whose output is missing (or removed) on the primary
output — for a kiosk, the LED wall's slides fullscreen over the touch screen, where no
visitor can reach the categories any more.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QGuiApplication, QScreen, QWindow

from kiosk.config import ScreenConfig
from kiosk.qt import windows

log = logging.getLogger(__name__)


class ScreenWatch(QObject):
    """Shows each kiosk window on its configured output while that output is connected."""

    def __init__(
        self, app: QGuiApplication, placed: Sequence[tuple[QWindow, ScreenConfig]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._placed = list(placed)
        #: Indices of the windows whose output was found missing (each said once).
        self._missing: set[int] = set()
        app.screenAdded.connect(self._on_screen_added)
        app.screenRemoved.connect(self._on_screen_removed)
        self._follow()

    def stop(self) -> None:
        self._app.screenAdded.disconnect(self._on_screen_added)
        self._app.screenRemoved.disconnect(self._on_screen_removed)

    def absent(self) -> list[ScreenConfig]:
        """The configured screens that have no window now (their output is not connected)."""
        return [config for window, config in self._placed if not window.isVisible()]

    @Slot(QScreen)
    def _on_screen_added(self, _screen: QScreen) -> None:
        self._follow()

    @Slot(QScreen)
    def _on_screen_removed(self, screen: QScreen) -> None:
        self._follow(gone=screen)

    def _follow(self, gone: QScreen | None = None) -> None:
        # Every window is looked at again: outputs configured by number renumber when one
        # before them comes or goes.
        for index, (window, config) in enumerate(self._placed):
            screen = windows.find_screen(self._app, config.screen, gone)
            if screen is None:
                if index not in self._missing:
                    self._missing.add(index)
                    log.warning(
                        "%s screen %r is not connected (outputs: %s): no %s window until it is",
                        config.role,
                        config.screen,
                        _outputs(self._app, gone),
                        config.role,
                    )
                window.hide()
                continue
            self._missing.discard(index)
            if not window.isVisible() or window.screen() is not screen:
                windows.show_on(window, screen, config)
                geometry = window.geometry()
                log.info(
                    "%s window on %s at %d,%d %dx%d",
                    config.role,
                    screen.name(),
                    geometry.x(),
                    geometry.y(),
                    geometry.width(),
                    geometry.height(),
                )


def _outputs(app: QGuiApplication, gone: QScreen | None) -> str:
    names = [s.name() for s in app.screens() if s is not gone]
    return ", ".join(f"{i}: {name}" for i, name in enumerate(names)) or "none"
