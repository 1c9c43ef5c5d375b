"""Qt's own model checker on every model the touch screen binds to."""

from __future__ import annotations

from support import make_item

from kiosk.qt.models import CategoryModel, CategoryRow
from kiosk.qt.touch.models import ListingModel, ListingRow, ResultRow, SearchResultModel, UnitFilterModel, UnitRow


def test_models_pass_qt_model_tester(qtmodeltester):
    categories = CategoryModel()
    categories.set_rows([CategoryRow("a", "甲", "#fff", 1), CategoryRow("b", "乙", "#000", 0)])
    units = UnitFilterModel()
    units.set_rows([UnitRow("", "", 3, True), UnitRow("party-group", "市政府党组", 3, False)])
    listing = ListingModel()
    listing.set_rows([ListingRow("x", "标题", "单位", "2026年1月1日", "#fff", True, False, True)])
    results = SearchResultModel()
    results.set_rows([ResultRow("x", "<span>标</span>题", "", "单位", "日期", "类别", "#fff")])
    for model in (categories, units, listing, results):
        qtmodeltester.check(model, force_py=True)
        model.set_rows([])
        qtmodeltester.check(model, force_py=True)


def test_live_models_pass_qt_model_tester(qtbot, qtmodeltester, start_kiosk):
    kiosk = start_kiosk([make_item(f"i{n}", title=f"党务{n}") for n in range(5)])
    vm = kiosk.view_models[0]
    vm.start()
    vm.openCategory("central-work")
    vm.search.setQuery("党务")
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == "党务")
    for model in (vm.listing.categories, vm.listing.units, vm.listing.items, vm.search.results):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
