"""What the touch screen's content views share: the script they show content in."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.chinese import for_display


class ContentView(QObject):
    """A view of content that follows the session's 简/繁 switch (``scriptChanged``)."""

    #: A visitor acted here: the session restarts its idle countdown.
    used = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._traditional = False

    @Slot(bool)
    def set_traditional(self, traditional: bool) -> None:
        if traditional != self._traditional:
            self._traditional = traditional
            self.retranslate()

    def retranslate(self) -> None:
        """Convert what is shown again (subclasses redraw from what they hold)."""

    def _t(self, text: str) -> str:
        return for_display(text, self._traditional)
