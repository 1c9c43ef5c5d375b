"""A feedback reference looked up on the opinion box: the kiosk says what it knows of it —
on this kiosk and waiting, or not on this kiosk (delivered, or never given here) —
delivered and, from the store's last answer brought by sync, received, being handled or
answered — and nothing more; the next visitor sees nothing of the lookup."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from qt_support import find, find_or_none, settle, tap, window_of
from support import make_item

from kiosk.outbox import Outbox
from kiosk.sync import feedback_status

#: Set to a folder to keep a picture of each answer the store's statuses give.
PNG_DIR = os.environ.get("KIOSK_LOOKUP_PNG", "")


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
    qtbot.waitUntil(lambda: answer.property("text") not in ("", "正在查询…", "正在查詢…", "Checking…"))
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


class StatusAnswer:
    """The store's answer to the kiosk's status fetch, as the sync service would keep it."""

    def __init__(self, statuses: dict[str, str]) -> None:
        self.body = json.dumps([{"reference": r, "status": s} for r, s in statuses.items()]).encode()

    def feedback_status(self, etag, limit):
        return self.body, '"e1"'


STORE_SAYS = {"ABC-DEF": "received", "XYZ-234": "handling", "KMN-789": "answered"}


def open_lookup(qtbot, start_kiosk, config, statuses):
    assert feedback_status.refresh(StatusAnswer(statuses), config.state_dir)
    kiosk = start_kiosk([make_item("a")], config=config)
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openFeedback()
    qtbot.waitUntil(lambda: find_or_none(window, "referenceField") is not None)
    settle(qtbot, window)  # the form laid out: its height is known before scrolling to its end
    scroll_to_lookup(qtbot, window)
    return kiosk, window, vm


@pytest.mark.parametrize(
    ("reference", "simplified", "traditional", "english"),
    [
        ("ABC-DEF", "已收到", "已收到", "received"),
        ("XYZ-234", "正在办理", "正在辦理", "being handled"),
        ("KMN-789", "已答复", "已答覆", "answered"),
    ],
)
def test_a_delivered_reference_says_what_the_store_said(
    qtbot, start_kiosk, kiosk_config, reference, simplified, traditional, english
):
    kiosk, window, vm = open_lookup(qtbot, start_kiosk, kiosk_config, STORE_SAYS)
    answer = look_up(qtbot, window, reference.replace("-", "").lower())
    assert answer.startswith(f"{reference}：{simplified}")
    assert "本机没有这条记录" not in answer
    if PNG_DIR:
        scroll_to_lookup(qtbot, window)  # the answer made the form taller
        window.grabWindow().save(str(Path(PNG_DIR) / f"lookup-{reference}.png"))
    assert "本机没有这条记录" in look_up(qtbot, window, "QQQ-QQQ")  # not in the store's answer either
    look_up(qtbot, window, reference)
    tap(qtbot, window, find(window, "chineseButton"))
    qtbot.waitUntil(lambda: vm.session.property("traditional"))
    qtbot.waitUntil(lambda: traditional in find(window, "referenceAnswer").property("text"))


@pytest.mark.parametrize(
    ("reference", "english"), [("ABC-DEF", "received"), ("XYZ-234", "being handled"), ("KMN-789", "answered")]
)
def test_a_delivered_reference_in_english(qtbot, start_kiosk, kiosk_config, reference, english):
    _, window, _ = open_lookup(qtbot, start_kiosk, replace(kiosk_config, language="en"), STORE_SAYS)
    assert look_up(qtbot, window, reference).startswith(f"{reference}: {english}.")


def test_a_record_still_on_this_kiosk_is_waiting_whatever_an_older_answer_said(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk([make_item("a")])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openFeedback()
    _, reference = submitted_reference(qtbot, vm)
    assert feedback_status.refresh(StatusAnswer({reference: "answered"}), kiosk_config.state_dir)
    vm.feedback.newFeedback()
    qtbot.waitUntil(lambda: find_or_none(window, "referenceField") is not None)
    scroll_to_lookup(qtbot, window)
    assert "尚未送达" in look_up(qtbot, window, reference)
