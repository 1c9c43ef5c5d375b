"""Child side of the signage rows: frame render time during a cross-fade with the ticker,
and resident memory over drawn rotations.

Renderer: whatever the environment names (the parent runs this once with Qt Quick's
software renderer offscreen and once with the OpenGL RHI on Mesa's llvmpipe under Xvfb);
``QSG_RENDER_LOOP=basic`` in both, so a frame is rendered on this thread and timed from
``beforeSynchronizing`` to ``frameSwapped`` (a GL driver may defer its work to the swap).
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from benchmarks.core import percentile

FLOOR_QML = b"""import QtQuick
Window {
    width: 1536; height: 768; visible: true; color: "black"
    Rectangle { id: a; anchors.fill: parent; color: "#8b1a1a"
        Text { text: "\\u515a\\u52a1\\u516c\\u5f00"; color: "white"; font.pixelSize: 96; anchors.centerIn: parent } }
    Rectangle { anchors.fill: parent; color: "#1a3a8b"
        Text { text: "\\u653f\\u52a1\\u516c\\u5f00"; color: "white"; font.pixelSize: 96; anchors.centerIn: parent }
        SequentialAnimation on opacity { loops: Animation.Infinite
            NumberAnimation { from: 0; to: 1; duration: 600 } PauseAnimation { duration: 400 }
            NumberAnimation { from: 1; to: 0; duration: 600 } PauseAnimation { duration: 400 } } }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 72; color: "#b3261e"; clip: true
        Text { y: 8; color: "white"; font.pixelSize: 48; text: "\\u7d27\\u6025\\u901a\\u77e5".repeat(12)
            NumberAnimation on x { from: 1536; to: -3000; duration: 12000; loops: Animation.Infinite } } }
    property int n: 0
    Text { objectName: "counter"; text: n; color: "white"; font.pixelSize: 24 }
}
"""


class FrameClock:
    """Render time of each frame of one window, in milliseconds, while ``on``."""

    def __init__(self, window) -> None:
        self.samples: list[float] = []
        self.swaps = 0
        self._start = 0.0
        window.beforeSynchronizing.connect(self.begin)
        window.frameSwapped.connect(self.swapped)

    def begin(self) -> None:
        self._start = time.perf_counter()

    def end(self) -> None:
        if self._start:
            self.samples.append((time.perf_counter() - self._start) * 1000)
            self._start = 0.0

    def swapped(self) -> None:
        self.swaps += 1
        self.end()


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def open_wall(state: Path, offscreen: bool):
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine

    from benchmarks.data import NOW
    from kiosk import config as config_module
    from kiosk.cache import ContentCache
    from kiosk.clock import FakeClock
    from kiosk.config import ScreenConfig
    from kiosk.content import Item, Priority
    from kiosk.qt import fonts
    from kiosk.qt.app import Kiosk, ScreenOptions

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    fonts.choose_font(app)
    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(FLOOR_QML))
    bare = engine.rootObjects()[0]
    config = replace(
        config_module.from_table({"state_dir": str(state)}),
        screens=(ScreenConfig(role="signage", screen=0, region=(0, 0, 1536, 768)),),
    )
    clock = FakeClock(NOW)
    wall = Kiosk(config, ScreenOptions(offscreen=offscreen), clock=clock)
    wall.start(open_cache=lambda cfg: ContentCache(state / "cache" / "content.sqlite3"))
    while not wall.hub.ready or wall.runner.pending:
        app.processEvents()
        time.sleep(0.005)
    urgent = Item(
        id="bench-urgent",
        revision=1,
        title="紧急通知：今日下午政务大厅暂停办理不动产登记业务",
        category="central-work",
        unit="service-hall-office",
        published_at=NOW - timedelta(minutes=1),
        priority=Priority.URGENT,
        expires_at=NOW + timedelta(days=30),
        body="紧急通知。",
    )
    wall.hub.apply_batch([urgent])  # the ticker runs
    while wall.runner.pending:
        app.processEvents()
    vm = wall.view_models[0]
    window = wall.windows[0][1]
    return app, engine, bare, wall, vm, window, clock


def pump(app, seconds: float, every=None, period: float = 1.0) -> None:
    deadline = time.perf_counter() + seconds
    next_call = time.perf_counter() + period
    while time.perf_counter() < deadline:
        app.processEvents()
        if every is not None and time.perf_counter() >= next_call:
            every()
            next_call += period
        time.sleep(0.001)  # a driver, not a test: yield the core to the render loop


def frames(args: dict) -> list[dict]:
    """Rounds: the floor window (a bare cross-fade of two full-window rectangles with
    text, and a scrolling ticker, same size) alone for S seconds, then the signage window
    alone for S seconds with a slide change every second; p95 of each."""
    app, engine, bare, wall, vm, window, clock = open_wall(Path(args["state"]), args["offscreen"])
    api = window.rendererInterface().graphicsApi().name
    clock_bare, clock_wall = FrameClock(bare), FrameClock(window)
    measured, floors = [], []
    for _ in range(args["rounds"]):
        window.hide()
        bare.show()
        clock_bare.samples.clear()
        pump(app, args["seconds"])
        floors.append(percentile(clock_bare.samples, 0.95))
        bare.hide()
        window.show()
        clock_wall.samples.clear()
        pump(app, args["seconds"], every=vm.advance)
        measured.append(percentile(clock_wall.samples, 0.95))
    wall.shutdown()
    del engine
    return [{"name": args["row"], "measured": measured, "floor": floors, "note": f"graphics API {api}"}]


def drawn(app, clock: FrameClock, window, step) -> None:
    """One rotation and the frame that draws it."""
    before = clock.swaps
    step()
    window.update()
    deadline = time.perf_counter() + 5
    while clock.swaps == before and time.perf_counter() < deadline:
        app.processEvents()


def rotations(args: dict) -> list[dict]:
    """RSS after N drawn rotations against after N/10 (time advanced by a slide's length,
    every slide's frame rendered); the floor: the same counts of drawn changes of a bare
    window's text."""
    app, engine, bare, wall, vm, window, clock = open_wall(Path(args["state"]), True)
    total, early = args["rotations"], args["rotations"] // 10
    bare_clock, wall_clock = FrameClock(bare), FrameClock(window)
    window.hide()
    marks = {}
    for n in range(1, total + 1):
        drawn(app, bare_clock, bare, lambda n=n: bare.setProperty("n", n))
        if n in (early, total):
            marks[f"floor {n}"] = rss_mb()
    bare.hide()
    window.show()
    slide = timedelta(seconds=30)  # the longest dwell: every advance is a new slide

    def step() -> None:
        clock.advance(slide)
        vm.advance()

    for n in range(1, total + 1):
        drawn(app, wall_clock, window, step)
        if n in (early, total):
            marks[f"wall {n}"] = rss_mb()
        if n % 500 == 0:
            print(f"rotations {n}/{total}", file=sys.stderr, flush=True)
    peak = peak_mb()
    wall.shutdown()
    del engine
    return [
        {
            "name": "RSS growth over rotations",
            "measured": [marks[f"wall {total}"] - marks[f"wall {early}"]],
            "floor": [marks[f"floor {total}"] - marks[f"floor {early}"]],
            "note": f"{total} vs {early} drawn rotations; peak RSS {peak:.0f} MB",
            "peak_mb": peak,
        }
    ]
