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


def test_the_log_is_written_off_the_ui_thread(qtbot, start_kiosk, kiosk_config, clock, monkeypatch):
    import os
    import threading

    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(threading.current_thread().name)
        real_fsync(fd)

    monkeypatch.setattr(playlog.os, "fsync", fsync)
    kiosk = start_kiosk([make_item("a"), make_item("b")], config=kiosk_config)
    vm = kiosk.view_models[1]
    for _ in range(4):
        clock.advance(timedelta(seconds=31))
        vm._slide_timer.check()
    vm.stop()  # the span on screen too is on disk when stop returns
    spans = list(playlog.read(kiosk_config.state_dir))
    assert len(spans) == len(synced) >= 4
    assert all(name.startswith("kiosk-playlog") for name in synced), synced
