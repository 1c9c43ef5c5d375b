"""The ``Kiosk 1.0`` QML module: the view models, registered as types QML can name.

Pages declare what they are given (``required property SessionViewModel session``)
instead of ``var``, so ``qmllint`` checks each binding against the real properties,
signals and slots (tools/qmltypes.py writes the type information it reads). Every type
is made by the kiosk and handed to QML; QML never creates one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QObject
from PySide6.QtQml import qmlRegisterUncreatableType

from kiosk.qt.admin import AdminOverlay
from kiosk.qt.clock_face import ClockFace
from kiosk.qt.feedback import FeedbackViewModel
from kiosk.qt.feedback.lookup import ReferenceLookup
from kiosk.qt.models import CategoryModel, RowListModel
from kiosk.qt.signage import SignageViewModel
from kiosk.qt.speech import ReadAloud
from kiosk.qt.touch import (
    AttractViewModel,
    ItemViewModel,
    ListingViewModel,
    PdfViewModel,
    SearchViewModel,
    SessionViewModel,
    TouchScreen,
)
from kiosk.qt.touch.handwriting import HandwritingViewModel
from kiosk.qt.touch.idle import IdleCountdown
from kiosk.qt.touch.models import ListingModel, SearchResultModel, UnitFilterModel
from kiosk.qt.touch.view import ContentView

URI = "Kiosk"
MAJOR, MINOR = 1, 0

#: The types QML names.
TYPES: tuple[type[QObject], ...] = (
    TouchScreen,
    SessionViewModel,
    IdleCountdown,
    ListingViewModel,
    ItemViewModel,
    PdfViewModel,
    SearchViewModel,
    AttractViewModel,
    HandwritingViewModel,
    FeedbackViewModel,
    ReferenceLookup,
    SignageViewModel,
    ReadAloud,
    AdminOverlay,
    ClockFace,
    CategoryModel,
    ListingModel,
    SearchResultModel,
    UnitFilterModel,
)
#: Base classes the type information must describe too (QML never names them).
HELPER_TYPES: tuple[type[QObject], ...] = (RowListModel, ContentView)

_registered = False

# The stub asks bytes for the QML name and the message; the binding refuses bytes and takes str.
_register_uncreatable = cast(Callable[[type, str, int, int, str, str], int], qmlRegisterUncreatableType)


def register() -> None:
    """Register every type once per process, before the first QML file loads."""
    global _registered
    if _registered:
        return
    for cls in TYPES:
        _register_uncreatable(cls, URI, MAJOR, MINOR, cls.__name__, "made by the kiosk, not by QML")
    _registered = True
