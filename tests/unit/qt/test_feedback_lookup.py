"""A feedback reference looked up on the opinion box: the kiosk says what it knows of it —
on this kiosk and waiting, or not on this kiosk (delivered, or never given here) — and
nothing more; the next visitor sees nothing of the lookup."""

from __future__ import annotations

from qt_support import find, find_or_none, settle, tap, window_of
from support import make_item

from kiosk.outbox import Outbox


def submitted_reference(qtbot, vm) -> tuple[str, str]:
    """A written opinion sent from the form: its id and the reference the visitor is given."""
    fvm = vm.feedback
    fvm.setText("建议在政务大厅增设老年人服务窗口，方便办事。")
    with qtbot.waitSignal(fvm.submitted, timeout=5000) as sent:
        fvm.submit()
    qtbot.waitUntil(lambda: fvm.property("state") == "thanks")
    return sent.args[0], fvm.property("reference")


def look_up(qtbot, window, typed: str) -> str:
    find(window, "referenceField").setProperty("text", typed)
    tap(qtbot, window, find(window, "referenceLookUp"))
    answer = find(window, "referenceAnswer")
    qtbot.waitUntil(lambda: answer.property("text") not in ("", "正在查询…"))
    return answer.property("text")


def scroll_to_lookup(qtbot, window) -> None:
    flick = find(window, "referenceCheck")
    while not flick.inherits("QQuickFlickable"):  # up to the form's Flickable
        flick = flick.parentItem()
    flick.setProperty("contentY", max(0, flick.property("contentHeight") - flick.height()))
    settle(qtbot, window)


def test_a_reference_waiting_on_this_kiosk_then_delivered(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk([make_item("a")])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openFeedback()
    entry_id, reference = submitted_reference(qtbot, vm)
    vm.feedback.newFeedback()  # a new visit to the box
    qtbot.waitUntil(lambda: find_or_none(window, "referenceField") is not None)
    scroll_to_lookup(qtbot, window)

    # Typed as a visitor reads it off a slip: lower case, no dash.
    answer = look_up(qtbot, window, reference.replace("-", "").lower())
    assert answer.startswith(reference) and "尚未送达" in answer

    outbox = Outbox(kiosk_config.outbox_file)  # the upload acknowledged: the kiosk deletes its copy
    outbox.acknowledged(entry_id)
    outbox.close()
    answer = look_up(qtbot, window, reference)
    assert "本机没有这条记录" in answer and "尚未送达" not in answer

    assert "六位" in look_up(qtbot, window, "12")  # not a reference at all

    vm.reset()
    assert vm.feedback.lookup.property("status") == "" and vm.feedback.lookup.property("reference") == ""
