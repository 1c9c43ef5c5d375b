"""One way to declare the read-only Qt properties QML binds to.

Every view model exposes state as properties with a notify signal (or constant ones);
QML writes nothing back through them, it calls slots. ``qt_property`` declares one
from an attribute name or a function of the object, so a class body reads as a list
of what QML sees::

    page = qt_property(int, "_page", pageChanged)
    title = qt_property(str, view_key("_view", "title"), slideChanged)
    kinds = qt_property(list, _kinds)          # constant: no notify signal
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, Generic, TypeVar, cast, overload

from PySide6.QtCore import Property, QObject, Signal

#: Python types QML needs by another name.
_QML_TYPES: dict[Any, Any] = {list: "QVariantList", dict: "QVariantMap"}
#: The class each object-valued property was declared with, by ``id`` of the property.
#: Qt's meta-object knows such a property only as ``QObject*`` (a Python class has no C++
#: type; a list model cannot even be named), so the QML type information is written from here.
DECLARED: dict[int, type] = {}


T = TypeVar("T")


class QtProperty(Generic[T]):
    """What :func:`qt_property` declares, as the type checker sees it: a ``Property`` on the
    class, a ``T`` on an instance. PySide6's stub gives ``Property`` no ``__get__``, so
    without this every read of a property from Python would be typed ``Property``."""

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Property: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object, owner: type | None = None) -> Any:
        raise NotImplementedError  # never called: qt_property returns a real Property


def qt_property(
    kind: type[T], source: str | Callable[[Any], Any], notify: Signal | None = None, *, doc: str = ""
) -> QtProperty[T]:
    """A read-only property of type ``kind`` (``str``, ``int``, ``bool``, ``float``, ``list``,
    ``dict``, a ``QObject`` subclass…) read from ``source``: the name of an attribute of the
    object, or a function of the object. Without ``notify`` the property is constant.
    """
    getter = attrgetter(source) if isinstance(source, str) else source
    is_object = isinstance(kind, type) and issubclass(kind, QObject)
    qml_kind = QObject if is_object else _QML_TYPES.get(kind, kind)
    if notify is None:
        prop = Property(qml_kind, getter, constant=True, doc=doc)
    else:
        prop = Property(qml_kind, getter, notify=notify, doc=doc)
    if is_object:
        DECLARED[id(prop)] = kind
    # Property is a descriptor whose reads return the getter's value: the stub lacks it.
    return cast("QtProperty[T]", prop)


def view_key(attribute: str, key: str, kind: type = str) -> Callable[[Any], Any]:
    """A getter for ``key`` of the dict held in ``attribute``, ``kind()`` when absent.

    View models keep what a page shows as one dict built in one place (a slide, an item
    page), so the page never mixes fields of two different things.
    """

    def read(self: QObject) -> Any:
        return kind(getattr(self, attribute).get(key, kind()))

    return read
