"""The touch screen's view models: :class:`TouchScreen` and the concerns it is made of."""

from kiosk.qt.touch.attract import AttractViewModel
from kiosk.qt.touch.finder import SearchViewModel
from kiosk.qt.touch.item import ItemViewModel
from kiosk.qt.touch.listing import ListingViewModel
from kiosk.qt.touch.pdf import PdfViewModel
from kiosk.qt.touch.screen import TouchScreen
from kiosk.qt.touch.session import TEXT_SCALES, SessionViewModel

__all__ = [
    "TEXT_SCALES",
    "AttractViewModel",
    "ItemViewModel",
    "ListingViewModel",
    "PdfViewModel",
    "SearchViewModel",
    "SessionViewModel",
    "TouchScreen",
]
