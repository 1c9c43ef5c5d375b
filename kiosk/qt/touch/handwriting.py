"""The handwriting pad's view model: strokes in, candidate characters out.

The pad (screens/touch/HandwritingPad.qml) is an input mode beside the keyboard: one tap
switches between them. QML reports each stroke's points in pad coordinates; when a
stroke ends, the strokes so far are classified by Zinnia (kiosk.handwriting) on the
background runner — a classification takes several milliseconds, too long for the UI
thread — and the candidates come back as :attr:`candidates`, best first. A pick returns
the character for QML to commit to the focused field and clears the pad.

The recognizer is opened on first use, in the worker. Without the library or the model
the pad says so in one line (:attr:`problem`) and the keyboard stays usable.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from kiosk import handwriting
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.props import qt_property

log = logging.getLogger(__name__)

#: Candidate buttons the pad shows.
CANDIDATES = 10


class HandwritingViewModel(QObject):
    modeChanged = Signal()
    candidatesChanged = Signal()
    strokesChanged = Signal()
    problemChanged = Signal()

    def __init__(
        self, runner: BackgroundRunner, parent: QObject | None = None, *, model: Path = handwriting.DEFAULT_MODEL
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._model = model
        self._recognizer: handwriting.Recognizer | None = None
        self._opening = threading.Lock()  # two workers may classify at once: open the model once
        self._unavailable = False
        self._active = False
        self._strokes: list[list[tuple[float, float]]] = []
        self._drawing = False
        self._size = (1.0, 1.0)
        self._candidates: list[str] = []
        #: How many strokes the candidates answer (fewer while a stroke is being recognised).
        self._recognised = 0
        self._problem = ""
        #: Bumped whenever the strokes are cleared: an answer for older strokes is dropped.
        self._generation = 0

    #: True while the pad is shown in place of the keyboard.
    active = qt_property(bool, "_active", modeChanged)
    candidates = qt_property(list, "_candidates", candidatesChanged)
    strokeCount = qt_property(int, lambda self: len(self._strokes), strokesChanged)
    recognised = qt_property(int, "_recognised", candidatesChanged)
    #: One line for the visitor when handwriting cannot work here ("" when it can).
    problem = qt_property(str, "_problem", problemChanged)

    @Slot()
    def toggle(self) -> None:
        """The one tap that switches between the keyboard and the pad."""
        self._set_active(not self._active)

    @Slot(float, float, float, float)
    def beginStroke(self, x: float, y: float, width: float, height: float) -> None:
        if len(self._strokes) >= handwriting.MAX_STROKES:
            self._drawing = False
            return
        self._size = (max(1.0, width), max(1.0, height))
        self._strokes.append([(x, y)])
        self._drawing = True
        self.strokesChanged.emit()

    @Slot(float, float)
    def addPoint(self, x: float, y: float) -> None:
        if self._drawing and len(self._strokes[-1]) < handwriting.MAX_POINTS_PER_STROKE:
            self._strokes[-1].append((x, y))

    @Slot()
    def endStroke(self) -> None:
        if not self._drawing:
            return
        self._drawing = False
        self._recognise()

    @Slot()
    def clear(self) -> None:
        """Wipe the pad (its 重写 button, a pick, a mode switch, the idle reset)."""
        self._generation += 1
        self._drawing = False
        if self._strokes:
            self._strokes = []
            self.strokesChanged.emit()
        self._set_candidates([], 0)

    @Slot(int, result=str)
    def pick(self, index: int) -> str:
        """The ``index``-th candidate, for QML to commit; the pad is cleared for the next one."""
        if not 0 <= index < len(self._candidates):
            return ""
        character = self._candidates[index]
        self.clear()
        return character

    def reset(self) -> None:
        """A new visitor starts with the keyboard and an empty pad."""
        self.clear()
        self._set_active(False)

    def close(self) -> None:
        with self._opening:
            if self._recognizer is not None:
                self._recognizer.close()

    # -- internals -------------------------------------------------------------------------

    def _recognise(self) -> None:
        if self._unavailable:
            return
        strokes = [list(stroke) for stroke in self._strokes]
        width, height = self._size
        self._runner.submit(
            self._classify,
            self._generation,
            strokes,
            width,
            height,
            on_done=self._classified,
            on_error=self._failed,
        )

    def _classify(self, generation: int, strokes: list, width: float, height: float) -> tuple[int, int, list[str]]:
        """In the worker: open the model on first use, then classify."""
        with self._opening:
            if self._recognizer is None:
                self._recognizer = handwriting.Recognizer(self._model)
        found = self._recognizer.classify(strokes, width, height, CANDIDATES)
        return generation, len(strokes), [c.character for c in found]

    @Slot(object)
    def _classified(self, answer: Any) -> None:
        generation, strokes, characters = answer
        # Answers may come back out of order (two workers): only a newer one counts.
        if generation == self._generation and strokes > self._recognised:
            self._set_candidates(characters, strokes)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._unavailable = True
        log.error("handwriting: %s", exc)
        self._problem = "本机暂不能识别手写，请使用键盘输入"
        self.problemChanged.emit()

    def _set_candidates(self, characters: list[str], recognised: int) -> None:
        if characters != self._candidates or recognised != self._recognised:
            self._candidates = characters
            self._recognised = recognised
            self.candidatesChanged.emit()

    def _set_active(self, active: bool) -> None:
        if active != self._active:
            self._active = active
            self.clear()
            self.modeChanged.emit()
