"""The LED wall's slide in numbers: where the title and the text go, and the pages of an item.

Plain Python, the same layout as ``screens/components/SlideView.qml``: on a stage of
``width`` × ``height`` pixels (``u`` is the screen's size factor) the title takes the top
(two lines on an item's first page, one on the others), the text runs below it on whole
lines, a strip at the bottom holds the unit, the date and the page number; a picture (first
page only) takes 38 % of the width on the right, a QR code 200 px with its caption.
The screen's view model measures with Qt's font metrics, the store's preview and
``kiosk plan`` with :class:`kiosk.paging.GridMeasure`; both cut pages here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.content import Item
from kiosk.linebreak import fit_lines
from kiosk.markdown import Block
from kiosk.paging import GridMeasure, Measure, Page, PageFrame, paginate

#: Sizes at 1536 × 768 (``u`` = 1), as the QML writes them.
TITLE_PX = 64
BODY_PX = 64
GAP = 20
FOOTER = 50
SIDE_GAP = 40
QR_SIZE = 200
PICTURE_SHARE = 0.38
#: The last line of an item the wall shows only in part, with and without a QR code.
NOTES_ZH = ("未完，全文请扫码或到触摸屏阅读", "未完，全文请到触摸屏阅读")
NOTES_EN = ("Continued: scan the code or use the touch screen", "Continued on the touch screen")


@dataclass(frozen=True, slots=True)
class SlidePages:
    """What the wall shows of one item: its title lines and its pages of text lines."""

    title_first: tuple[str, ...]
    title_rest: tuple[str, ...]
    pages: tuple[Page, ...]
    #: The text's pixel size: the minimum, or larger when the whole text fits one page.
    px: float

    def title(self, page: int) -> str:
        return "\n".join(self.title_first if page <= 1 else self.title_rest)


@dataclass(frozen=True)
class WallLayout:
    """Pages for a stage of this size; ``key`` changes with anything that changes them."""

    width: float
    height: float
    u: float
    min_px: int
    max_pages: int
    measure: Measure = GridMeasure()
    notes: tuple[str, str] = NOTES_ZH

    @property
    def key(self) -> tuple[object, ...]:
        size = (round(self.width, 2), round(self.height, 2), round(self.u, 4))
        return (*size, self.min_px, self.max_pages, type(self.measure).__name__, self.notes)

    @property
    def title_px(self) -> int:
        """The title's pixel size (QML sizes fonts in whole pixels)."""
        return round(TITLE_PX * self.u)

    def text_width(self, picture: bool, qr: bool) -> float:
        side = self.width * PICTURE_SHARE if picture else (QR_SIZE * self.u if qr else 0.0)
        return max(1.0, self.width - side - (SIDE_GAP * self.u if side else 0.0))

    def pages(self, item: Item, blocks: Sequence[Block]) -> SlidePages:
        picture = any(a.is_image for a in item.attachments)
        qr = bool(item.web_url)
        u, m = self.u, self.measure
        title_px = self.title_px
        first_w, rest_w = self.text_width(picture, qr), self.text_width(False, qr)

        def title_advance(s: str) -> float:
            return m.advance(s, "title", title_px)

        title_first = tuple(fit_lines(item.title, first_w, title_advance, 2))
        title_rest = tuple(fit_lines(item.title, rest_w, title_advance, 1))
        title_h = m.line_height("title", title_px)

        def frame(px: float) -> PageFrame:
            line = m.line_height("text", px)
            free = self.height - GAP * u - FOOTER * u
            return PageFrame(
                width_first=first_w,
                rows_first=max(1, math.floor((free - title_h * len(title_first)) / line + 1e-6)),
                width_rest=rest_w,
                rows_rest=max(1, math.floor((free - title_h * len(title_rest)) / line + 1e-6)),
                px=px,
                note=self.notes[0 if qr else 1],
            )

        px = float(self.min_px)
        pages = paginate(blocks, frame(px), m, self.max_pages)
        if len(pages) == 1:
            # A short text reads better larger: the largest size at which it still fits one page.
            for larger in range(round(BODY_PX * u), self.min_px, -4):
                bigger = paginate(blocks, frame(larger), m, 1)
                if len(bigger) == 1 and not any(line.style == "note" for line in bigger[0].lines):
                    px, pages = float(larger), bigger
                    break
        return SlidePages(title_first, title_rest, tuple(pages), px)


def window_layout(width: float, height: float, min_px: int, max_pages: int, **kw: Any) -> WallLayout:
    """The layout of a whole signage window (``screens/Signage.qml``: a 96-pixel band on top,
    the ticker at the bottom, 40-pixel margins, at ``u`` = 1 for 1536 × 768)."""
    u = min(width / 1536, height / 768)
    return WallLayout(width - 80 * u, height - (96 + 80 + 80) * u, u, min_px, max_pages, **kw)
