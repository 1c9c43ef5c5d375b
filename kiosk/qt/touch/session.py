"""The visitor's session on the touch screen: the page, the idle countdown
(:mod:`kiosk.qt.touch.idle`: it runs on every page but the attract loop), and the settings
a visitor may change (简/繁, text size, contrast, care mode) — all forgotten at the reset.

Care mode (关怀模式) is the ageing-friendly mode, one switch on the home page: the
largest text, high contrast, a longer idle time (``care_idle_timeout``) and a read-aloud
button on every page. While it is on, the text size and contrast stay as it set them."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QEnum, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk.clock import Clock, SystemClock
from kiosk.qt.i18n import Translations
from kiosk.qt.props import qt_property
from kiosk.qt.touch.idle import IdleCountdown

#: The three text sizes, as factors of the base type size. The largest is care mode's: the
#: base sizes (screens/components/Theme.qml, 26 px and up at 1080p) times 1.5 put every
#: text at 30 px or more, the "largest size at least 30 dp" of the ageing-friendly guideline
#: for apps (MIIT 2021, 《移动互联网应用（APP）适老化通用设计规范》 1.1; its main text for the
#: ageing-friendly interface is at least 18 dp).
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
    #: The visitor switched care mode on (counted as anonymous use).
    careModeOn = Signal()

    def __init__(
        self,
        idle_timeout: float,
        translations: Translations | None = None,
        parent: QObject | None = None,
        *,
        care_idle_timeout: float | None = None,
        clock: Clock | None = None,
        idle_warning: float,
    ) -> None:
        super().__init__(parent)
        self._idle_s = idle_timeout
        self._care_idle_s = care_idle_timeout or idle_timeout
        self._care = False
        self._translations = translations
        self._page = SessionViewModel.Page.Attract
        self._text_size = 0
        self._contrast = False
        self._traditional = False
        self._countdown = IdleCountdown(clock or SystemClock(), idle_timeout, idle_warning, self)
        self._countdown.idle.connect(self.idle)

    page = qt_property(int, "_page", pageChanged)
    textScale = qt_property(float, lambda self: TEXT_SCALES[self._text_size], settingsChanged)
    textSize = qt_property(int, "_text_size", settingsChanged)
    highContrast = qt_property(bool, "_contrast", settingsChanged)
    traditional = qt_property(bool, "_traditional", settingsChanged)
    careMode = qt_property(bool, "_care", settingsChanged)
    #: The warning before the idle reset, and its seconds.
    countdown = qt_property(IdleCountdown, "_countdown")

    @property
    def current(self) -> SessionViewModel.Page:
        return self._page

    def set_page(self, page: SessionViewModel.Page) -> None:
        if page != self._page:
            self._page = page
            # The attract loop is where an idle screen goes: no countdown there.
            if page == SessionViewModel.Page.Attract:
                self._countdown.stop()
            else:
                self._countdown.touched()
            self.pageChanged.emit()

    @Slot()
    def touched(self) -> None:
        """Any touch: restart the idle countdown (and take its warning away)."""
        if self._page != SessionViewModel.Page.Attract:
            self._countdown.touched()

    @property
    def idle_interval(self) -> float:
        """Seconds without a touch before the reset, as the mode now sets it."""
        return self._countdown.timeout

    def check_idle(self) -> None:
        """Look at the clock now (tests move a fake clock, then call this)."""
        self._countdown.check()

    @Slot()
    def toggleCareMode(self) -> None:
        self.setCareMode(not self._care)

    @Slot(bool)
    def setCareMode(self, on: bool) -> None:
        if on == self._care:
            self.touched()
            return
        self._care = on
        # Off gives back the standard settings, not the ones before: a visitor who turned
        # care mode on and off again expects the screen they first saw.
        self._text_size = len(TEXT_SCALES) - 1 if on else 0
        self._contrast = on
        self._countdown.set_timeout(self._care_idle_s if on else self._idle_s)
        self.touched()
        self.settingsChanged.emit()
        if on:
            self.careModeOn.emit()

    @Slot(int)
    def setTextSize(self, size: int) -> None:
        self.touched()
        if self._care:  # care mode holds the largest size
            return
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
        if self._care:  # care mode holds high contrast
            return
        self._contrast = not self._contrast
        self.settingsChanged.emit()

    @Slot()
    def toggleTraditional(self) -> None:
        self.touched()
        self._set_traditional(not self._traditional)

    def reset(self) -> None:
        """Forget the visitor's settings and whatever the input method still holds."""
        self._countdown.stop()
        self._text_size = 0
        self._contrast = False
        self._care = False
        self._countdown.set_timeout(self._idle_s)
        if self._traditional:
            self._set_traditional(False)
        elif self._translations is not None:
            self._translations.set_traditional(False)
        reset_input_method()
        self.settingsChanged.emit()

    def stop(self) -> None:
        self._countdown.stop()
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
