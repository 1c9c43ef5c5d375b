"""Child process for the start row: opens windows, prints one line when each has painted.

    python -m benchmarks.qt_start kiosk STATE_DIR | empty

``kiosk``: the kiosk's screens (the demo layout: touch and signage) on the cache in
STATE_DIR; ``empty``: one empty Qt Quick window (``Window {}`` loaded by a
``QQmlApplicationEngine``), the floor. Both in this same interpreter, imports and all;
the parent times from starting the process to the line. The line holds the peak RSS.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class FirstFrames:
    """Prints the line once every window has swapped a frame, then quits."""

    def __init__(self, app, windows) -> None:
        self.app = app
        self.waiting = set(range(len(windows)))
        for n, window in enumerate(windows):
            window.frameSwapped.connect(getattr(self, f"swapped_{min(n, 3)}"))

    def _swapped(self, n: int) -> None:
        self.waiting.discard(n)
        if not self.waiting:
            print(json.dumps({"peak_mb": peak_mb()}), flush=True)
            self.app.quit()

    def swapped_0(self) -> None:
        self._swapped(0)

    def swapped_1(self) -> None:
        self._swapped(1)

    def swapped_2(self) -> None:
        self._swapped(2)

    def swapped_3(self) -> None:
        self._swapped(3)


def empty() -> None:
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(b"import QtQuick\nWindow { width: 1920; height: 1080; visible: true }\n"))
    frames = FirstFrames(app, engine.rootObjects())
    app.exec()
    del frames


def kiosk(state: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from benchmarks.data import NOW
    from kiosk import config as config_module
    from kiosk.cache import ContentCache
    from kiosk.clock import FakeClock
    from kiosk.qt import fonts
    from kiosk.qt.app import Kiosk, ScreenOptions
    from kiosk.qt.startup import prepare_environment

    config = config_module.from_table({"state_dir": str(state)})
    options = ScreenOptions(offscreen=True, demo=True)
    prepare_environment(config, options)  # as the kiosk's own start does
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    fonts.choose_font(app)
    screens = Kiosk(config, options, clock=FakeClock(NOW))
    screens.start(open_cache=lambda cfg: ContentCache(state / "cache" / "content.sqlite3"))
    frames = FirstFrames(app, [w for _, w in screens.windows])
    app.exec()
    del frames
    screens.shutdown()


if __name__ == "__main__":
    if sys.argv[1] == "empty":
        empty()
    else:
        kiosk(Path(sys.argv[2]))
