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
