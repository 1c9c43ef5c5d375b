"""A week of a kiosk's life in one process, on an injected clock, with its memory sampled.

The real kiosk (both screens' QML, offscreen) syncs from a store on loopback while the
clock moves a simulated week in five-minute steps: the wall rotates at every step, office
hours switch it off at night and at the weekend, the store publishes a new item every
simulated hour and withdraws the oldest, and a visitor leaves an opinion every half
hour of office time. Resident memory is sampled every simulated hour; the growth after the
first simulated day (warm-up: caches, QML components, fonts) must stay within 5 MB.

The store is the suite's fake store (it has no feedback endpoint, so opinions wait in the
outbox, as on a kiosk whose store is down); its feed lives 30 days so a week ahead of the
real clock it is still fresh. It runs in this process and keeps every version it signed, so
its own growth (about 1.5 MB of Python objects over the week, by tracemalloc) is counted in
the figure: an upper bound for the kiosk's. About 15 s here; -s prints the figures.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fake_store import FakeStore
from support import make_item
from sync_support import kiosk_config

from kiosk.clock import FakeClock
from kiosk.config import ScreenConfig
from kiosk.schedule import TimeRule

# A measurement more than a check (RSS depends on the machine's allocator and load): it runs
# with the soaks, ``pytest -m soak``, and its figure goes in the notes.
pytestmark = [pytest.mark.gui, pytest.mark.soak]

STEP = timedelta(minutes=5)
WEEK_STEPS = 7 * 24 * 12
HOUR = 12  # steps
GROWTH_LIMIT_MB = 5.0


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.fixture
def store():
    served = FakeStore(lifetime=timedelta(days=30)).start()
    yield served
    served.stop()


def test_a_simulated_week_keeps_memory_flat(qtbot, store, tmp_path):
    from kiosk.qt.app import Kiosk, ScreenOptions

    items = [make_item(f"item-{n}", title=f"第{n}号公开事项") for n in range(30)]
    store.publish(items)
    config = kiosk_config(store, tmp_path)
    hours = (TimeRule(days="mon-fri", start="08:30", end="17:30"),)
    config = replace(
        config,
        screens=(ScreenConfig(role="touch", screen="HDMI-1"), ScreenConfig(role="signage", screen="LED-1")),
        signage=replace(config.signage, hours=hours),
    )
    # From now on: the store signs its feed with the real time, which must not lie ahead.
    start = datetime.now(ZoneInfo("Asia/Shanghai"))
    clock = FakeClock(start)
    kiosk = Kiosk(config, ScreenOptions(), clock=clock)
    kiosk.start()
    try:
        for _, window in kiosk.windows:
            qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: kiosk.sync.has_synced, timeout=30_000)
        touch, signage = kiosk.view_models
        feedback = touch.property("feedback")
        samples, next_id, off_steps, opinions = [], len(items), 0, 0
        for step in range(1, WEEK_STEPS + 1):
            clock.advance(STEP)
            signage.advance()
            # The loop runs between steps: queued signals, and one frame drawn on each screen.
            for _, window in kiosk.windows:
                with qtbot.waitSignal(window.frameSwapped, timeout=10_000):
                    window.update()
            off_steps += not signage.property("displayOn")
            if step % HOUR == 0:
                # A new item, and the oldest withdrawn (the next version lacks it): the same
                # number of items all week, so memory that grows is not content that grows.
                items.append(make_item(f"item-{next_id}", title=f"第{next_id}号公开事项"))
                next_id += 1
                items.pop(0)
                version = store.publish(items)
                kiosk.sync.sync_now()
                qtbot.waitUntil(lambda v=version: kiosk.sync.status.feed_version == v, timeout=30_000)
                samples.append(rss_mb())
            local = clock.now().astimezone(start.tzinfo)
            if step % 6 == 0 and local.weekday() < 5 and 9 <= local.hour < 17:
                feedback.setKind("suggestion")
                feedback.setText(f"第{step}次模拟的意见：请增加办事指南的内容。")
                feedback.submit()
                opinions += 1
        warm, end = samples[24], samples[-1]
        print(
            f"week: {WEEK_STEPS} steps, {len(samples)} syncs, {opinions} opinions, wall off {off_steps} steps; "
            f"RSS after day 1 {warm:.1f} MB, after day 7 {end:.1f} MB (growth {end - warm:+.1f} MB), "
            f"max {max(samples):.1f} MB; by day: {', '.join(f'{m:.1f}' for m in samples[::24])}"
        )
        assert off_steps > WEEK_STEPS // 2, "office hours never switched the wall off"
        assert end - warm <= GROWTH_LIMIT_MB
    finally:
        kiosk.shutdown()
        kiosk.deleteLater()
        qtbot.waitUntil(lambda: True)
