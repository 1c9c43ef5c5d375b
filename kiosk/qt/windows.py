"""Putting each screen's window on its physical output, in its region, the kiosk way, and
keeping visitors in it.

Lockdown, as far as the application's power goes: every kiosk window is frameless,
fullscreen (or exactly its region) and kept on top; the signage window never shows a
pointer, a touch window only when its configuration says so. :class:`KeyLock` filters the
whole application: the key combinations that close or leave a window (Alt+F4, Ctrl+Q,
Ctrl+W, Escape, F11...) never reach one, and a close asked for by the window system is
refused. What the session must add (no VT switching, no desktop shortcuts) is the
compositor's or the X server's to switch off: the README's deployment section says how.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent, QKeySequence, QScreen, QWindow

from kiosk.config import ScreenConfig

log = logging.getLogger(__name__)

#: Window sizes of the demo when rendered offscreen: a 1080p touch screen and a 2:1 LED wall.
DEMO_SIZES = {"touch": (1920, 1080), "signage": (1536, 768)}
#: Size of each simulated output for ``run --offscreen``.
OFFSCREEN_OUTPUT = (1920, 1080)


#: How Xwayland before 23.1 names its outputs: not after the compositor's (no X client can
#: learn those), so a screen named in the configuration is never found among them.
_XWAYLAND_OUTPUT = re.compile(r"^XWAYLAND[0-9]+$")


def compositor_places(app: QGuiApplication) -> bool:
    """Whether the compositor, not the kiosk, puts each window on its output.

    So on Wayland, and for an X client of an Xwayland that hides the compositor's output
    names: there the rules ``kiosk sway-config`` writes match the windows' titles. (A newer
    Xwayland names its outputs as the compositor does; the kiosk then places and follows
    its windows itself, as on any X server.)
    """
    if app.platformName() == "wayland":
        return True
    names = [screen.name() for screen in app.screens()]
    return bool(names) and all(_XWAYLAND_OUTPUT.match(name) for name in names)


def find_screen(app: QGuiApplication, wanted: str | int, gone: QScreen | None = None) -> QScreen | None:
    """The output named or numbered ``wanted``, or None when it is not connected.

    ``gone`` is an output being removed: Qt still lists it while it says so.
    """
    screens = [s for s in app.screens() if s is not gone]
    if isinstance(wanted, int) or (isinstance(wanted, str) and wanted.isdigit()):
        index = int(wanted)
        return screens[index] if 0 <= index < len(screens) else None
    return next((s for s in screens if s.name() == wanted), None)


def target_geometry(screen: QScreen, config: ScreenConfig) -> QRect:
    """The rectangle, in desktop coordinates, that the window must cover."""
    area = screen.geometry()
    if config.region is None:
        return area
    x, y, width, height = config.region
    return QRect(area.x() + x, area.y() + y, width, height)


def place_kiosk_window(window: QWindow, app: QGuiApplication, config: ScreenConfig) -> None:
    """Borderless, without a pointer where it needs none; where the compositor places
    windows also shown, elsewhere left for :class:`kiosk.qt.screen_watch.ScreenWatch`.

    Where the compositor places and sizes windows, by their titles (kiosk.compositor), a
    client cannot choose its output, and its own fullscreen request before the window is
    placed draws a configure event of size zero, which Qt warns about.
    """
    window.setFlag(Qt.WindowType.FramelessWindowHint, True)
    window.setFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    # The LED display never shows a pointer (its configuration cannot ask for one).
    shape = Qt.CursorShape.ArrowCursor if config.cursor else Qt.CursorShape.BlankCursor
    window.setCursor(QCursor(shape))
    if compositor_places(app):
        if config.region is not None:
            window.resize(config.region[2], config.region[3])
        window.show()
        return
    # Placed on its output by kiosk.qt.screen_watch, which follows outputs coming and going.


def show_on(window: QWindow, screen: QScreen, config: ScreenConfig) -> None:
    """The window on ``screen``, covering its region (or the whole output)."""
    window.setScreen(screen)
    window.setGeometry(target_geometry(screen, config))
    if config.region is None:
        window.showFullScreen()
    else:
        # A region is a part of the output: a fullscreen window would cover all of it.
        window.show()


def describe(window: QWindow, config: ScreenConfig) -> dict[str, object]:
    """A window as the heartbeat reports it: its output, role and the region it covers."""
    screen = window.screen() if window.isVisible() else None  # a hidden window: output absent
    if config.region is not None:
        region = list(config.region)
    else:
        area = screen.geometry() if screen is not None else window.geometry()
        region = [0, 0, area.width(), area.height()]
    return {"name": screen.name() if screen is not None else "", "role": config.role, "region": region}


#: Keys that close, quit or leave a window whatever modifiers come with them.
_BLOCKED_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_F11, Qt.Key.Key_Close, Qt.Key.Key_Exit}
_BLOCKED_SEQUENCES = (
    QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.FullScreen,
    QKeySequence.StandardKey.Cancel,
)
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


class KeyLock(QObject):
    """An application-wide event filter: no key combination closes or leaves a kiosk window,
    and no close from the window system is obeyed (the kiosk's own quit still closes them)."""

    def __init__(self, app: QGuiApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        app.installEventFilter(self)
        #: Key events kept from the windows (for the logs and the tests).
        self.blocked = 0
        self._quitting = False

    def release(self) -> None:
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEY_EVENTS and isinstance(event, QKeyEvent) and _leaves(event):
            self.blocked += 1
            return True
        if kind == QEvent.Type.Quit:
            # The kiosk's own quit (``--quit-after``, SIGTERM, the admin overlay): Qt 6 turns
            # it into a spontaneous close of every window, which must not be refused.
            self._quitting = True
        elif kind == QEvent.Type.Close and isinstance(watched, QWindow) and event.spontaneous() and not self._quitting:
            event.ignore()  # the window manager's close button or its Alt+F4
            # One line each: the IT person learns that someone (or a misconfigured desktop)
            # keeps trying, and a test learns that the request arrived.
            log.info("close of window %r from the window system refused", watched.title())
            return True
        return False


def _leaves(event: QKeyEvent) -> bool:
    key = event.key()
    if key in _BLOCKED_KEYS:
        return True
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and event.modifiers() & (
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    ):
        return True  # Alt+Tab, Super+Tab: switching away
    if key in (Qt.Key.Key_Q, Qt.Key.Key_W) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return True  # quit, close: named here too, as some platforms' key bindings lack them
    return any(event.matches(sequence) for sequence in _BLOCKED_SEQUENCES)


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
