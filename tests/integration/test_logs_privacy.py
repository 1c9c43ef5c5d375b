"""No personal data in any log line: a visitor's feedback (name, telephone, text) goes from
the real FeedbackPage.qml through the outbox and the upload job to a real store on loopback
with every log at its most verbose, then every log file and everything the kiosk and the
store wrote to stdout and stderr is searched for the visitor's words.

The kiosk runs in this process (pytest-qt, offscreen), so its stdout and stderr are this
process's file descriptors (``capfd``); the store is a real ``kiosk-store serve --verbose``
subprocess whose stdout and stderr go to files.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import subprocess
import threading
from pathlib import Path

import pytest
from feedback_support import make_store
from qt_support import find, tap
from store_support import stop

from kiosk import logs, paths
from kiosk.outbox import Outbox

pytestmark = [pytest.mark.e2e, pytest.mark.gui]

NAME = "钱七隐私"
PHONE = "13698765432"
TEXT = "隐私测试：三号窗口的叫号屏经常不亮，希望尽快修理。"

HARNESS = b"""
import QtQuick
import QtQuick.Window
import "touch"
Window {
    required property var host
    width: 1920; height: 1080; visible: true
    Colours { id: colours }
    FeedbackPage { anchors.fill: parent; fvm: host.feedback; textScale: 1.0; pal: colours; u: 0.8 }
}
"""


def _host(feedback):
    from PySide6.QtCore import Property, QObject

    class Host(QObject):
        """What FeedbackPage.qml reads from the touch view model."""

        def __init__(self, vm) -> None:
            super().__init__()
            self._vm = vm

        def _get_feedback(self):
            return self._vm

        feedback = Property(QObject, _get_feedback, constant=True)

    return Host(feedback)


def _copy_lines(source, target: Path, first: queue.Queue) -> None:
    """Writes every line of ``source`` to ``target``; the first one (or None at EOF) also to ``first``."""
    with source, open(target, "wb") as out:
        for number, line in enumerate(source):
            out.write(line)
            out.flush()
            if number == 0:
                first.put(line.decode("utf-8", errors="replace"))
    first.put(None)


@contextlib.contextmanager
def verbose_store(store, folder: Path):
    """``kiosk-store serve --verbose`` with stdout and stderr in files; yields its base URL.

    Stdout goes through a pipe that a thread copies into its file, so the address line is
    read as soon as it is written; the thread keeps draining the pipe so the store never
    blocks on a full one.
    """
    err = folder / "store.stderr"
    with open(err, "wb") as stderr:
        process = subprocess.Popen(
            store.cmd.argv("serve", "--host", "127.0.0.1", "--port", "0", "--verbose"),
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    first: queue.Queue = queue.Queue()
    copier = threading.Thread(target=_copy_lines, args=(process.stdout, folder / "store.stdout", first), daemon=True)
    copier.start()
    try:
        try:
            line = first.get(timeout=30)
        except queue.Empty:
            raise AssertionError("the store printed no address within 30 s") from None
        assert line is not None, (
            f"the store exited ({process.wait()}): {err.read_text(encoding='utf-8', errors='replace')}"
        )
        assert line.startswith("listening on http://"), line
        yield line.removeprefix("listening on ").strip()
    finally:
        # The copier ends at the pipe's EOF, when the store has exited; only then is the
        # pipe closed under it.
        process.terminate()
        copier.join(timeout=30)
        stop(process)


def test_no_log_line_holds_the_name_telephone_or_text_of_feedback(qtbot, tmp_path, capfd):
    import shiboken6
    from PySide6.QtCore import QUrl
    from PySide6.QtQml import QQmlComponent, QQmlEngine
    from PySide6.QtQuick import QQuickWindow

    from kiosk.qt import qml_module
    from kiosk.qt.background import BackgroundRunner
    from kiosk.qt.feedback import FeedbackViewModel
    from kiosk.sync.jobs import SyncService

    store = make_store(tmp_path)
    with verbose_store(store, tmp_path) as base:
        store.enroll(base)
        config = store.config(min_interval=0, per_hour=100)
        log_file = logs.setup(config.state_dir, verbose=True, events_to_stdout=True)
        assert log_file is not None
        runner = BackgroundRunner()
        vm = FeedbackViewModel(config, runner)
        service = SyncService(config, upload_interval=3600)
        vm.submitted.connect(service.upload_now)  # as the application wires it
        service.start()
        reader = Outbox(config.outbox_file)
        qml_module.register()
        engine = QQmlEngine()
        component = QQmlComponent(engine)
        component.setData(HARNESS, QUrl.fromLocalFile(str(paths.PROJECT_ROOT / "screens" / "harness.qml")))
        host = _host(vm)
        created = component.createWithInitialProperties({"host": host})
        assert created is not None, component.errorString()
        window = shiboken6.wrapInstance(shiboken6.getCppPointer(created)[0], QQuickWindow)
        try:
            qtbot.waitExposed(window)
            vm.set_about(store.item_id, 1, "政务大厅服务时间调整")
            tap(qtbot, window, find(window, "feedbackKind-opinion"))
            for name, text in (("feedbackText", TEXT), ("feedbackName", NAME), ("feedbackPhone", PHONE)):
                if name == "feedbackName":
                    tap(qtbot, window, find(window, "feedbackConsent"))
                    qtbot.waitUntil(lambda: vm.property("consent"))
                field = find(window, name)
                field.setProperty("text", text)
                qtbot.waitUntil(lambda f=field, t=text: f.property("text") == t)
            tap(qtbot, window, find(window, "feedbackSubmit"))
            qtbot.waitUntil(lambda: vm.property("state") == "thanks", timeout=10_000)
            qtbot.waitUntil(lambda: reader.counts()["pending"] == 0 and len(store.records()) == 1, timeout=20_000)
            record = store.records()[0]
            # The visitor's words did reach the store: the search below is not vacuous.
            assert (record["contact_name"], record["contact_phone"], record["text"]) == (NAME, PHONE, TEXT)
        finally:
            window.close()
            window.deleteLater()
            service.stop()
            runner.shutdown()
            vm.close()
            reader.close()
            del component, engine
            for handler in list(logging.getLogger().handlers):
                if getattr(handler, "_kiosk", False):
                    logging.getLogger().removeHandler(handler)
                    handler.close()
    kiosk_out, kiosk_err = capfd.readouterr()
    written = {"kiosk stdout": kiosk_out, "kiosk stderr": kiosk_err}
    for path in (tmp_path / "store.stdout", tmp_path / "store.stderr", *sorted((config.state_dir / "logs").rglob("*"))):
        if path.is_file():
            written[str(path.relative_to(tmp_path))] = path.read_text(encoding="utf-8", errors="replace")
    # The logs were written at all: events of this very session are in the file and on stdout.
    assert str(config.state_dir / "logs" / "kiosk.log") in {str(tmp_path / k) for k in written}
    assert written["kiosk stdout"].strip() and written["state/logs/kiosk.log"].strip()
    leaks = [
        (where, secret)
        for where, text in written.items()
        for secret in (NAME, PHONE, TEXT, TEXT[:12])
        if secret in text
    ]
    assert leaks == []
