"""A configured screen that is not connected gets no window, and the touch screen is never
covered: real QML on the offscreen outputs of tests/data/screens.json (HDMI-1, LED-1).

The offscreen platform cannot add or remove an output while the application runs (its
layout file is read once, and the call that changes it is not reachable from Python):
outputs coming and going are driven for real under Xvfb with xrandr monitors in
tests/end2end/test_screen_hotplug.py. Here the watch's reaction to a removal is driven
through the same slot Qt's ``screenRemoved`` reaches.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from support import make_item

from kiosk.config import ScreenConfig


def window_of(kiosk, role):
    return next(w for r, w in kiosk.windows if r == role)


def test_a_wall_on_an_absent_output_has_no_window_and_the_touch_screen_stays_uncovered(
    start_kiosk, kiosk_config, caplog
):
    config = replace(
        kiosk_config,
        screens=(ScreenConfig(role="touch", screen="HDMI-1"), ScreenConfig(role="signage", screen="LED-9")),
    )
    with caplog.at_level(logging.WARNING, logger="kiosk.qt.screen_watch"):
        kiosk = start_kiosk([make_item("a")], config=config)
    touch, wall = window_of(kiosk, "touch"), window_of(kiosk, "signage")
    assert touch.isVisible() and touch.screen().name() == "HDMI-1"
    assert touch.geometry() == touch.screen().geometry()
    assert not wall.isVisible()  # not fullscreen on the primary output, over the touch screen
    assert [c.screen for c in kiosk.screen_watch.absent()] == ["LED-9"]
    assert any("'LED-9' is not connected" in r.getMessage() for r in caplog.records)


def test_a_numbered_output_past_the_last_has_no_window(start_kiosk, kiosk_config):
    config = replace(
        kiosk_config, screens=(ScreenConfig(role="touch", screen=0), ScreenConfig(role="signage", screen=2))
    )
    kiosk = start_kiosk([make_item("a")], config=config)
    assert window_of(kiosk, "touch").isVisible()
    assert not window_of(kiosk, "signage").isVisible()


def test_an_output_removed_takes_its_window_away_and_leaves_the_others(start_kiosk, kiosk_config):
    from PySide6.QtGui import QGuiApplication

    kiosk = start_kiosk([make_item("a")], config=kiosk_config)
    touch, wall = window_of(kiosk, "touch"), window_of(kiosk, "signage")
    assert wall.isVisible() and wall.screen().name() == "LED-1"
    led = next(s for s in QGuiApplication.screens() if s.name() == "LED-1")
    kiosk.screen_watch._on_screen_removed(led)
    assert not wall.isVisible()
    assert touch.isVisible() and touch.screen().name() == "HDMI-1"
    kiosk.screen_watch._on_screen_added(led)  # back (still listed offscreen): shown on it again
    assert wall.isVisible() and wall.screen().name() == "LED-1"
    assert wall.geometry() == led.geometry()


class _Named:
    """An output as :func:`compositor_places` reads it: its name only."""

    def __init__(self, name):
        self._name = name

    def name(self):
        return self._name


class _Platform:
    """Stands in for the application where the offscreen platform cannot: its outputs are
    fixed for the run, so Xwayland's names are given here (sway's Xwayland itself is
    driven in tests/end2end/test_wayland.py)."""

    def __init__(self, platform, *names):
        self._platform, self._names = platform, names

    def platformName(self):  # noqa: N802 - Qt's name
        return self._platform

    def screens(self):
        return [_Named(n) for n in self._names]


def test_the_compositor_places_windows_on_wayland_and_under_an_xwayland_that_hides_output_names(qapp):
    from kiosk.qt.windows import compositor_places

    assert not compositor_places(qapp)  # the offscreen outputs HDMI-1 and LED-1
    assert compositor_places(_Platform("wayland", "HEADLESS-1"))
    assert compositor_places(_Platform("xcb", "XWAYLAND0", "XWAYLAND1"))
    assert not compositor_places(_Platform("xcb", "XWAYLAND0", "HDMI-1"))
    assert not compositor_places(_Platform("xcb", "HEADLESS-1", "HEADLESS-2"))  # Xwayland 23.1+
    assert not compositor_places(_Platform("xcb"))  # no output at all: the watch waits for one
