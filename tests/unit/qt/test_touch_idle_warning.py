"""Before the idle reset the touch screen counts down, with a button to stay.

Time is the fake clock's: the test moves it and asks the countdown to look (as its timer
does when it wakes); nothing here waits for wall-clock time.
"""

from __future__ import annotations

from datetime import timedelta

from qt_support import find, settle, tap, window_of
from support import make_item

ITEMS = [make_item("a", title="民生实事推进情况")]


def test_the_warning_counts_down_and_continue_keeps_the_visit(qtbot, start_kiosk, kiosk_config, clock):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    session, countdown = vm.session, vm.session.countdown
    vm.start()
    vm.openSearch()
    vm.search.setQuery("民生")
    warning = find(window, "idleWarning")
    quiet = kiosk_config.idle_timeout - kiosk_config.idle_warning

    clock.advance(timedelta(seconds=quiet - 1))
    session.check_idle()
    assert not warning.isVisible()
    clock.advance(timedelta(seconds=1))  # ten seconds before the reset
    session.check_idle()
    qtbot.waitUntil(warning.isVisible)
    text = find(window, "idleWarningText")
    assert text.property("text").startswith("10 秒后")
    clock.advance(timedelta(seconds=3.4))
    session.check_idle()
    qtbot.waitUntil(lambda: text.property("text").startswith("7 秒后"))

    tap(qtbot, window, find(window, "idleContinue"))
    qtbot.waitUntil(lambda: not warning.isVisible())
    assert vm.page_name == "search" and vm.search.property("query") == "民生"  # nothing was forgotten
    # The full idle time again from the tap.
    clock.advance(timedelta(seconds=quiet - 1))
    session.check_idle()
    assert not countdown.property("warning")

    clock.advance(timedelta(seconds=1 + kiosk_config.idle_warning))
    with qtbot.waitSignal(vm.visitorReset, timeout=3000):
        session.check_idle()
    assert vm.page_name == "attract" and vm.search.property("query") == ""
    settle(qtbot, window)
    assert not warning.isVisible()


def test_no_countdown_runs_on_the_attract_loop(qtbot, start_kiosk, kiosk_config, clock):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.session.touched()  # a press on the attract loop before the visit starts
    clock.advance(timedelta(seconds=kiosk_config.idle_timeout - 5))  # a warning's time, were one counting
    vm.session.check_idle()
    settle(qtbot, window)
    assert not vm.session.countdown.property("warning") and not find(window, "idleWarning").isVisible()
    clock.advance(timedelta(seconds=5))
    with qtbot.assertNotEmitted(vm.visitorReset):
        vm.session.check_idle()
    assert vm.page_name == "attract"


def test_care_mode_warns_before_its_own_longer_reset(qtbot, start_kiosk, kiosk_config, clock):
    kiosk = start_kiosk(ITEMS)
    vm = kiosk.view_models[0]
    vm.start()
    vm.session.setCareMode(True)
    clock.advance(timedelta(seconds=kiosk_config.idle_timeout))  # the standard time: not yet
    vm.session.check_idle()
    assert not vm.session.countdown.property("warning")
    clock.advance(timedelta(seconds=kiosk_config.care_idle_timeout - kiosk_config.idle_timeout - 5))
    vm.session.check_idle()
    assert vm.session.countdown.property("secondsLeft") == 5
