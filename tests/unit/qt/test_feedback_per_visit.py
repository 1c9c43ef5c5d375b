"""The feedback rate limit per visit, on real QML: the next visitor is not blamed for the
last one, the wait counts down live in the message, and a kiosk-wide flood guard stays."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from qt_support import find, find_or_none, tap, window_of
from support import make_item

ITEMS = [make_item("cw-1", title="民生实事推进情况")]


def enter(qtbot, kiosk):
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    qtbot.waitUntil(lambda: find_or_none(window, "homeRating") is not None)
    qtbot.waitUntil(lambda: find(window, "ratingButtons").property("visible"))
    return window, vm


def idle_reset(qtbot, vm):
    """The touch screen's own idle reset, through its wiring, without moving the clock: the
    wait a rate limit counts is the clock's, and the idle time would have passed it."""
    with qtbot.waitSignal(vm.visitorReset, timeout=3000):
        vm.session.countdown.idle.emit()


def rate(qtbot, window, fvm, expect: str):
    tap(qtbot, window, find(window, "rating-satisfied"))
    qtbot.waitUntil(lambda: fvm.property("ratingNotice") == expect)


def test_the_next_visitor_rates_at_once_and_the_wait_counts_down_live(qtbot, start_kiosk, clock):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    fvm = vm.property("feedback")
    rate(qtbot, window, fvm, "thanks")
    clock.advance(timedelta(seconds=16))
    idle_reset(qtbot, vm)
    window, vm = enter(qtbot, kiosk)  # the next visitor, 16 s later
    rate(qtbot, window, fvm, "thanks")

    fvm.dismissNotice()
    clock.advance(timedelta(seconds=10))  # the same visitor again: one per 30 s
    qtbot.waitUntil(lambda: find(window, "ratingButtons").property("visible"))
    rate(qtbot, window, fvm, "limited")
    notice = find(window, "ratingNotice")
    assert "20 秒后再试" in notice.property("text")
    countdown = fvm.quick.countdown
    clock.advance(timedelta(seconds=1.5))
    countdown.timer.check()
    qtbot.waitUntil(lambda: "19 秒后再试" in notice.property("text"))
    clock.advance(timedelta(seconds=0.4))  # a wake that is not a whole second on: the same number
    countdown.timer.check()
    assert "19 秒后再试" in notice.property("text")
    clock.advance(timedelta(seconds=13))  # a late wake: the number is read from the deadline, not counted
    countdown.timer.check()
    assert fvm.property("ratingRetryIn") == 6
    assert "6 秒后再试" in notice.property("text") and "16 秒" not in notice.property("text")
    # Still there long after a thank-you would have gone: it stays for the whole wait.
    clock.advance(timedelta(seconds=6))
    countdown.timer.check()
    qtbot.waitUntil(lambda: fvm.property("ratingNotice") == "")
    rate(qtbot, window, fvm, "thanks")


def test_the_kiosk_wide_flood_guard_holds_across_visits(qtbot, start_kiosk, clock, kiosk_config):
    flooded = replace(kiosk_config, feedback=replace(kiosk_config.feedback, per_hour=3))
    kiosk = start_kiosk(ITEMS, config=flooded)
    fvm = kiosk.view_models[0].property("feedback")
    for _ in range(3):
        window, vm = enter(qtbot, kiosk)
        rate(qtbot, window, fvm, "thanks")
        clock.advance(timedelta(minutes=1))
        idle_reset(qtbot, vm)
    window, vm = enter(qtbot, kiosk)
    rate(qtbot, window, fvm, "limited")
    # The first of the three leaves the hour 57 minutes from now.
    assert fvm.property("ratingRetryIn") == 57 * 60
    assert f"{57 * 60} 秒后再试" in find(window, "ratingNotice").property("text")


def test_the_form_counts_its_wait_down_in_the_message(qtbot, start_kiosk, clock):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    fvm = vm.property("feedback")
    vm.openFeedback()
    qtbot.waitUntil(lambda: find_or_none(window, "feedbackMessage") is not None)
    fvm.setText("第一条：大厅的椅子不够")
    fvm.submit()
    qtbot.waitUntil(lambda: fvm.property("state") == "thanks")
    fvm.newFeedback()
    clock.advance(timedelta(seconds=12))
    fvm.setText("第二条：马上又来一条意见")
    fvm.submit()
    message = find(window, "feedbackMessage")
    qtbot.waitUntil(lambda: "18 秒后再试" in message.property("text"))
    clock.advance(timedelta(seconds=1))
    fvm._message.countdown.timer.check()
    qtbot.waitUntil(lambda: "17 秒后再试" in message.property("text"))
    clock.advance(timedelta(seconds=17))
    fvm._message.countdown.timer.check()
    qtbot.waitUntil(lambda: message.property("text") == "")
    fvm.submit()
    qtbot.waitUntil(lambda: fvm.property("state") == "thanks")
