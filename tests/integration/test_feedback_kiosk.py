"""The opinion box end to end: the real FeedbackPage.qml and FeedbackViewModel (pytest-qt,
offscreen), the real outbox, the sync service's upload job, and a real store on loopback.

The page is loaded into a small window of its own (with a stand-in for the touch view
model, which only hands it ``feedback`` and ``textScale``): the touch screen around it is
another issue's work, and this test is about the path from the tap to the store.
"""

from __future__ import annotations

import json

import pytest
from feedback_support import files_holding, make_store, serving
from qt_support import find, tap

from kiosk import feedback as fb
from kiosk import paths
from kiosk.outbox import Outbox

pytestmark = [pytest.mark.e2e, pytest.mark.gui]

HARNESS = b"""
import QtQuick
import QtQuick.Window
import "touch"
Window {
    required property var host
    width: 1920; height: 1080; visible: true
    Colours { id: colours }
    FeedbackPage { anchors.fill: parent; fvm: host.feedback; textScale: 1.0; pal: colours; u: 0.8 }
}
"""


def _host_class():
    from PySide6.QtCore import Property, QObject

    class Host(QObject):
        """What FeedbackPage.qml reads from the touch view model."""

        def __init__(self, feedback) -> None:
            super().__init__()
            self._feedback = feedback

        def _get_feedback(self):
            return self._feedback

        feedback = Property(QObject, _get_feedback, constant=True)

    return Host


@pytest.fixture
def opinion_box(qtbot, tmp_path):
    """(window, feedback view model, store, outbox reader) with a real store serving and
    the kiosk's sync service running its upload job."""
    import shiboken6
    from PySide6.QtCore import QUrl
    from PySide6.QtQml import QQmlComponent, QQmlEngine
    from PySide6.QtQuick import QQuickWindow

    from kiosk.qt import qml_module
    from kiosk.qt.background import BackgroundRunner
    from kiosk.qt.feedback import FeedbackViewModel
    from kiosk.sync.jobs import SyncService

    store = make_store(tmp_path)
    with serving(store):
        config = store.config(min_interval=0, per_hour=100)
        runner = BackgroundRunner()
        vm = FeedbackViewModel(config, runner)
        service = SyncService(config, upload_interval=3600)
        vm.submitted.connect(service.upload_now)  # as the application wires it
        service.start()
        qml_module.register()
        engine = QQmlEngine()
        component = QQmlComponent(engine)
        component.setData(HARNESS, QUrl.fromLocalFile(str(paths.PROJECT_ROOT / "screens" / "harness.qml")))
        host = _host_class()(vm)
        created = component.createWithInitialProperties({"host": host})
        assert created is not None, component.errorString()
        # PySide6 types the root as QWindow (its QML class is private); it is a QQuickWindow.
        window = shiboken6.wrapInstance(shiboken6.getCppPointer(created)[0], QQuickWindow)
        qtbot.waitExposed(window)
        reader = Outbox(config.outbox_file)
        try:
            yield window, vm, store, reader, config
        finally:
            reader.close()
            window.close()
            window.deleteLater()
            service.stop()
            runner.shutdown()
            vm.close()
            del component, engine


def _type(qtbot, window, name: str, text: str) -> None:
    field = find(window, name)
    field.setProperty("text", text)
    qtbot.waitUntil(lambda: field.property("text") == text)


def test_written_feedback_reaches_the_store_once_and_leaves_nothing_behind(qtbot, opinion_box):
    window, vm, store, reader, config = opinion_box
    vm.set_about(store.item_id, 1, "政务大厅服务时间调整")
    assert "政务大厅服务时间调整" in find(window, "feedbackAbout").property("text")
    tap(qtbot, window, find(window, "feedbackKind-opinion"))
    _type(qtbot, window, "feedbackText", "太短")
    tap(qtbot, window, find(window, "feedbackSubmit"))
    qtbot.waitUntil(lambda: "至少" in find(window, "feedbackMessage").property("text"))

    _type(qtbot, window, "feedbackText", "周六上午的窗口太少，排队时间长，建议增加窗口。")
    tap(qtbot, window, find(window, "feedbackConsent"))
    qtbot.waitUntil(lambda: vm.property("consent"))
    _type(qtbot, window, "feedbackName", "赵六访客")
    _type(qtbot, window, "feedbackPhone", "13712345678")
    tap(qtbot, window, find(window, "feedbackSubmit"))
    qtbot.waitUntil(lambda: vm.property("state") == "thanks", timeout=10_000)
    reference = find(window, "feedbackReference").property("text")
    assert vm.property("text") == "" and vm.property("name") == ""  # nothing of the visitor stays on screen

    qtbot.waitUntil(lambda: reader.counts()["pending"] == 0 and len(store.records()) == 1, timeout=20_000)
    record = store.records()[0]
    assert record["reference"] == reference
    assert (record["kind"], record["item_id"], record["item_revision"]) == ("opinion", store.item_id, 1)
    assert (record["contact_name"], record["contact_phone"]) == ("赵六访客", "13712345678")
    assert record["status"] == "open" and record["due_at"]
    # Acknowledged: the visitor's name and phone are gone from every kiosk file, WAL included.
    assert files_holding(config.state_dir, "赵六访客", "13712345678", "排队时间长") == []


def test_one_tap_ratings_and_a_low_rating_with_its_reason(qtbot, opinion_box):
    window, vm, store, reader, _ = opinion_box
    tap(qtbot, window, find(window, "rating-satisfied"))
    qtbot.waitUntil(lambda: vm.property("state") == "thanks", timeout=10_000)
    assert not find(window, "feedbackFollowUp").property("visible")
    tap(qtbot, window, find(window, "feedbackNew"))
    qtbot.waitUntil(lambda: vm.property("state") == "form")

    tap(qtbot, window, find(window, "rating-very-dissatisfied"))
    qtbot.waitUntil(lambda: vm.property("state") == "reason")
    reason = find(window, "reason-0")
    tap(qtbot, window, reason)
    qtbot.waitUntil(lambda: vm.property("state") == "thanks", timeout=10_000)
    assert find(window, "feedbackFollowUp").property("visible")

    qtbot.waitUntil(lambda: reader.counts()["pending"] == 0 and len(store.records()) == 2, timeout=20_000)
    by_rating = {r["rating"]: r for r in store.records()}
    assert by_rating["satisfied"]["due_at"] is None and by_rating["satisfied"]["status"] == "no follow-up"
    low = by_rating["very-dissatisfied"]
    assert (low["kind"], low["text"], low["status"]) == ("rating", vm.property("reasons")[0], "open")
    assert low["due_at"] is not None
    # The administrators see it as due for follow-up.
    open_ones = json.loads(store.cmd.out("feedback", "list", "--status", "open", "--json"))
    assert [r["id"] for r in open_ones] == [low["id"]]
    assert fb.reference_code(low["id"]) == low["reference"]
