"""Splitting an item's text into pages that fit the LED display at its minimum type size.

The text comes as blocks (:func:`kiosk.markdown.blocks`: headings, paragraphs, list items):
a page ends at the end of a block when one falls in its last 40 %, else at a sentence or
a clause, and only as a last resort inside a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Where a page may end, best first: a paragraph, a sentence, a clause.
_BREAKS = (re.compile(r"\n+"), re.compile(r"(?<=[。！？；!?;])"), re.compile(r"(?<=[，、,：:])"))
#: Line height as a multiple of the type size: the slide uses the font's own spacing,
#: which for Noto Sans CJK (ascent + descent) is about 1.45 em.
LINE_HEIGHT = 1.45


def page_capacity(width: float, height: float, font_px: float) -> int:
    """How many CJK characters fit a text area at ``font_px`` (each is about one em wide)."""
    if width <= 0 or height <= 0 or font_px <= 0:
        return 1
    per_line = max(1, int(width // font_px))
    lines = max(1, int(height // (font_px * LINE_HEIGHT)))
    # Paragraph ends leave part of a line empty: plan for 85 % of the area.
    return max(1, int(per_line * lines * 0.85))


def paginate(text: str, capacity: int, max_pages: int | None = None, more: str = "…") -> list[str]:
    """``text`` cut into pages of at most ``capacity`` characters, at the best breaks found.

    With ``max_pages``, what does not fit is dropped and the last page ends with ``more``.
    """
    text = text.strip()
    if not text:
        return [""]
    capacity = max(1, capacity)
    pages: list[str] = []
    rest = text
    while rest:
        if len(rest) <= capacity:
            pages.append(rest)
            break
        cut = _best_cut(rest, capacity)
        pages.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if max_pages is not None and len(pages) > max_pages:
        pages = pages[:max_pages]
        last = pages[-1]
        pages[-1] = (last[: max(0, capacity - len(more))] if len(last) + len(more) > capacity else last) + more
    return pages


def paginate_blocks(blocks: Sequence[str], capacity: int, max_pages: int | None = None, more: str = "…") -> list[str]:
    """:func:`paginate` of ``blocks`` (each one line of text), breaking between blocks first."""
    return paginate("\n".join(" ".join(block.split()) for block in blocks), capacity, max_pages, more)


def _best_cut(text: str, capacity: int) -> int:
    window = text[: capacity + 1]
    for pattern in _BREAKS:
        ends = [m.end() if m.end() > 0 else m.start() for m in pattern.finditer(window)]
        # A break in the last 40 % of the page; earlier ones would waste the page.
        good = [e for e in ends if capacity * 0.6 <= e <= capacity]
        if good:
            return good[-1]
    return capacity


def slide_capacities(stage_width: float, stage_height: float, scale: float, font_px: float) -> tuple[int, int]:
    """Page capacities of a signage slide: (beside a picture or QR code, full width).

    Mirrors the layout of ``screens/components/SlideView.qml`` on a stage of this size
    (``scale`` is the screen's size factor): the title and details take the top, the page
    number the bottom; a picture takes 38 % of the width.
    """
    height = stage_height - 330 * scale
    return (
        page_capacity(stage_width * 0.62 - 40 * scale, height, font_px),
        page_capacity(stage_width, height, font_px),
    )


def window_capacities(width: float, height: float, font_px: float) -> tuple[int, int]:
    """:func:`slide_capacities` for a whole signage window (``screens/Signage.qml``)."""
    u = min(width / 1536, height / 768)
    return slide_capacities(width - 80 * u, height - (96 + 80 + 80) * u, u, font_px)
