"""Test set-up shared by the whole suite.

Qt runs on the offscreen platform with two simulated outputs (a 1080p touch screen and a
1536×768 LED wall, ``tests/data/screens.json``) and Qt Quick's software renderer. Every
test is checked for leftovers: threads, active Qt timers and child processes that outlive
it fail the test — a kiosk runs for months, and leaks start as "just one timer".

The suite never reads or writes the home directory of whoever runs it: the session starts
with an empty ``HOME`` and empty XDG folders, as on a machine where it never ran. Qt
warnings fail a test in every phase: pytest-qt checks setup and call, and stops listening
after the call; :func:`pytest_runtest_teardown` listens through the fixtures' teardown.
"""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
SCREENS_FILE = TESTS_DIR / "data" / "screens.json"

# Before anything imports Qt: the platform is chosen when the application object is made.
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREENS_FILE}"
os.environ["QT_QUICK_BACKEND"] = "software"
# The touch screen's Qt Virtual Keyboard (QT_IM_MODULE, read when the application is made),
# and Qt's mock speech engine for read-aloud: no speech-dispatcher in tests.
os.environ["KIOSK_SPEECH_ENGINE"] = "mock"
from kiosk.qt import keyboard  # noqa: E402 (imports no Qt)

# Strict: the QML engine's notes about overridden properties stay on (kiosk.qt.keyboard).
keyboard.prepare_environment(quiet_qml_overrides=False)

from qt_support import TeardownQtMessages  # noqa: E402
from support import NOW, Attachment, Audience, Cadence, Priority, make_item  # noqa: E402,F401 (older imports)

#: The per-user folders a fresh machine's account has (empty): the environment names.
FRESH_FOLDERS = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "home/.config",
    "XDG_DATA_HOME": "home/.local/share",
    "XDG_CACHE_HOME": "home/.cache",
    "XDG_STATE_HOME": "home/.local/state",
    "XDG_RUNTIME_DIR": "runtime",
}


@pytest.fixture(scope="session", autouse=True)
def fresh_home(tmp_path_factory):
    """An empty home and empty XDG folders for the whole session, set before Qt starts.

    Session-wide because Qt and its keyboard read some of these once per process. The
    keyboard's configuration folder gets the file its Pinyin decoder would otherwise
    create with a warning, as the kiosk itself does at start (kiosk.qt.keyboard).
    """
    root = tmp_path_factory.mktemp("fresh-machine")
    with pytest.MonkeyPatch.context() as patch:
        for name, relative in FRESH_FOLDERS.items():
            folder = root / relative
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            patch.setenv(name, str(folder))
        keyboard.confine_user_data(root / FRESH_FOLDERS["XDG_CONFIG_HOME"])
        yield root


@pytest.fixture(scope="session")
def qapp_cls():
    # The kiosk is a Qt Quick application: no widgets.
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication


def _child_pids() -> set[int]:
    me = str(os.getpid())
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


def _active_qtimers() -> list:
    import sys

    if "PySide6.QtCore" not in sys.modules:
        return []
    from PySide6.QtCore import QTimer

    found = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, QTimer) and obj.isActive():
                found.append(obj)
        except RuntimeError:  # the C++ side is already gone
            continue
    return found


@pytest.fixture(autouse=True)
def no_leftovers(request):
    """Fail a test that leaves threads, active Qt timers or child processes behind."""
    threads_before = set(threading.enumerate())
    children_before = _child_pids()
    yield
    gc.collect()
    problems = []
    for _ in range(50):  # threads that were told to stop get a moment to finish
        extra = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]
        if not extra:
            break
        for t in extra:
            t.join(timeout=0.1)
    else:
        problems.append(f"threads still running: {[t.name for t in extra]}")
    timers = _active_qtimers()
    if timers:
        owners = [type(t.parent()).__name__ if t.parent() else "no parent" for t in timers]
        for timer in timers:
            timer.stop()
        problems.append(f"active QTimers left behind (parents: {owners})")
    children = _child_pids() - children_before
    if children:
        problems.append(f"child processes left running: {sorted(children)}")
    if problems:
        pytest.fail("; ".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    """Fail a test whose fixtures' teardown made Qt print a warning (pytest-qt no longer listens)."""
    listening = TeardownQtMessages.start(item)
    try:
        result = yield
    finally:
        problems = listening.stop() if listening is not None else []
    if problems:
        pytest.fail("Qt warnings during teardown:\n" + "\n".join(problems), pytrace=False)
    return result


_exit_status = {"value": 0}


def pytest_sessionfinish(session, exitstatus):
    _exit_status["value"] = int(exitstatus)


def pytest_unconfigure(config):
    """Never hang at exit: a thread a failed test could not stop must not keep CI waiting.

    Passing tests are already checked for leftovers by ``no_leftovers``; this guards the
    run after a failure (a setup that raised before its teardown could stop a worker).
    """
    stuck = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon and t.is_alive()]
    if stuck:
        import sys

        sys.stderr.write(f"\nconftest: threads still running at exit {[t.name for t in stuck]}; exiting anyway\n")
        sys.stderr.flush()
        os._exit(_exit_status["value"] or 1)
