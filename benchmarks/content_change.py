"""Start-up time and the work one content change costs the screens, measured, not asserted.

    .venv/bin/python benchmarks/content_change.py [--items 10000] [--changes 5]

With ``--items`` cached items and both screens (touch and signage, offscreen, software
renderer):

- start: seconds from process start to the touch window's first frame, and to the
  first frame after the content is loaded (each in a fresh process);
- per content change (one item revised, one added, one removed): item rows the screens
  read from the cache and pinyin keys they computed until every worker is idle again,
  and the milliseconds that took. Rows are counted where the cache turns a row into an
  :class:`~kiosk.content.Item`; keys where :func:`kiosk.search.pinyin_key` runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

T0 = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
os.environ.setdefault("KIOSK_SPEECH_ENGINE", "none")

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
CATEGORIES = ["central-work", "political-study", "organisation", "conduct", "institutions"]
UNITS = ["party-group", "research-office", "foreign-affairs-office", "service-hall-office"]


class Counters:
    rows = 0
    keys = 0


def install_counters() -> None:
    """Count rows turned into items and pinyin keys computed (wrapping the two functions)."""
    from kiosk import search
    from kiosk.cache import content_cache

    # The cache's row-to-item function (named _row_item before the cache was split up).
    name = "row_item" if hasattr(content_cache, "row_item") else "_row_item"
    row_item, pinyin_key = getattr(content_cache, name), search.pinyin_key

    def counted_row(*args, **kwargs):
        Counters.rows += 1
        return row_item(*args, **kwargs)

    def counted_key(*args, **kwargs):
        Counters.keys += 1
        return pinyin_key(*args, **kwargs)

    setattr(content_cache, name, counted_row)
    search.pinyin_key = counted_key


def make_item(i: int, revision: int = 1):
    from kiosk.content import Item

    return Item(
        id=f"item-{i:05d}",
        revision=revision,
        title=f"党务公开第{i}号（第{revision}版）",
        category=CATEGORIES[i % 5],
        unit=UNITS[i % 4],
        published_at=NOW - timedelta(minutes=i),
        body="党务公开内容。" * 40,
    )


def make_kiosk(cache_file: Path):
    from PySide6.QtGui import QGuiApplication

    from kiosk import config as config_module
    from kiosk.cache import ContentCache
    from kiosk.clock import FakeClock
    from kiosk.qt import keyboard
    from kiosk.qt.app import Kiosk, ScreenOptions

    keyboard.prepare_environment()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    config = config_module.from_table({"state_dir": str(cache_file.parent.parent)})
    kiosk = Kiosk(config, ScreenOptions(offscreen=True, demo=True), clock=FakeClock(NOW))
    kiosk.start(open_cache=lambda cfg: ContentCache(cache_file))
    return app, kiosk


def settle(app, kiosk) -> None:
    """Until the cache is open and no worker has anything to do (a benchmark driver)."""
    while not kiosk.hub.ready or kiosk.runner.pending:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()


def apply_change(kiosk, upserts, removals) -> None:
    """Write one batch and tell the screens, the way the sync does."""
    hub = kiosk.hub
    if hasattr(hub, "apply_batch"):
        hub.apply_batch(upserts, removals)
    else:  # the hub before it carried changes
        hub.cache.apply(upserts, removals=removals)
        hub.notify_changed()


def startup(cache_file: Path) -> None:
    """In a fresh process: print seconds to the first frame and to the first frame with content."""
    app, kiosk = make_kiosk(cache_file)
    window = next(w for role, w in kiosk.windows if role == "touch")
    marks: dict[str, float] = {}

    def on_swap() -> None:
        marks.setdefault("first", time.perf_counter() - T0)
        if kiosk.hub.ready and not kiosk.runner.pending:
            marks.setdefault("content", time.perf_counter() - T0)

    window.frameSwapped.connect(on_swap)
    while "content" not in marks:
        app.processEvents()
        if kiosk.hub.ready and not kiosk.runner.pending and "first" in marks:
            window.update()
        time.sleep(0.001)
    print(f"{marks['first']:.3f} {marks['content']:.3f}")
    kiosk.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--startups", type=int, default=3)
    parser.add_argument("--startup-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_of:
        startup(args.startup_of)
        return 0
    from kiosk.cache import ContentCache

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        cache_file = Path(tmp) / "state" / "cache" / "content.sqlite3"
        cache = ContentCache(cache_file)
        cache.apply([make_item(i) for i in range(args.items)], replace_all=True)
        cache.close()
        print(f"{args.items} items cached; machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        firsts, contents = [], []
        for _ in range(args.startups):
            out = subprocess.run(
                [sys.executable, __file__, "--startup-of", str(cache_file)], check=True, capture_output=True, text=True
            ).stdout.split()
            firsts.append(float(out[0]))
            contents.append(float(out[1]))
        print(
            f"start to first frame: median {sorted(firsts)[len(firsts) // 2]:.3f} s; to first frame with "
            f"{args.items} items loaded and indexed: median {sorted(contents)[len(contents) // 2]:.3f} s "
            f"(n={args.startups})"
        )

        install_counters()
        app, kiosk = make_kiosk(cache_file)
        settle(app, kiosk)
        vm = next(v for v in kiosk.view_models if hasattr(v, "start"))
        vm.start()  # a visitor at home: the category counts are on screen
        settle(app, kiosk)
        kinds = {
            "one item revised": lambda n: ([make_item(n, revision=2 + n)], []),
            "one item added": lambda n: ([make_item(args.items + n)], []),
            "one item removed": lambda n: ([], [f"item-{n + 100:05d}"]),
        }
        for name, batch in kinds.items():
            rows, keys, ms = [], [], []
            for n in range(args.changes):
                Counters.rows = Counters.keys = 0
                upserts, removals = batch(n)
                t = time.perf_counter()
                apply_change(kiosk, upserts, removals)
                settle(app, kiosk)
                ms.append((time.perf_counter() - t) * 1000)
                rows.append(Counters.rows)
                keys.append(Counters.keys)
            print(
                f"{name:<18} among {args.items}: item rows read {max(rows):>6}, pinyin keys computed "
                f"{max(keys):>6}, median {sorted(ms)[len(ms) // 2]:7.1f} ms until idle (n={args.changes})"
            )
        kiosk.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
