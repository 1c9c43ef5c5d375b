"""The visitor's session on the touch screen: the page, the idle countdown, and the
settings a visitor may change (简/繁, text size, contrast) — all forgotten at the reset."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QEnum, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk.qt.i18n import Translations
from kiosk.qt.props import qt_property

#: The three text sizes, as factors of the base type size.
TEXT_SCALES = (1.0, 1.25, 1.5)


class SessionViewModel(QObject):
    @QEnum
    class Page(IntEnum):
        """The touch screen's pages; QML picks the page component by this."""

        Attract = 0
        Home = 1
        List = 2
        Item = 3
        Pdf = 4
        Search = 5
        Feedback = 6

    pageChanged = Signal()
    settingsChanged = Signal()
    #: Simplified (False) or Traditional (True): everything from content is converted again.
    scriptChanged = Signal(bool)
    #: No touch for the idle timeout: the screen forgets the visitor.
    idle = Signal()

    def __init__(
        self, idle_timeout: float, translations: Translations | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._translations = translations
        self._page = SessionViewModel.Page.Attract
        self._text_size = 0
        self._contrast = False
        self._traditional = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setTimerType(Qt.TimerType.CoarseTimer)
        self._idle.setInterval(int(idle_timeout * 1000))
        self._idle.timeout.connect(self.idle)

    page = qt_property(int, "_page", pageChanged)
    textScale = qt_property(float, lambda self: TEXT_SCALES[self._text_size], settingsChanged)
    textSize = qt_property(int, "_text_size", settingsChanged)
    highContrast = qt_property(bool, "_contrast", settingsChanged)
    traditional = qt_property(bool, "_traditional", settingsChanged)

    @property
    def current(self) -> SessionViewModel.Page:
        return self._page

    def set_page(self, page: SessionViewModel.Page) -> None:
        if page != self._page:
            self._page = page
            self.pageChanged.emit()

    @Slot()
    def touched(self) -> None:
        """Any touch: restart the idle countdown."""
        self._idle.start()

    @Slot(int)
    def setTextSize(self, size: int) -> None:
        self.touched()
        size = max(0, min(size, len(TEXT_SCALES) - 1))
        if size != self._text_size:
            self._text_size = size
            self.settingsChanged.emit()

    @Slot()
    def cycleTextSize(self) -> None:
        self.setTextSize((self._text_size + 1) % len(TEXT_SCALES))

    @Slot()
    def toggleContrast(self) -> None:
        self.touched()
        self._contrast = not self._contrast
        self.settingsChanged.emit()

    @Slot()
    def toggleTraditional(self) -> None:
        self.touched()
        self._set_traditional(not self._traditional)

    def reset(self) -> None:
        """Forget the visitor's settings and whatever the input method still holds."""
        self._idle.stop()
        self._text_size = 0
        self._contrast = False
        if self._traditional:
            self._set_traditional(False)
        elif self._translations is not None:
            self._translations.set_traditional(False)
        reset_input_method()
        self.settingsChanged.emit()

    def stop(self) -> None:
        self._idle.stop()
        reset_input_method()

    def _set_traditional(self, traditional: bool) -> None:
        self._traditional = traditional
        if self._translations is not None:
            self._translations.set_traditional(traditional)
        self.settingsChanged.emit()
        self.scriptChanged.emit(traditional)


def reset_input_method() -> None:
    # Pre-edit text, candidates and predictions live in the input method (one per
    # application), not in any QML field.
    method = QGuiApplication.inputMethod()
    method.reset()
    method.hide()
