"""The LED display on real QML: rotation of displayable items, withdrawal mid-slide, placement."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from qt_support import find, window_of
from support import NOW, Audience, make_item

from kiosk.config import ScreenConfig


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
        kiosk.hub.apply_batch(removals=[shown])
    assert vm.property("itemId") not in ("", shown)


def test_empty_cache_shows_placeholder_not_error(qtbot, start_kiosk):
    kiosk = start_kiosk([])
    vm = kiosk.view_models[1]
    assert vm.property("hasSlide") is False


def test_windows_land_on_their_outputs_and_region(qtbot, start_kiosk, kiosk_config):
    config = replace(
        kiosk_config,
        screens=(
            ScreenConfig(role="touch", screen="HDMI-1"),
            ScreenConfig(role="signage", screen="LED-1", region=(0, 0, 384, 128)),
        ),
    )
    kiosk = start_kiosk([make_item("a")], config=config)
    touch, signage = window_of(kiosk, "touch"), window_of(kiosk, "signage")
    assert touch.screen().name() == "HDMI-1"
    assert (touch.width(), touch.height()) == (1920, 1080)
    assert signage.screen().name() == "LED-1"
    assert (signage.x(), signage.y(), signage.width(), signage.height()) == (1920, 0, 384, 128)
    image = signage.grabWindow()
    assert (image.width(), image.height()) == (384, 128)


def test_ticker_runs_urgent_titles_and_hides_without_them(qtbot, start_kiosk):
    from kiosk.content import Cadence, Priority

    urgent = make_item("u", title="停车场施工提示", priority=Priority.URGENT, cadence=Cadence.AD_HOC)
    kiosk = start_kiosk([make_item("a"), urgent])
    vm, window = kiosk.view_models[1], window_of(kiosk, "signage")
    assert "停车场施工提示" in vm.property("tickerText")
    ticker = find(window, "ticker")
    assert ticker.property("visible") is True
    strip = find(window, "tickerStrip")
    start_x = strip.property("x")
    # The strip moves by itself, frame by frame.
    qtbot.waitUntil(lambda: strip.property("x") < start_x - 5, timeout=3000)
    with qtbot.waitSignal(vm.tickerChanged, timeout=1000):
        kiosk.hub.apply_batch(removals=["u"])
    assert vm.property("tickerText") == ""
    assert ticker.property("visible") is False


def test_urgent_arrival_interrupts_the_current_slide(qtbot, start_kiosk):
    from kiosk.content import Cadence, Priority

    kiosk = start_kiosk([make_item("a"), make_item("b", category="conduct")])
    vm = kiosk.view_models[1]
    with qtbot.waitSignal(vm.slideChanged, timeout=1000):
        kiosk.hub.apply_batch([make_item("u", priority=Priority.URGENT, cadence=Cadence.AD_HOC)])
    assert vm.property("itemId") == "u"
    assert vm.property("isUrgent") is True


def test_item_with_a_web_address_gets_a_qr_code(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("web", web_url="https://www.example.gov.cn/gk/1.html")])
    vm = kiosk.view_models[1]
    assert vm.property("qrSource") == "image://qr/web"
    image = kiosk.qr.requestImage("web", None, __import__("PySide6.QtCore").QtCore.QSize(300, 300))
    assert not image.isNull() and image.width() == image.height() >= 200


def test_outside_office_hours_the_wall_shows_a_dimmed_clock(qtbot, start_kiosk, kiosk_config):
    from kiosk.config import SignageConfig
    from kiosk.schedule import TimeRule

    # NOW is 14:00 in Shanghai on a Thursday: hours that ended at noon put the wall off.
    signage = SignageConfig(hours=(TimeRule("mon-sun", "08:00", "12:00"),))
    kiosk = start_kiosk([make_item("a")], config=replace(kiosk_config, signage=signage))
    vm, window = kiosk.view_models[1], window_of(kiosk, "signage")
    assert vm.property("displayOn") is False
    assert find(window, "onAir").property("visible") is False
    assert find(window, "offHoursClock").property("visible") is True


def test_a_simulated_day_only_ever_shows_displayable_items(qtbot, start_kiosk, clock):
    from kiosk import rules

    items = [
        make_item(f"i{n}", category=c, expires_at=NOW + timedelta(hours=n + 1))
        for n, c in enumerate(["central-work", "conduct", "organisation", "institutions"])
    ]
    items.append(make_item("late", public_from=NOW + timedelta(hours=5)))
    kiosk = start_kiosk(items)
    vm = kiosk.view_models[1]
    seen = set()
    for _ in range(3000):
        deadline = min(d for d in (vm._slide_timer.deadline, kiosk.hub._watch.deadline) if d is not None)
        clock.set(deadline)
        kiosk.hub._watch.check()
        vm._slide_timer.check()
        item_id = vm.property("itemId")
        if item_id:
            seen.add(item_id)
            shown = next(i for i in items if i.id == item_id)
            assert rules.may_show(shown, clock.now()), (item_id, clock.now())
        if clock.now() >= NOW + timedelta(hours=8):
            break
    assert seen == {"i0", "i1", "i2", "i3", "late"}


def test_the_slide_in_front_shows_the_view_models_slide_after_each_change(qtbot, start_kiosk, clock):
    items = [
        make_item(f"i{n}", title=f"第{n}条", category=c)
        for n, c in enumerate(["central-work", "conduct", "organisation"])
    ]
    kiosk = start_kiosk(items)
    vm, window = kiosk.view_models[1], window_of(kiosk, "signage")

    def front_title():
        a, b = find(window, "slideA"), find(window, "slideB")
        front = a if window.property("frontIsA") else b
        return front.property("title")

    titles = set()
    for _ in range(4):
        assert front_title() == vm.property("title")
        titles.add(front_title())
        clock.advance(timedelta(seconds=31))
        with qtbot.waitSignal(vm.slideChanged, timeout=2000):
            vm._slide_timer.check()
    assert titles == {"第0条", "第1条", "第2条"}


def test_an_urgent_item_leaves_the_ticker_and_the_urgent_frame_at_its_end(qtbot, start_kiosk, clock):
    from kiosk.content import Cadence, Priority

    # No expiry: urgent for the configured seven days after publication, one minute from now.
    notice = make_item(
        "u",
        title="停车场施工提示",
        priority=Priority.URGENT,
        cadence=Cadence.ROUTINE,
        published_at=NOW - timedelta(days=7) + timedelta(minutes=1),
    )
    kiosk = start_kiosk([make_item("a"), notice])
    vm = kiosk.view_models[1]
    assert vm.property("itemId") == "u" and vm.property("isUrgent") is True
    assert "停车场施工提示" in vm.property("tickerText")
    clock.advance(timedelta(minutes=2))
    with qtbot.waitSignal(vm.tickerChanged, timeout=2000):
        vm._clock_timer.check()
    assert vm.property("tickerText") == ""
    assert find(window_of(kiosk, "signage"), "ticker").property("visible") is False
    for _ in range(4):
        clock.advance(timedelta(seconds=31))
        with qtbot.waitSignal(vm.slideChanged, timeout=2000):
            vm._slide_timer.check()
        if vm.property("itemId") == "u":
            break
    assert vm.property("itemId") == "u" and vm.property("isUrgent") is False
