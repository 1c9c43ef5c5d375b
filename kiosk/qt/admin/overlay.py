"""The admin overlay's view model: the corner gesture, the PIN pad, the lockout and the idle lock.

A visitor sees nothing of it: ``taps`` taps in the top-right corner within ``tap_window``
seconds (on the injected clock) open a PIN pad; only the right PIN opens the status panel
and its actions. The PIN is checked with Argon2 in a worker (a check takes a noticeable
fraction of a second), and :class:`~kiosk.pin.PinGuard` locks the pad after ``attempts``
wrong PINs. The pad and the panel close after ``idle_timeout`` seconds without a touch,
and the touch screen's idle reset closes them too, forgetting every digit typed.

Its messages go through Qt's catalogue (context "AdminOverlay"), like the QML's texts.

With no PIN set (``kiosk set-pin`` never run) no PIN could open the pad: the gesture then
shows how to set one instead of digits.
"""

from __future__ import annotations

import functools
from collections import deque
from datetime import datetime, timedelta
from enum import IntEnum

from PySide6.QtCore import QEnum, QObject, Qt, QTimer, Signal, Slot

from kiosk.clock import Clock
from kiosk.config import AdminConfig
from kiosk.pin import PinGuard, PinStore
from kiosk.qt.admin.actions import AdminActions
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.deadline import DeadlineTimer
from kiosk.qt.i18n import fill
from kiosk.qt.props import qt_property

#: The pad takes no more digits than the longest PIN ``kiosk set-pin`` accepts.
MAX_DIGITS = 12


