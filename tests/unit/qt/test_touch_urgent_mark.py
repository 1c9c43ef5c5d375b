"""The touch screen's list on real QML: an urgent item carries the urgent mark only until its end."""

from __future__ import annotations

from datetime import timedelta

from qt_support import find, find_or_none, window_of
from support import NOW, make_item


def test_the_touch_list_marks_an_urgent_item_only_until_its_end(qtbot, start_kiosk):
    from kiosk.content import Cadence, Priority

    fresh = make_item("fresh", priority=Priority.URGENT, cadence=Cadence.AD_HOC, category="conduct")
    stale = make_item(
        "stale",
        priority=Priority.URGENT,
        cadence=Cadence.AD_HOC,
        category="conduct",
        published_at=NOW - timedelta(days=30),
    )
    kiosk = start_kiosk([fresh, stale])
    touch = kiosk.view_models[0]
    touch.start()
    touch.openCategory("conduct")
    window = window_of(kiosk, "touch")
    qtbot.waitUntil(lambda: bool(find_or_none(window, "urgentMark-fresh") and find_or_none(window, "urgentMark-stale")))
    assert find(window, "urgentMark-fresh").property("visible") is True
    assert find(window, "urgentMark-stale").property("visible") is False
