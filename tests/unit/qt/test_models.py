"""The list models pass Qt's own model checker and expose their rows under role names."""

from __future__ import annotations

from kiosk.qt.models import CategoryModel, CategoryRow


def test_category_model(qtmodeltester, qapp):
    model = CategoryModel()
    model.set_rows([CategoryRow("a", "甲", "#000000", 3), CategoryRow("b", "乙", "#FFFFFF", 0)])
    qtmodeltester.check(model)
    names = {bytes(v).decode() for v in model.roleNames().values()}
    assert names == {"key", "name", "tint", "count"}
    role = next(k for k, v in model.roleNames().items() if bytes(v) == b"count")
    assert model.data(model.index(0), role) == 3


def test_row_model_resets_on_new_shape_and_updates_in_place(qtmodeltester, qtbot, qapp):
    model = CategoryModel()
    rows = [CategoryRow("a", "甲", "#000000", 1)]
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(rows)
    qtmodeltester.check(model)
    changed = [CategoryRow("a", "甲", "#000000", 2)]
    with qtbot.waitSignal(model.dataChanged):
        model.set_rows(changed)
    assert model.rows() == changed
    with qtbot.waitSignal(model.modelReset):
        model.set_rows([])
    assert model.rowCount() == 0
