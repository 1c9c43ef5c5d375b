"""The background runner: work runs off the UI thread, results arrive on it."""

from __future__ import annotations

import threading

import pytest

from kiosk.qt.background import BackgroundRunner


@pytest.fixture
def runner(qapp):
    runner = BackgroundRunner()
    yield runner
    runner.shutdown()


def test_result_is_delivered_on_the_ui_thread(qtbot, runner):
    ui_thread = threading.current_thread()
    seen = {}

    def work(x):
        seen["worker"] = threading.current_thread()
        return x * 2

    def done(result):
        seen["result"] = result
        seen["delivered_on"] = threading.current_thread()

    runner.submit(work, 21, on_done=done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["worker"] is not ui_thread
    assert seen["delivered_on"] is ui_thread
    assert runner.pending == 0


def test_exceptions_reach_on_error(qtbot, runner):
    errors = []

    def boom():
        raise ValueError("disk full")

    runner.submit(boom, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "disk full"


def test_unhandled_failure_is_logged_not_lost(qtbot, runner, caplog):
    def boom():
        raise RuntimeError("nobody listens")

    runner.submit(boom)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert "background job failed" in caplog.text


def test_submit_after_shutdown_is_refused(qapp):
    runner = BackgroundRunner()
    runner.shutdown()
    with pytest.raises(RuntimeError):
        runner.submit(print)


def test_a_lane_runs_in_order_off_the_ui_thread_and_shutdown_runs_what_it_holds(qapp):
    runner = BackgroundRunner()
    gate = threading.Event()
    ran: list[int] = []
    threads: set[str] = set()

    def write(n: int) -> None:
        gate.wait(10)  # the first write is slow (an fsync): the rest queue behind it
        threads.add(threading.current_thread().name)
        ran.append(n)

    for n in range(200):
        runner.submit(write, n, lane="counts")
    gate.set()
    runner.shutdown()  # at once: most of the lane is still queued
    assert ran == list(range(200))
    assert len(threads) == 1 and threads.pop().startswith("kiosk-counts")


def test_flush_waits_for_the_lane(qapp):
    runner = BackgroundRunner()
    ran: list[int] = []
    try:
        for n in range(50):
            runner.submit(ran.append, n, lane="log")
        runner.flush("log")
        assert ran == list(range(50))
        runner.flush("a lane never used")  # nothing to wait for
    finally:
        runner.shutdown()
