"""Both screens, on real QML, over a cache file that holds rows no screen may show.

The rows (internal, not yet public, expired; urgent, newest, matching the search) are put
into the file directly, as a damaged or hostile cache would hold them — ``apply`` would
refuse them — and the screens are told the content changed. The touch screen's attract
loop, category counts, listing, unit filter, search and item page, and the LED wall's
rotation and ticker, must show none of them.
"""

from __future__ import annotations

from datetime import timedelta

from hostile_rows import HOSTILE, TERM, insert_hostile_rows
from support import NOW, make_item

PUBLIC = [
    make_item(f"public-{n}", title=f"可以显示的{TERM}条目 {n}", published_at=NOW - timedelta(days=n + 1))
    for n in range(3)
]
PUBLIC_IDS = {i.id for i in PUBLIC}


def _kiosk_with_hostile_rows(qtbot, start_kiosk):
    kiosk = start_kiosk(PUBLIC)
    insert_hostile_rows(kiosk.config.cache_file)
    assert set(HOSTILE) <= {i.id for i in kiosk.hub.held_items()}  # held, so only the rule keeps them off
    kiosk.hub.notify_changed()  # a change that does not say what: everything is read again
    return kiosk


def test_the_touch_screen_shows_none_of_them(qtbot, start_kiosk):
    kiosk = _kiosk_with_hostile_rows(qtbot, start_kiosk)
    vm = kiosk.view_models[0]
    titles = set()
    for _ in range(2 * (len(PUBLIC) + len(HOSTILE))):
        titles.add(vm.attract.property("highlight")["title"])
        vm.attract.nextHighlight()
    assert titles == {i.title for i in PUBLIC}
    vm.start()
    assert {r.key: r.count for r in vm.listing.categories.rows() if r.count} == {"central-work": len(PUBLIC)}
    vm.openCategory("central-work")
    assert {r.itemId for r in vm.listing.items.rows()} == PUBLIC_IDS
    assert {r.key: r.count for r in vm.listing.units.rows() if r.count} == {"": len(PUBLIC), "party-group": len(PUBLIC)}
    vm.filterUnit("party-group")
    assert {r.itemId for r in vm.listing.items.rows()} == PUBLIC_IDS
    for item_id in HOSTILE:
        vm.openItem(item_id)
        assert vm.page_name == "list", item_id
    vm.home()
    vm.openSearch()
    for query in (TERM, TERM[:2]):
        vm.search.setQuery(query)
        qtbot.waitUntil(lambda q=query: vm.search.property("resultsQuery") == q, timeout=5000)
        assert {r.itemId for r in vm.search.results.rows()} == PUBLIC_IDS, query


def test_the_led_wall_shows_none_of_them(qtbot, start_kiosk, clock):
    kiosk = _kiosk_with_hostile_rows(qtbot, start_kiosk)
    vm = kiosk.view_models[1]
    qtbot.waitUntil(lambda: vm.property("itemId") != "")
    seen = set()
    for _ in range(2 * (len(PUBLIC) + len(HOSTILE))):
        seen.add(vm.property("itemId"))
        assert "不得显示" not in vm.property("tickerText")
        clock.advance(timedelta(seconds=31))
        with qtbot.waitSignal(vm.slideChanged, timeout=2000):
            vm._slide_timer.check()
    assert seen == PUBLIC_IDS
    assert vm.property("isUrgent") is False
