"""Proof of play on the real wall (injected clock): the off-hours span at start, then every
slide with its item, revision and page; the spans add up to the time that passed."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from support import make_item

from kiosk import playlog
from kiosk.config import SignageConfig
from kiosk.schedule import TimeRule

# NOW is 14:00 in Shanghai on a Thursday: hours that ended at noon put the wall off at start.
HOURS = (TimeRule("mon-sun", "08:00", "12:00"),)


def test_the_wall_logs_what_it_showed(qtbot, start_kiosk, kiosk_config, clock):
    config = replace(kiosk_config, signage=SignageConfig(hours=HOURS))
    kiosk = start_kiosk([make_item("a"), make_item("b")], config=config)
    vm = kiosk.view_models[1]
    started = clock.now()
    clock.advance(timedelta(hours=18, seconds=1))  # 08:00:01 on Friday: office hours
    with qtbot.waitSignal(vm.slideChanged, timeout=2000):
        vm._slide_timer.check()
    for _ in range(6):
        clock.advance(timedelta(seconds=31))
        vm._slide_timer.check()
    vm.stop()
    spans = list(playlog.read(config.state_dir))
    assert spans[0].kind == "off-hours" and spans[0].duration == 18 * 3600 + 1
    shown = {(s.item, s.revision) for s in spans if s.kind == "slide"}
    assert shown == {("a", 1), ("b", 1)} and all(s.page >= 1 for s in spans if s.kind == "slide")
    assert sum(s.duration for s in spans) == (clock.now() - started).total_seconds()
