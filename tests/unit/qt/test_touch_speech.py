"""Read aloud with Qt's mock speech engine; hidden when there is no engine."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QLocale
from qt_support import find, find_or_none, tap, window_of
from support import make_item

from kiosk.qt.speech import ReadAloud, _choose_mandarin


def open_item(qtbot, kiosk):
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openCategory("central-work")
    vm.openItem("a")
    qtbot.waitUntil(lambda: find_or_none(window, "readAloudButton") is not None)
    return window, vm


def test_read_aloud_pause_and_stop(qtbot, start_kiosk):
    kiosk = start_kiosk(
        [make_item("a", title="党务公开", body="Lorem ipsum dolor sit amet. " * 100)]
    )  # the mock engine speaks (and pauses) by Latin words
    window, vm = open_item(qtbot, kiosk)
    assert vm.speech.property("available")
    assert find(window, "readAloudButton").property("visible")
    tap(qtbot, window, find(window, "readAloudButton"))
    qtbot.waitUntil(lambda: vm.speech.property("state") == "speaking")
    qtbot.waitUntil(lambda: find(window, "pauseButton").property("visible"))
    tap(qtbot, window, find(window, "pauseButton"))
    qtbot.waitUntil(lambda: vm.speech.property("state") == "paused")
    tap(qtbot, window, find(window, "pauseButton"))  # now 继续
    qtbot.waitUntil(lambda: vm.speech.property("state") == "speaking")
    tap(qtbot, window, find(window, "stopButton"))
    qtbot.waitUntil(lambda: vm.speech.property("state") == "ready")
    assert find(window, "readAloudButton").property("visible")


def test_leaving_the_item_stops_reading(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("a", title="党务公开", body="Lorem ipsum dolor sit amet. " * 100)])
    window, vm = open_item(qtbot, kiosk)
    tap(qtbot, window, find(window, "readAloudButton"))
    qtbot.waitUntil(lambda: vm.speech.property("state") == "speaking")
    vm.back()
    qtbot.waitUntil(lambda: vm.speech.property("state") == "ready")


def test_no_engine_hides_the_button(qtbot, start_kiosk, monkeypatch):
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "none")
    kiosk = start_kiosk([make_item("a")])
    window, vm = open_item(qtbot, kiosk)
    assert not vm.speech.property("available")
    assert not find(window, "readAloudButton").property("visible")
    vm.item.readAloud()  # harmless
    assert ReadAloud(engine="").property("state") == "off"


def test_mandarin_is_chosen_over_cantonese():
    # Stands in for a QTextToSpeech whose engine offers Chinese voices: Qt's mock engine
    # offers none, and the speechd engine here has no Mandarin locale.
    chosen: list[QLocale] = []
    engine = SimpleNamespace(availableLocales=lambda: [QLocale(n) for n in ("en_GB", "zh_HK", "zh_CN")])
    engine.setLocale = chosen.append
    _choose_mandarin(engine)
    assert [locale.name() for locale in chosen] == ["zh_CN"]
