"""What a visitor would see wrong on a touch page, measured from the scene graph.

Every check reads the items Qt Quick has laid out, not the QML's intentions: a text's
own ``truncated`` and ``contentWidth``, where it is drawn (its content box, cut by every
clipping ancestor), whether two drawn texts cover each other, where a short label's last
line ends (laid out again with the item's own font and width), and whether a view whose
content is larger than its frame shows a scroll hint. Used by the layout and care-mode
tests.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QTextLayout, QTextOption
from PySide6.QtQuick import QQuickItem, QQuickWindow
from qt_support import scene_rect

from kiosk.qt.visual_tree import walk

#: Texts cut with "…" on purpose: a search result's title keeps to one line while the
#: keyboard is up, so that four results show above it; the whole title is one tap away.
ELIDED_ON_PURPOSE = ("resultTitle-",)

#: Labels this short (category names, buttons, headings) must not end on a lone character.
SHORT_LABEL = 16


@dataclass
class DrawnText:
    item: QQuickItem
    text: str
    rect: QRectF  # the drawn content box, in the window, cut by every clipping ancestor
    full: QRectF  # the same, uncut

    @property
    def name(self) -> str:
        return self.item.objectName() or f"{self.item.metaObject().className()} {self.text[:12]!r}"


def is_text(item: QQuickItem) -> bool:
    return item.inherits("QQuickText")


def opacity(item: QQuickItem) -> float:
    value = 1.0
    while item is not None:
        value *= item.opacity()
        item = item.parentItem()
    return value


def content_box(item: QQuickItem) -> QRectF:
    """Where a Text draws its glyphs, in the window: QQuickText's bounding rectangle is its
    laid-out text, placed by its alignment (and wider than the item when it overflows)."""
    return item.mapRectToScene(item.boundingRect())


def cut(item: QQuickItem, rect: QRectF, *, stop_at_flickable: bool = False) -> QRectF:
    """``rect`` cut by ``item``'s clipping ancestors (up to the first Flickable if asked) and the window."""
    ancestor = item.parentItem()
    last = item
    while ancestor is not None:
        if stop_at_flickable and ancestor.inherits("QQuickFlickable"):
            return rect
        if ancestor.clip():
            rect = rect.intersected(scene_rect(ancestor))
        last, ancestor = ancestor, ancestor.parentItem()
    return rect.intersected(scene_rect(last))


def drawn_texts(window: QQuickWindow) -> list[DrawnText]:
    """The texts drawn on the pages and header; the keyboard panel (the Qt Virtual
    Keyboard and its candidate bar) is left to the keyboard's own tests."""
    found = []
    keyboard = [i for i in walk(window) if i.objectName() == "keyboardPanel"]
    for item in walk(window):
        if keyboard and _ancestor(keyboard[0], item):
            continue
        if not is_text(item) or not item.isVisible() or opacity(item) < 0.05:
            continue
        text = item.property("text") or ""
        if not text.strip():
            continue
        full = content_box(item)
        rect = cut(item, full)
        if rect.width() > 0.5 and rect.height() > 0.5:
            found.append(DrawnText(item, text, rect, full))
    return found


def _ancestor(a: QQuickItem, b: QQuickItem) -> bool:
    while b is not None:
        if b is a:
            return True
        b = b.parentItem()
    return False


def last_line_chars(item: QQuickItem) -> int:
    """How many characters the last line of a wrapped plain text holds, laid out with the
    item's font, width and wrap mode, as QQuickText lays it out (one QTextLayout)."""
    text = item.property("text")
    layout = QTextLayout(text, item.property("font"))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(item.width())
        starts.append((line.textStart(), line.textLength()))
    layout.endLayout()
    start, length = starts[-1]
    return len(text[start : start + length].strip())


def settled_problems(qtbot, window: QQuickWindow, check: Callable[[QQuickWindow], list[str]]) -> list[str]:
    """``check``'s problems on a frame once the layout has settled.

    A view that learns a delegate's height only when it lays it out (a result list whose
    rows change from wrapped to one line as the keyboard opens) places its rows again on
    the next frame: a frame grabbed in between shows rows on top of each other that no
    visitor sees. So frames are rendered until one is clean, for up to two seconds; a
    problem that lasts that long is real, and the last frame's list is returned."""
    last: list[str] = []

    def clean() -> bool:
        window.grabWindow()  # a frame laid out and rendered as a visitor sees it
        last[:] = check(window)
        return not last

    try:
        qtbot.waitUntil(clean, timeout=2000)
    except qtbot.TimeoutError:
        pass
    return last


