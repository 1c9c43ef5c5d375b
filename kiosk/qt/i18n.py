"""Interface strings through Qt's translation system, and the 简/繁 switch for them.

QML writes its strings in Simplified Chinese (``qsTr("返回")``). For an English
interface (``language = "en"``) the compiled catalogue ``assets/translations/kiosk_en.qm``
is installed. When a visitor switches to Traditional Chinese, :class:`TraditionalTranslator`
is installed on top: it converts each Chinese source string with OpenCC, so no second
catalogue has to be kept in step by hand. ``QQmlEngine.retranslate()`` re-evaluates
every ``qsTr`` binding at once.

The catalogue's source is ``assets/translations/kiosk_en.ts`` (the QML's ``qsTr`` and the
bridge's ``self.tr`` strings, with their English); ``assets/translations/update.sh``
extracts new strings into it (pyside6-lupdate) and compiles ``kiosk_en.qm``
(pyside6-lrelease). tests/unit/qt/test_translations.py fails while a string is untranslated.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTranslator
from PySide6.QtQml import QQmlEngine

from kiosk import paths
from kiosk.chinese import to_traditional

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = paths.ASSETS_DIR / "translations"


def fill(text: str, *args) -> str:
    """Qt's ``%1``, ``%2`` … placeholders of a translated text, filled in."""
    for n in range(len(args), 0, -1):  # %10 before %1
        text = text.replace(f"%{n}", str(args[n - 1]))
    return text


class TraditionalTranslator(QTranslator):
    """Every Chinese interface string, in Traditional characters."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1):
        if not source or source.isascii():
            return None  # None, not "": an empty string would be taken as the translation
        return to_traditional(source)

    def isEmpty(self) -> bool:
        return False


class Translations(QObject):
    """The interface language of one engine, and its Traditional switch."""

    def __init__(self, engine: QQmlEngine | None, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self.language = language
        self._catalogue: QTranslator | None = None
        self._traditional: TraditionalTranslator | None = None
        if not language.startswith("zh"):
            catalogue = QTranslator(self)
            if catalogue.load(f"kiosk_{language}", str(TRANSLATIONS_DIR)):
                QCoreApplication.installTranslator(catalogue)
                self._catalogue = catalogue
            else:
                log.warning("no interface translation for %r in %s; showing Chinese", language, TRANSLATIONS_DIR)

    @property
    def chinese(self) -> bool:
        return self._catalogue is None

    def set_traditional(self, on: bool) -> None:
        """Interface strings in Traditional characters (only for the Chinese interface)."""
        on = on and self.chinese
        if on and self._traditional is None:
            self._traditional = TraditionalTranslator(self)
            QCoreApplication.installTranslator(self._traditional)
        elif not on and self._traditional is not None:
            QCoreApplication.removeTranslator(self._traditional)
            self._traditional.deleteLater()
            self._traditional = None
        else:
            return
        if self._engine is not None:
            self._engine.retranslate()

    def close(self) -> None:
        """Remove the translators from the application (at shutdown; tests start many kiosks)."""
        for translator in (self._traditional, self._catalogue):
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
        self._traditional = self._catalogue = None
