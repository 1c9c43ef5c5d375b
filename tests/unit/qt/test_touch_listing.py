"""A long category list is loaded a page at a time, and counts stay those of the whole category."""

from __future__ import annotations

from datetime import timedelta

from support import NOW, make_item

from kiosk.qt.touch.listing import LIST_PAGE

COUNT = LIST_PAGE * 2 + 5


def items():
    return [
        make_item(
            f"i{n:03d}", unit="research-office" if n % 3 == 0 else "party-group", published_at=NOW - timedelta(hours=n)
        )
        for n in range(COUNT)
    ]


def test_first_page_then_more_on_demand(qtbot, qtmodeltester, start_kiosk):
    kiosk = start_kiosk(items())
    vm = kiosk.view_models[0]
    vm.openCategory("central-work")
    model = vm.listing.items
    assert model.rowCount() == LIST_PAGE
    assert [r.itemId for r in model.rows()[:3]] == ["i000", "i001", "i002"]  # newest first
    assert model.canFetchMore()
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore()
    assert model.rowCount() == 2 * LIST_PAGE
    model.fetchMore()
    assert model.rowCount() == COUNT and not model.canFetchMore()
    assert len({r.itemId for r in model.rows()}) == COUNT  # no row twice across pages
    qtmodeltester.check(model)
    counts = {r.key: r.count for r in vm.listing.units.rows()}
    assert counts == {"": COUNT, "party-group": COUNT - (COUNT + 2) // 3, "research-office": (COUNT + 2) // 3}


def test_unit_filter_pages_within_the_unit(qtbot, start_kiosk):
    kiosk = start_kiosk(items())
    vm = kiosk.view_models[0]
    vm.openCategory("central-work")
    vm.filterUnit("research-office")
    model = vm.listing.items
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == (COUNT + 2) // 3
    assert all(r.unitName == "研究室" for r in model.rows())
