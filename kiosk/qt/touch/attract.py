"""The attract loop: while no one uses the screen, the newest items take turns."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.content import Item
from kiosk.presentation import Presenter, office_lines
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.props import qt_property
from kiosk.qt.touch.view import ContentView

#: How long each highlight of the attract loop stays.
ATTRACT_INTERVAL_MS = 7000
ATTRACT_ITEMS = 8


class AttractViewModel(ContentView):
    changed = Signal()

    def __init__(self, hub: ContentHub, present: Presenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._present = present
        self._rows: list[Item] = []
        self._index = 0
        self._timer = QTimer(self)
        self._timer.setInterval(ATTRACT_INTERVAL_MS)
        self._timer.timeout.connect(self.nextHighlight)

    def _highlight(self) -> dict:
        if not self._rows:
            return {}
        item = self._rows[self._index % len(self._rows)]
        p = self._present
        return {
            "itemId": item.id,
            "title": self._t(item.title),
            "category": self._t(p.category_name(item)),
            "unit": self._t(p.unit_name(item)),
            "date": self._t(p.listed_date_text(item)),
            "tint": p.category_color(item),
        }

    highlight = qt_property(dict, _highlight, changed)

    def _office(self) -> list[str]:
        config = self._hub.config
        return [self._t(line) for line in office_lines(config.contact, config.language)]

    #: The office's name, hours and contacts: the card while there is no item to show.
    officeLines = qt_property(list, _office, changed)

    @Slot()
    def nextHighlight(self) -> None:
        """The next highlight (the loop's timer calls this)."""
        self._index += 1
        self.changed.emit()

    def refresh(self) -> None:
        """Read the newest items again (a few rows: after every change and reset)."""
        if self._hub.ready:
            self._rows = self._hub.list_items(limit=ATTRACT_ITEMS)
            self.changed.emit()

    def retranslate(self) -> None:
        self.changed.emit()

    def run(self, running: bool) -> None:
        """The loop turns only while its page is shown."""
        if running:
            self._timer.start()
        else:
            self._timer.stop()

    def reset(self) -> None:
        self._index = 0

    def stop(self) -> None:
        self._timer.stop()
