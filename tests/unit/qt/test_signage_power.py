"""Screens off outside office hours: the configured power commands run at each boundary the
wall crosses (injected clock), real subprocesses; a failing or hanging command is logged,
killed after its timeout, and the wall goes on."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from datetime import timedelta

from support import make_item

from kiosk.config import SignageConfig
from kiosk.schedule import TimeRule

# NOW is 14:00 in Shanghai on a Thursday: hours that ended at noon put the wall off at start.
HOURS = (TimeRule("mon-sun", "08:00", "12:00"),)
TO_NEXT_OPENING = timedelta(hours=18, seconds=1)  # 08:00:01 on Friday


def _marker_command(marker, word: str) -> tuple[str, ...]:
    return (sys.executable, "-c", f"open({str(marker)!r}, 'a').write({word!r} + '\\n')")


def _start(start_kiosk, kiosk_config, **signage):
    kiosk = start_kiosk([make_item("a")], config=replace(kiosk_config, signage=SignageConfig(hours=HOURS, **signage)))
    return kiosk.view_models[1]


def _cross_into_office_hours(qtbot, vm, clock) -> None:
    clock.advance(TO_NEXT_OPENING)
    with qtbot.waitSignal(vm.slideChanged, timeout=2000):
        vm._slide_timer.check()
    assert vm.property("displayOn") is True


def test_the_commands_run_at_start_and_at_each_boundary_and_only_then(
    qtbot, start_kiosk, kiosk_config, clock, tmp_path
):
    marker = tmp_path / "marker"
    vm = _start(
        start_kiosk,
        kiosk_config,
        screen_off_command=_marker_command(marker, "off"),
        screen_on_command=_marker_command(marker, "on"),
    )
    assert vm.property("displayOn") is False
    assert vm.power.wait_finished(1, timeout=30)
    assert marker.read_text() == "off\n"
    _cross_into_office_hours(qtbot, vm, clock)
    assert vm.power.wait_finished(2, timeout=30)
    assert marker.read_text() == "off\non\n"
    # Slides come and go within office hours: no command for those.
    for _ in range(3):
        clock.advance(timedelta(seconds=31))
        vm._slide_timer.check()
    clock.advance(timedelta(hours=4))  # 12:00:32: closed again
    with qtbot.waitSignal(vm.slideChanged, timeout=2000):
        vm._slide_timer.check()
    assert vm.property("displayOn") is False
    assert vm.power.wait_finished(3, timeout=30)
    assert marker.read_text() == "off\non\noff\n"
    assert vm.power.finished == 3 and vm.power.last_error is None


def test_a_failing_command_is_logged_in_one_line_and_the_wall_goes_on(
    qtbot, start_kiosk, kiosk_config, clock, tmp_path, caplog
):
    marker = tmp_path / "marker"
    failing = (sys.executable, "-c", "import sys; print('no such output\\nHDMI-9'); sys.exit(3)")
    vm = _start(start_kiosk, kiosk_config, screen_off_command=failing, screen_on_command=_marker_command(marker, "on"))
    assert vm.power.wait_finished(1, timeout=30)
    failed = [r for r in caplog.records if r.name == "kiosk.display_power" and r.levelno == logging.WARNING]
    assert [r.getMessage() for r in failed] == [
        f"screens off: {sys.executable} failed: exit status 3: no such output HDMI-9"
    ]
    _cross_into_office_hours(qtbot, vm, clock)
    assert vm.power.wait_finished(2, timeout=30)
    assert marker.read_text() == "on\n"
    assert vm.property("itemId") == "a"


def test_a_missing_program_is_logged_not_raised(qtbot, start_kiosk, kiosk_config, caplog, tmp_path):
    vm = _start(start_kiosk, kiosk_config, screen_off_command=(str(tmp_path / "no-such-tool"), "--off"))
    assert vm.power.wait_finished(1, timeout=30)
    assert vm.power.last_error.startswith("could not start (No such file or directory")


def test_a_hanging_command_is_killed_after_its_timeout_and_the_next_one_still_runs(
    qtbot, start_kiosk, kiosk_config, clock, tmp_path, caplog
):
    marker = tmp_path / "marker"
    hanging = (sys.executable, "-c", "import time; time.sleep(600)")
    vm = _start(
        start_kiosk,
        kiosk_config,
        screen_off_command=hanging,
        screen_on_command=_marker_command(marker, "on"),
        screen_command_timeout=1,
    )
    # The wall does not wait for the command: the clock crosses the boundary while it hangs.
    _cross_into_office_hours(qtbot, vm, clock)
    assert vm.power.wait_finished(2, timeout=30)
    assert vm.power.last_error is None and marker.read_text() == "on\n"
    killed = [
        r.getMessage() for r in caplog.records if r.name == "kiosk.display_power" and r.levelno == logging.WARNING
    ]
    assert killed == [f"screens off: {sys.executable} failed: still running after 1 s; killed"]
