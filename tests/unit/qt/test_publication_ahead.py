"""Both screens on real QML hold back an item whose signed publication time lies ahead of
the kiosk's clock, and show it once that time comes on the injected clock."""

from __future__ import annotations

from datetime import timedelta

from support import NOW, make_item

from kiosk import changes

AHEAD = NOW + timedelta(hours=2)


def test_an_item_published_ahead_of_the_clock_appears_at_its_time(qtbot, start_kiosk, clock):
    ahead = make_item("ahead", title="作风建设通报", category="conduct", published_at=AHEAD)
    kiosk = start_kiosk([ahead, make_item("now", category="central-work")])
    touch, signage = kiosk.view_models
    qtbot.waitUntil(lambda: kiosk.runner.pending == 0, timeout=10000)
    touch.start()
    counts = {r.key: r.count for r in touch.listing.categories.rows()}
    assert counts.get("conduct", 0) == 0  # held: not counted, not listed
    seen = set()
    for _ in range(4):  # the wall rotates through what it may show
        seen.add(signage.property("itemId"))
        clock.advance(timedelta(seconds=31))
        with qtbot.waitSignal(signage.slideChanged, timeout=2000):
            signage._slide_timer.check()
    assert seen == {"now"}
    assert kiosk.hub._watch.deadline == AHEAD  # the screens look again exactly then, no polling

    clock.set(AHEAD)
    with qtbot.waitSignal(kiosk.hub.changed) as signal:
        kiosk.hub._watch.check()
    qtbot.waitUntil(lambda: kiosk.runner.pending == 0, timeout=10000)
    assert signal.args[0] == changes.WINDOW
    counts = {r.key: r.count for r in touch.listing.categories.rows()}
    assert counts["conduct"] == 1
    seen = set()
    for _ in range(4):
        clock.advance(timedelta(seconds=31))
        with qtbot.waitSignal(signage.slideChanged, timeout=2000):
            signage._slide_timer.check()
        seen.add(signage.property("itemId"))
    assert "ahead" in seen
