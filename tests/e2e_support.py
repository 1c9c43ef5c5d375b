"""The kiosk as a subprocess: an environment that marks Qt's messages, and a check of stderr.

A subprocess's Qt warnings never reach pytest-qt, and a traceback a command prints and
survives does not change its exit status. :func:`assert_clean_stderr` fails on either. The
environment sets ``QT_MESSAGE_PATTERN`` so a Qt message is told apart from the kiosk's own
lines; the patterns Qt messages may match without failing are the suite's own
``qt_log_ignore`` (pyproject.toml), plus what a test allows.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
#: Every Qt message on one line: ``qt.warning [category] message``.
QT_MESSAGE_PATTERN = "qt.%{type} [%{category}] %{message}"
_QT_LINE = re.compile(r"^qt\.(?P<type>\w+) \[(?P<category>[^\]]*)\] (?P<message>.*)$")
FAILING_TYPES = ("warning", "critical", "fatal")


def suite_qt_log_ignore() -> list[str]:
    with PYPROJECT.open("rb") as file:
        return list(tomllib.load(file)["tool"]["pytest"]["ini_options"].get("qt_log_ignore", []))


def kiosk_env(extra: Mapping[str, object] | None = None, *, keep_qt: bool = False) -> dict[str, str]:
    """This process's environment for a kiosk subprocess, with Qt's messages marked.

    ``QT_*`` variables of the test session (its offscreen layout, its keyboard) are left
    out unless ``keep_qt``: the program sets up its own.
    """
    env = {k: v for k, v in os.environ.items() if keep_qt or not k.startswith("QT_")}
    env.update({k: str(v) for k, v in (extra or {}).items()})
    env["QT_MESSAGE_PATTERN"] = QT_MESSAGE_PATTERN
    return env


#: A record of the kiosk's own stderr log handler (kiosk/logs.py).
_LOG_RECORD = re.compile(r"^kiosk: (?P<level>[A-Z]+): ")


def stderr_problems(stderr: str, allow: Iterable[str] = ()) -> list[str]:
    """Tracebacks and failing Qt messages in a subprocess's stderr.

    A traceback inside a DEBUG record of the kiosk's log (``--verbose`` asks for those
    details, e.g. of a request cut short by a stop) is not a problem; any other is.
    """
    ignore = [re.compile(p) for p in (*suite_qt_log_ignore(), *allow)]
    problems = []
    level = ""
    for line in stderr.splitlines():
        record = _LOG_RECORD.match(line)
        if record:
            level = record["level"]
        elif line.startswith("Traceback (most recent call last)") and level != "DEBUG":
            problems.append("a Python traceback")
        match = _QT_LINE.match(line)
        if match:
            level = ""
            if match["type"] in FAILING_TYPES and not any(p.search(match["message"]) for p in ignore):
                problems.append(line)
    return problems


def assert_clean_stderr(stderr: str, allow: Iterable[str] = ()) -> None:
    problems = stderr_problems(stderr, allow)
    assert not problems, "the subprocess printed " + "; ".join(problems) + "\n--- stderr ---\n" + stderr