def text_problems(window: QQuickWindow) -> list[str]:
    """Clipped, cut, overflowing, orphaned or overlapping texts on the window, one line each."""
    problems = []
    texts = drawn_texts(window)
    for t in texts:
        item = t.item
        if item.property("truncated") and not t.name.startswith(ELIDED_ON_PURPOSE):
            problems.append(f"{t.name}: truncated ({t.text[:30]!r})")
        if item.property("contentWidth") > item.width() + 1:
            problems.append(f"{t.name}: {item.property('contentWidth'):.0f} px of text in {item.width():.0f} px")
        inside = cut(item, t.full, stop_at_flickable=True)
        if item.clip():  # a text clipping itself is cut as surely as by its frame
            inside = inside.intersected(scene_rect(item))
        if inside.width() + 1 < t.full.width() or inside.height() + 1 < t.full.height():
            problems.append(f"{t.name}: cut by its frame ({t.full} shown as {inside})")
        lines = item.property("lineCount")
        plain = "<" not in t.text  # rich text is laid out differently
        if plain and lines >= 2 and len(t.text) <= SHORT_LABEL and _cjk(t.text) and last_line_chars(item) < 2:
            problems.append(f"{t.name}: {t.text!r} ends on a lone character")
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if _ancestor(a.item, b.item) or _ancestor(b.item, a.item):
                continue
            both = a.rect.intersected(b.rect)
            if both.width() > 1 and both.height() > 1:
                problems.append(f"{a.name} and {b.name} overlap at {both}")
    return problems


def scroll_problems(window: QQuickWindow) -> list[str]:
    """Views whose content is larger than their frame but show no scroll hint over them."""
    problems = []
    items = list(walk(window))
    hints = [i for i in items if i.objectName() == "scrollHint" and i.isVisible()]
    keyboard = [i for i in items if i.objectName() == "keyboardPanel"]
    for item in items:
        if keyboard and _ancestor(keyboard[0], item):
            continue  # the Qt Virtual Keyboard's own candidate list
        if not item.inherits("QQuickFlickable") or not item.isVisible() or item.width() < 1 or item.height() < 1:
            continue
        over_x = item.property("contentWidth") > item.width() + 1
        over_y = item.property("contentHeight") > item.height() + 1
        if not (over_x or over_y):
            continue
        frame = scene_rect(item)
        shown = [h for h in hints if _same(scene_rect(h), frame) and h.property("showing") and opacity(h) > 0.05]
        if not shown:
            problems.append(f"{item.objectName() or item}: scrolls but shows no scroll hint")
    return problems


def _same(a: QRectF, b: QRectF) -> bool:
    """The hint lies over the view (to a pixel)."""
    return all(abs(x - y) <= 1 for x, y in zip(a.getRect(), b.getRect(), strict=True))


def _cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) == "W" for ch in text)


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The contrast ratio of two colours (WCAG 2's definition, which the national guideline uses)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def background_of(item: QQuickItem, window: QQuickWindow) -> QColor:
    """The colour drawn behind ``item``: the nearest opaque rectangle under its centre,
    looking down the ancestors and their earlier siblings, else the window's colour."""
    centre = item.mapToScene(item.boundingRect().center())
    below = item
    parent = item.parentItem()
    while parent is not None:
        siblings = parent.childItems()
        index = siblings.index(below) if below in siblings else len(siblings)
        for sibling in reversed(siblings[:index]):
            hit = _opaque_rect_at(sibling, centre)
            if hit is not None:
                return hit
        if parent.inherits("QQuickRectangle") and parent.property("color").alpha() > 250:
            return parent.property("color")
        below, parent = parent, parent.parentItem()
    return window.property("color")


def _opaque_rect_at(item: QQuickItem, point) -> QColor | None:
    if not item.isVisible() or opacity(item) < 0.95:
        return None
    for child in reversed(item.childItems()):
        hit = _opaque_rect_at(child, point)
        if hit is not None:
            return hit
    if item.inherits("QQuickRectangle") and item.property("color").alpha() > 250 and scene_rect(item).contains(point):
        return item.property("color")
    return None
