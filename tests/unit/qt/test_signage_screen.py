"""The LED display on real QML: rotation of displayable items, withdrawal mid-slide, placement."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from support import NOW, Audience, make_item
from kiosk.config import ScreenConfig
from qt_support import find, window_of


def test_signage_rotates_only_displayable_items(qtbot, start_kiosk, clock):
    items = [
        make_item("a", category="central-work"),
        make_item("b", category="conduct"),
        make_item("internal", category="organisation", audience=Audience.INTERNAL),
        make_item("future", category="institutions", public_from=NOW + timedelta(days=1)),
    ]
    kiosk = start_kiosk(items)
    vm = kiosk.view_models[1]
    qtbot.waitUntil(lambda: vm.property("itemId") != "")
    seen = set()
    for _ in range(6):
        seen.add(vm.property("itemId"))
        clock.advance(timedelta(seconds=31))
        with qtbot.waitSignal(vm.slideChanged, timeout=2000):
            vm._slide_timer.check()
    assert seen == {"a", "b"}
    window = window_of(kiosk, "signage")
    assert find(window, "slideTitle").property("text").startswith("测试条目")


def test_withdrawn_item_leaves_mid_slide(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("keep", category="conduct"), make_item("withdrawn", category="central-work")])
    vm = kiosk.view_models[1]
    qtbot.waitUntil(lambda: vm.property("itemId") != "")
    shown = vm.property("itemId")
    with qtbot.waitSignal(vm.slideChanged, timeout=1000):
        kiosk.hub.cache.apply(removals=[shown])
        kiosk.hub.notify_changed()
    assert vm.property("itemId") not in ("", shown)


def test_empty_cache_shows_placeholder_not_error(qtbot, start_kiosk):
    kiosk = start_kiosk([])
    vm = kiosk.view_models[1]
    assert vm.property("hasSlide") is False


def test_windows_land_on_their_outputs_and_region(qtbot, start_kiosk, kiosk_config):
    config = replace(kiosk_config, screens=(
        ScreenConfig(role="touch", screen="HDMI-1"),
        ScreenConfig(role="signage", screen="LED-1", region=(0, 0, 384, 128)),
    ))
    kiosk = start_kiosk([make_item("a")], config=config)
    touch, signage = window_of(kiosk, "touch"), window_of(kiosk, "signage")
    assert touch.screen().name() == "HDMI-1"
    assert (touch.width(), touch.height()) == (1920, 1080)
    assert signage.screen().name() == "LED-1"
    assert (signage.x(), signage.y(), signage.width(), signage.height()) == (1920, 0, 384, 128)
    image = signage.grabWindow()
    assert (image.width(), image.height()) == (384, 128)
