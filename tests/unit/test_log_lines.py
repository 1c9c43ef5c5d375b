"""The console log of the long-running commands: one line per event, whatever the event holds."""

from __future__ import annotations

import logging

from kiosk import logs


def _record(message: str, *args, exc: BaseException | None = None) -> logging.LogRecord:
    info = (type(exc), exc, None) if exc is not None else None
    return logging.LogRecord("kiosk.sync", logging.WARNING, __file__, 1, message, args, info)


def test_an_event_is_one_line_whatever_its_text_and_exception_hold():
    hostile = "lobby-1\nINFO kiosk: forged\r\x1b[2J\u2028end"
    line = logs.EventFormatter(priority_prefix=False).format(
        _record("store said %s", hostile, exc=ValueError("two\nlines"))
    )
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u2028" not in line
    assert line == (
        "WARNING kiosk.sync: store said lobby-1\\nINFO kiosk: forged\\r\\x1b[2J\\u2028end (ValueError: two\\nlines)"
    )


def test_under_the_journal_each_line_carries_its_syslog_priority():
    formatter = logs.EventFormatter(priority_prefix=True)
    assert formatter.format(_record("late")).startswith("<4>WARNING ")
    info = _record("synced")
    info.levelno, info.levelname = logging.INFO, "INFO"
    assert formatter.format(info).startswith("<6>INFO ")


def test_the_journal_is_recognised_only_when_it_is_really_stdout(monkeypatch, tmp_path):
    import os
    import sys

    with open(tmp_path / "out", "w") as stream:
        monkeypatch.setattr(sys, "stdout", stream)
        st = os.fstat(stream.fileno())
        monkeypatch.setenv("JOURNAL_STREAM", f"{st.st_dev}:{st.st_ino}")
        assert logs._stdout_is_journal()
        monkeypatch.setenv("JOURNAL_STREAM", f"{st.st_dev}:{st.st_ino + 1}")
        assert not logs._stdout_is_journal()
        monkeypatch.setenv("JOURNAL_STREAM", "garbage")
        assert not logs._stdout_is_journal()


def test_the_schedulers_routine_lines_stay_out_unless_verbose(tmp_path, capfd):
    root = logging.getLogger()
    level = root.level
    try:
        logs.setup(tmp_path / "state", events_to_stdout=True)
        logging.getLogger("apscheduler.executors.default").info('Running job "sync: heartbeat"')
        logging.getLogger("apscheduler.scheduler").warning("Run time of job was missed")
        logging.getLogger("kiosk.sync").info("synced to feed version 3")
        out = capfd.readouterr().out.splitlines()
        assert out == [
            "WARNING apscheduler.scheduler: Run time of job was missed",
            "INFO kiosk.sync: synced to feed version 3",
        ]
        logs.setup(tmp_path / "state", verbose=True, events_to_stdout=True)
        logging.getLogger("apscheduler.executors.default").info('Running job "sync: heartbeat"')
        assert capfd.readouterr().out == 'INFO apscheduler.executors.default: Running job "sync: heartbeat"\n'
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "_kiosk", False):
                root.removeHandler(handler)
                handler.close()
        logging.getLogger("apscheduler").setLevel(logging.NOTSET)
        root.setLevel(level)
