"""The deadline timer reads the clock: it fires at an instant, not after a count of ticks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import NOW

from kiosk.clock import FakeClock, SystemClock
from kiosk.qt.deadline import DeadlineTimer


@pytest.fixture
def fake_timer(qapp):
    clock = FakeClock(NOW)
    timer = DeadlineTimer(clock)
    yield clock, timer
    timer.stop()


def test_does_not_fire_before_the_clock_reaches_the_deadline(qtbot, fake_timer):
    clock, timer = fake_timer
    fired = []
    timer.reached.connect(lambda: fired.append(clock.now()))
    timer.set(NOW + timedelta(hours=1))
    timer.check()
    assert fired == []
    clock.advance(timedelta(minutes=59))
    timer.check()
    assert fired == []
    assert timer.deadline == NOW + timedelta(hours=1)


def test_fires_once_when_the_clock_jumps_past_the_deadline(qtbot, fake_timer):
    clock, timer = fake_timer
    timer.set(NOW + timedelta(hours=1))
    clock.advance(timedelta(days=3))  # a clock jump forwards
    with qtbot.waitSignal(timer.reached, timeout=1000):
        timer.check()
    assert timer.deadline is None


def test_real_clock_fires_on_its_own(qtbot, qapp):
    clock = SystemClock()
    timer = DeadlineTimer(clock)
    with qtbot.waitSignal(timer.reached, timeout=2000):
        timer.set(clock.now() + timedelta(milliseconds=50))
    assert timer.deadline is None


def test_none_cancels(qtbot, fake_timer):
    clock, timer = fake_timer
    timer.set(NOW + timedelta(seconds=1))
    timer.set(None)
    clock.advance(timedelta(seconds=5))
    with qtbot.assertNotEmitted(timer.reached):
        timer.check()