class AdminOverlay(QObject):
    @QEnum
    class State(IntEnum):
        """What the overlay shows: nothing, the PIN pad, or the status panel."""

        Closed = 0
        Pin = 1
        Open = 2

    stateChanged = Signal()
    typedChanged = Signal()
    messageChanged = Signal()
    lockChanged = Signal()
    statusChanged = Signal()
    #: A touch on the open overlay: the touch screen's own idle countdown restarts too.
    used = Signal()

    def __init__(
        self,
        config: AdminConfig,
        clock: Clock,
        pins: PinStore,
        runner: BackgroundRunner,
        actions: AdminActions,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config
        self._clock = clock
        self._pins = pins
        self._runner = runner
        self._actions = actions
        self._guard = PinGuard(clock, config.attempts, config.lockout)
        self._taps: deque[datetime] = deque(maxlen=config.taps)
        self._state = self.State.Closed
        self._pin = ""
        self._pin_set = pins.is_set()
        self._checking = False
        #: Which opening of the pad a PIN check belongs to: a check that ends after the pad
        #: was closed (idle, reset) must not open anything.
        self._visit = 0
        self._message = ""
        self._rows: list[dict[str, str]] = []
        self._idle = DeadlineTimer(clock, self)
        self._idle.reached.connect(self.close)
        # While the pad is locked, the seconds left are shown counting down.
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.setTimerType(Qt.TimerType.CoarseTimer)
        self._tick.timeout.connect(self._on_tick)
        actions.statusReady.connect(self._on_status)
        actions.done.connect(self._on_done)
        actions.moved.connect(self._on_moved)

    state = qt_property(int, "_state", stateChanged)
    #: How many digits are typed (the pad shows dots, never the digits).
    typed = qt_property(int, lambda self: len(self._pin), typedChanged)
    checking = qt_property(bool, "_checking", typedChanged)
    #: Whether a PIN was set when the pad opened; without one the pad shows how to set it.
    pinSet = qt_property(bool, "_pin_set", stateChanged)
    message = qt_property(str, "_message", messageChanged)
    lockedSeconds = qt_property(int, lambda self: self._guard.seconds_left(), lockChanged)
    #: The status panel's lines: ``{"label": …, "value": …}``.
    rows = qt_property(list, "_rows", statusChanged)

    # -- the gesture -----------------------------------------------------------------------

    @Slot()
    def cornerTapped(self) -> None:
        """One tap in the corner; the last ``taps`` of them within ``tap_window`` open the pad."""
        if self._state != self.State.Closed:
            return
        now = self._clock.now()
        self._taps.append(now)
        window = timedelta(seconds=self._config.tap_window)
        if len(self._taps) == self._taps.maxlen and now - self._taps[0] <= window:
            self._taps.clear()
            self._visit += 1
            self._set_message("")
            # Looked at on each opening: set-pin may run while the kiosk does.
            self._pin_set = self._pins.is_set()
            self._set_state(self.State.Pin)
            self.touched()
            self._show_lock()

    # -- the PIN pad -----------------------------------------------------------------------

    @Slot(str)
    def pressDigit(self, digit: str) -> None:
        self.touched()
        if self._state != self.State.Pin or self._checking or not self._pin_set:
            return
        if len(digit) == 1 and digit.isdigit() and len(self._pin) < MAX_DIGITS:
            self._set_pin(self._pin + digit)

    @Slot()
    def erase(self) -> None:
        self.touched()
        if self._state == self.State.Pin and not self._checking:
            self._set_pin(self._pin[:-1])

    @Slot()
    def submit(self) -> None:
        """Check the PIN typed (in a worker); refused at once while the pad is locked."""
        self.touched()
        if self._state != self.State.Pin or self._checking or not self._pin:
            return
        pin = self._pin
        self._set_pin("")
        if self._guard.locked():
            self._show_lock()
            return
        self._checking = True
        self.typedChanged.emit()
        # The answer names the opening of the pad it belongs to (a bound method, no closure).
        answer = functools.partial(self.pin_checked, self._visit)
        self._runner.submit(self._pins.verify, pin, on_done=answer, on_error=self._check_failed)

    def pin_checked(self, visit: int, right: bool) -> None:
        self._checking = False
        self.typedChanged.emit()
        if visit != self._visit or self._state != self.State.Pin:
            return  # the pad was closed while the PIN was checked
        if right:
            self._guard.succeeded()
            self._set_message("")
            self._set_state(self.State.Open)
            self.refresh()
        else:
            self._guard.failed()
            self._set_message(self.tr("PIN 不正确"))
        self._show_lock()

    def _check_failed(self, _exc: BaseException) -> None:
        self._checking = False
        self.typedChanged.emit()
        self._set_message(self.tr("无法核对 PIN"))

    # -- open and closed -------------------------------------------------------------------

    @Slot()
    def touched(self) -> None:
        """Any touch on the overlay: the idle lock counts again from now."""
        if self._state != self.State.Closed:
            self.used.emit()
            self._idle.set(self._clock.now() + timedelta(seconds=self._config.idle_timeout))

    @Slot()
    def close(self) -> None:
        """Lock and hide the overlay; nothing typed or shown remains."""
        self._visit += 1
        self._idle.stop()
        self._tick.stop()
        self._taps.clear()
        self._set_pin("")
        self._set_message("")
        if self._rows:
            self._rows = []
            self.statusChanged.emit()
        self._set_state(self.State.Closed)

    @Slot()
    def reset(self) -> None:
        """The touch screen's idle reset: the overlay is closed like everything else."""
        self.close()

    def check_idle(self) -> None:
        """Look at the clock now (tests move a fake clock, then call this)."""
        self._idle.check()

    # -- the status panel and the actions -------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        if self._state == self.State.Open:
            self.touched()
            self._actions.gather_status()

    @Slot()
    def syncNow(self) -> None:
        self._act(self._actions.sync_now)

    @Slot()
    def sendFeedbackNow(self) -> None:
        self._act(self._actions.send_feedback_now)

    @Slot()
    def reloadContent(self) -> None:
        self._act(self._actions.reload_content)

    @Slot()
    def screenshot(self) -> None:
        self._act(self._actions.screenshot)

    @Slot()
    def restart(self) -> None:
        self._act(self._actions.restart)

    @Slot()
    def exitToDesktop(self) -> None:
        self._act(self._actions.exit_to_desktop)

    def _act(self, action) -> None:
        # Only an unlocked overlay acts: a slot called while it is closed does nothing.
        self.touched()
        if self._state == self.State.Open:
            action()

    @Slot(list)
    def _on_status(self, rows: list) -> None:
        if self._state == self.State.Open:  # gathered for a panel closed since: dropped
            self._rows = rows
            self.statusChanged.emit()

    @Slot()
    def _on_moved(self) -> None:
        if self._state == self.State.Open:
            self._actions.gather_status()

    @Slot(str)
    def _on_done(self, text: str) -> None:
        if self._state == self.State.Open:
            self._set_message(text)
            self._actions.gather_status()

    # -- internals --------------------------------------------------------------------------

    def _set_state(self, state: State) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit()

    def _set_pin(self, pin: str) -> None:
        if pin != self._pin:
            self._pin = pin
            self.typedChanged.emit()

    def _set_message(self, text: str) -> None:
        if text != self._message:
            self._message = text
            self.messageChanged.emit()

    def _show_lock(self) -> None:
        if self._guard.locked() and self._state == self.State.Pin:
            self._set_message(fill(self.tr("错误次数过多，请 %1 秒后再试"), self._guard.seconds_left()))
            self._tick.start()
        else:
            self._tick.stop()
        self.lockChanged.emit()

    @Slot()
    def _on_tick(self) -> None:
        if not self._guard.locked():
            self._set_message("")
        self._show_lock()
