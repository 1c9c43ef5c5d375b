"""Signage benchmarks: frame render time and memory over 10,000 rotations.

    .venv/bin/python benchmarks/signage.py [--rotations 10000] [--seconds 6]

Runs the real signage QML offscreen (software renderer, 1536×768) on the demo pack and
prints: the p50/p95 time to render a frame during slide transitions with the ticker
running, the same for an empty Qt Quick window (the baseline, same run), their ratio,
and resident memory before and after N rotations. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine

from kiosk import config as config_module
from kiosk.config import ScreenConfig
from kiosk.qt import fonts
from kiosk.qt.app import Kiosk, ScreenOptions


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class FrameClock:
    """Render time of each frame: from the start of synchronisation to the end of rendering."""

    def __init__(self, window) -> None:
        self.samples: list[float] = []
        self._start = 0.0
        window.beforeSynchronizing.connect(self._begin)
        window.afterRendering.connect(self._end)

    def _begin(self) -> None:
        self._start = time.perf_counter()

    def _end(self) -> None:
        if self._start:
            self.samples.append((time.perf_counter() - self._start) * 1000)
            self._start = 0.0


def pump(app, seconds: float, every=None, period: float = 1.0) -> None:
    deadline = time.perf_counter() + seconds
    next_call = time.perf_counter() + period
    while time.perf_counter() < deadline:
        app.processEvents()
        if every is not None and time.perf_counter() >= next_call:
            every()
            next_call += period
        time.sleep(0.001)  # a benchmark driver, not a test: yield the core to the render loop


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rotations", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()

    app = QGuiApplication(sys.argv[:1])
    fonts.choose_font(app)

    # Baseline: an empty Qt Quick window with one animated rectangle (the floor of a frame).
    baseline_qml = Path(tempfile.mkdtemp(prefix="kiosk-bench-")) / "Baseline.qml"
    baseline_qml.write_text(
        "import QtQuick\nWindow { width: 1536; height: 768; visible: true; color: 'black';"
        " Rectangle { width: 100; height: 100; color: 'red';"
        " NumberAnimation on x { from: 0; to: 1400; duration: 2000; loops: Animation.Infinite } } }\n"
    )
    engine = QQmlApplicationEngine()
    engine.load(QUrl.fromLocalFile(str(baseline_qml)))
    baseline_window = engine.rootObjects()[0]
    baseline = FrameClock(baseline_window)
    print(f"baseline: rendering an empty animated window for {args.seconds:.0f} s…", flush=True)
    pump(app, args.seconds)
    baseline_window.close()

    state = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    config = config_module.from_table({"state_dir": str(state)})
    from dataclasses import replace

    config = replace(config, screens=(ScreenConfig(role="signage", screen=0, region=(0, 0, 1536, 768)),))
    kiosk = Kiosk(config, ScreenOptions())
    kiosk.start()
    while not kiosk.hub.ready:
        app.processEvents()
    vm = kiosk.view_models[0]
    window = kiosk.windows[0][1]
    frames = FrameClock(window)
    print(f"signage: transitions every second with the ticker running, {args.seconds:.0f} s…", flush=True)
    pump(app, args.seconds, every=vm.advance, period=1.0)

    b50, b95 = percentile(baseline.samples, 0.5), percentile(baseline.samples, 0.95)
    s50, s95 = percentile(frames.samples, 0.5), percentile(frames.samples, 0.95)
    print(f"frame render, empty window: p50 {b50:.2f} ms, p95 {b95:.2f} ms ({len(baseline.samples)} frames)")
    print(f"frame render, signage:      p50 {s50:.2f} ms, p95 {s95:.2f} ms ({len(frames.samples)} frames)")
    print(f"ratio signage/empty p95: {s95 / b95:.2f}x   (target: p95 <= 8 ms)")

    # Memory: warm up, then N rotations with the event loop running between them.
    for _ in range(200):
        vm.advance()
        app.processEvents()
    before = rss_mb()
    step = max(1, args.rotations // 10)
    for n in range(1, args.rotations + 1):
        vm.advance()
        app.processEvents()
        if n % step == 0:
            print(f"rotations: {n}/{args.rotations}, RSS {rss_mb():.1f} MB", flush=True)
    after = rss_mb()
    print(
        f"memory: RSS {before:.1f} MB -> {after:.1f} MB after {args.rotations} rotations "
        f"(growth {after - before:+.1f} MB; target <= 5 MB); peak {peak_mb():.1f} MB (target <= 300 MB)"
    )
    kiosk.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
