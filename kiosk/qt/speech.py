"""Read aloud: an item's title and text in Mandarin, through QtTextToSpeech.

On Debian the ``speechd`` engine talks to speech-dispatcher, whose espeak-ng Mandarin
voice is listed under the C locale as "Chinese (Mandarin…)" rather than under ``zh_CN``,
so the voice is looked for by locale first, then by name.
With no usable engine :attr:`ReadAloud.available` is False and the screen hides the
button: a public lobby must not show a control that does nothing.

``KIOSK_SPEECH_ENGINE`` names the engine to use (``speechd``, ``mock``, ``none``); the
tests use Qt's ``mock`` engine.
"""

from __future__ import annotations

import ctypes.util
import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QLocale, QObject, Signal, Slot

# PySide6.QtTextToSpeech is imported only once an engine is wanted: loading it loads
# QtMultimedia, which prints warnings to stderr before the kiosk has said anything.
if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

ENGINE_VARIABLE = "KIOSK_SPEECH_ENGINE"
#: The library each engine plugin needs; without it the plugin fails to load (with a warning).
_ENGINE_LIBRARIES = {"speechd": "speechd"}


def choose_engine() -> str | None:
    wanted = os.environ.get(ENGINE_VARIABLE, "speechd").strip()
    if wanted in ("", "none"):
        return None
    library = _ENGINE_LIBRARIES.get(wanted)
    if library and ctypes.util.find_library(library) is None:
        log.info("read-aloud off: lib%s is missing (on Debian: apt-get install speech-dispatcher espeak-ng)", library)
        return None
    from PySide6.QtTextToSpeech import QTextToSpeech

    if wanted not in QTextToSpeech.availableEngines():
        log.info("read-aloud off: no %r text-to-speech engine", wanted)
        return None
    return wanted


class ReadAloud(QObject):
    availableChanged = Signal()
    stateChanged = Signal()

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tts: QTextToSpeech | None = None
        name = engine if engine is not None else choose_engine()
        if name:
            from PySide6.QtTextToSpeech import QTextToSpeech

            tts = QTextToSpeech(name, self)
            if tts.state() == QTextToSpeech.State.Error:
                log.warning("read-aloud off: engine %s: %s", name, tts.errorString())
                tts.deleteLater()
            else:
                self._tts = tts
                _choose_mandarin(tts)
                tts.stateChanged.connect(self._on_state)

    def _get_available(self) -> bool:
        return self._tts is not None

    available = Property(bool, _get_available, notify=availableChanged)

    def _get_state(self) -> str:
        if self._tts is None:
            return "off"
        from PySide6.QtTextToSpeech import QTextToSpeech

        return {
            QTextToSpeech.State.Speaking: "speaking",
            QTextToSpeech.State.Paused: "paused",
            QTextToSpeech.State.Synthesizing: "speaking",
        }.get(self._tts.state(), "ready")

    state = Property(str, _get_state, notify=stateChanged)

    @Slot(str)
    def say(self, text: str) -> None:
        if self._tts is not None and text:
            self._tts.say(text)

    @Slot()
    def pause(self) -> None:
        if self._tts is not None:
            from PySide6.QtTextToSpeech import QTextToSpeech

            # At once, not at the end of the sentence: a visitor pressing pause means now.
            self._tts.pause(QTextToSpeech.BoundaryHint.Immediate)

    @Slot()
    def resume(self) -> None:
        if self._tts is not None:
            self._tts.resume()

    @Slot()
    def stop(self) -> None:
        if self._tts is not None:
            from PySide6.QtTextToSpeech import QTextToSpeech

            self._tts.stop(QTextToSpeech.BoundaryHint.Immediate)

    @Slot()
    def _on_state(self) -> None:
        self.stateChanged.emit()


def _choose_mandarin(tts: QTextToSpeech) -> None:
    for locale in tts.availableLocales():
        if locale.language() == QLocale.Language.Chinese and locale.territory() != QLocale.Country.HongKong:
            tts.setLocale(locale)
            return
    # espeak-ng via speech-dispatcher: Mandarin sits under the C locale, found by its name.
    tts.setLocale(QLocale.c())
    for voice in tts.availableVoices():
        if "mandarin" in voice.name().lower() or voice.name().lower().startswith("cmn"):
            tts.setVoice(voice)
            return
    log.info("read-aloud: no Mandarin voice; using %s", tts.voice().name() or "the default voice")
