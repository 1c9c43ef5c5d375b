"""Cutting an item's text into the LED wall's pages, measured line by line.

Plain Python. The wall sets text on a grid of whole lines at the minimum type size: a
heading is a line of its own (bold), a paragraph starts with the two-character indent of
Chinese documents instead of a gap, so no blank space opens between blocks. Lines are
broken by :mod:`kiosk.linebreak` with a :class:`Measure` — Qt's font metrics on the
wall (:mod:`kiosk.qt.wall_layout`), :class:`GridMeasure`'s estimate elsewhere — and a page
holds as many lines as the text area does, so the pages here are the lines the wall draws.

A page ends, best first, at the end of a block or a sentence (。！？；), then at a clause
(，、：), then at either side of a quoted title or an aside (《…》, （…）), and only when
a page's last lines hold none of these, after a word that surely ends (…的, 2026年),
and at the very last at the end of its last line — always
keeping at least :data:`MIN_FILL` of the page's lines in use, except on the last page.
A heading is never the last line of a page. An item longer than ``max_pages`` ends on a
line saying where to read the rest (:attr:`PageFrame.note`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from kiosk.linebreak import break_lines
from kiosk.markdown import Block

#: The narrowest glyph, in ems: a first guess at how many characters a page's lines hold
#: (too few, and more of the text is broken; never a different page).
NARROWEST_GLYPH = 0.25
#: The share of a page's lines that must hold text, on every page but the last.
MIN_FILL = 0.8
#: The indent that starts a paragraph (two ideographic spaces, as Chinese documents do).
INDENT = "\u3000\u3000"
_SENTENCE = re.compile(r"[。！？；!?;…]+[”’」』）》〕】]*")
_CLAUSE = re.compile(r"[，、：,:]+[”’」』）》〕】]*")
#: The end of a quoted title or an aside, or the start of one: a phrase ends there.
_PHRASE = re.compile(r"[”’」』）》〕】]+|(?=[“‘「『（《〔【])")
#: Where a word surely ends when a page holds no phrase end: after 的, or after a date.
_WORD_END = re.compile(r"的|(?<=[0-9])[年月日号]")


class Measure(Protocol):
    """How wide a text is drawn in a style ("text", "heading" or "note") at a pixel size."""

    def advance(self, text: str, style: str, px: float) -> float: ...

    def line_height(self, style: str, px: float) -> float: ...


class GridMeasure:
    """An estimate without fonts: CJK characters one em wide, Latin letters and digits
    0.55 em, spaces 0.25 em (close to Noto Sans CJK's figures)."""

    def advance(self, text: str, style: str, px: float) -> float:
        total = 0.0
        for ch in text:
            if ch == " ":
                total += 0.25
            elif ord(ch) < 0x2E80:
                total += 0.55
            else:
                total += 1.0
        return total * px * (1.02 if style == "heading" else 1.0)

    def line_height(self, style: str, px: float) -> float:
        return px * 1.448


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    style: str = "text"  # text | heading | note


@dataclass(frozen=True, slots=True)
class Page:
    lines: tuple[Line, ...]
    #: Lines the page's text area holds.
    rows: int

    @property
    def text(self) -> str:
        """The page as plain text, a block a line (for reading time and previews)."""
        parts: list[str] = []
        for line in self.lines:
            if line.text.startswith(INDENT) or line.style != "text" or not parts:
                parts.append(line.text.removeprefix(INDENT))
            else:
                parts[-1] += line.text
        return "\n".join(parts)

    @property
    def fill(self) -> float:
        return len(self.lines) / self.rows if self.rows else 1.0


@dataclass(frozen=True, slots=True)
class PageFrame:
    """The text area of each page: the first may differ (a picture beside it, a longer title)."""

    width_first: float
    rows_first: int
    width_rest: float
    rows_rest: int
    px: float
    #: The last line of an item cut short by ``max_pages``: where to read the rest.
    note: str = ""

    def width(self, page: int) -> float:
        return self.width_first if page == 0 else self.width_rest

    def rows(self, page: int) -> int:
        return max(1, self.rows_first if page == 0 else self.rows_rest)


def pieces(blocks: Sequence[Block]) -> list[Line]:
    """The blocks as unbroken lines of a style: headings bold, paragraphs indented."""
    out = []
    for block in blocks:
        text = " ".join(block.text.split())
        if not text:
            continue
        if block.kind == "heading":
            out.append(Line(text, "heading"))
        else:
            out.append(Line(INDENT + text if block.kind == "paragraph" else text))
    return out


def paginate(blocks: Sequence[Block], frame: PageFrame, measure: Measure, max_pages: int | None = None) -> list[Page]:
    """The pages of ``blocks`` in ``frame``; with ``max_pages``, the last ends with the note."""
    queue = pieces(blocks)
    pages: list[Page] = []
    while queue:
        number = len(pages)
        rows = frame.rows(number)
        last_allowed = max_pages is not None and number == max_pages - 1
        note = _lines(frame.note, frame.width(number), measure, "note", frame.px) if last_allowed else []
        lines, rest = _fill(queue, frame.width(number), rows, measure, frame.px)
        if last_allowed and rest and note:
            lines, rest = _fill(queue, frame.width(number), max(1, rows - len(note)), measure, frame.px)
            lines += [Line(t, "note") for t in note]
        pages.append(Page(tuple(lines), rows))
        if last_allowed or rest == queue:
            break
        queue = rest
    return pages or [Page((), frame.rows(0))]


def _advance(measure: Measure, style: str, px: float, text: str) -> float:
    return measure.advance(text, style, px)


def _lines(text: str, width: float, measure: Measure, style: str, px: float) -> list[str]:
    if not text:
        return []
    return [text[a:b] for a, b in break_lines(text, width, lambda s: measure.advance(s, style, px))]


def _fill(queue: list[Line], width: float, rows: int, measure: Measure, px: float) -> tuple[list[Line], list[Line]]:
    """One page's lines from the head of ``queue``, and what is left of the queue."""
    placed: list[Line] = []
    for index, piece in enumerate(queue):
        room = rows - len(placed)
        spans = _first_lines(piece.text, room, width, partial(_advance, measure, piece.style, px), px)
        following = index + 1 < len(queue)
        if piece.style == "heading":
            # A heading needs a line of what it heads below it, on the same page.
            if placed and len(spans) + (1 if following else 0) > room:
                return placed, queue[index:]
            spans = spans[:room]
            placed += [Line(piece.text[a:b], "heading") for a, b in spans]
            if len(placed) >= rows:
                return placed, queue[index + 1 :]
            continue
        if len(spans) <= room:
            placed += [Line(piece.text[a:b]) for a, b in spans]
            if len(placed) >= rows:
                return placed, queue[index + 1 :]
            continue
        cut = _cut(piece.text, spans, room, len(placed), rows, bool(placed) and placed[-1].style == "heading")
        if cut <= 0:
            return placed, queue[index:]
        head = break_lines(piece.text[:cut], width, lambda s: measure.advance(s, "text", px))
        placed += [Line(piece.text[a:b]) for a, b in head]
        rest = piece.text[cut:].lstrip(" \u3000")
        return placed, ([Line(rest)] if rest else []) + queue[index + 1 :]
    return placed, []


def _first_lines(
    text: str, room: int, width: float, advance: Callable[[str], float], px: float
) -> list[tuple[int, int]]:
    """The line spans of ``text``: all of them, or — for a text far longer than a page —
    at least the first ``room + 2`` exactly, which is all a page looks at. Breaking a
    hostile 5 MB paragraph whole, once per page, held the wall's UI thread for minutes."""
    chars = int((room + 2) * (width / max(px * NARROWEST_GLYPH, 1.0) + 8))
    while True:
        if chars >= len(text):
            return break_lines(text, width, advance)
        spans = break_lines(text[:chars], width, advance)
        # Past the first room + 1 lines the prefix's end cannot change where they break.
        if len(spans) >= room + 2:
            return spans
        chars *= 2


def _cut(text: str, spans: list[tuple[int, int]], room: int, used: int, rows: int, headed: bool) -> int:
    """Where to end the page inside ``text`` (0: before it, unless a heading is ``headed``
    above it), its first ``room`` lines free."""
    limit = spans[room - 1][1]

    def fill(position: int) -> float:
        lines = next(i for i, (_, end) in enumerate(spans) if position <= end) + 1 if position else 0
        return (used + lines) / rows

    ends = [m.end() for m in _SENTENCE.finditer(text, 0, limit)]
    clauses = [m.end() for m in _CLAUSE.finditer(text, 0, limit)]
    phrases = [m.end() for m in _PHRASE.finditer(text, 0, limit)]
    words = [m.end() for m in _WORD_END.finditer(text, 0, limit)]
    for tier in ([*([] if headed else [0]), *ends], clauses, phrases, words):
        # 0 (end the page before this block) is offered only when no heading is above it.
        good = [p for p in tier if p < len(text) and fill(p) >= MIN_FILL]
        if good:
            return max(good)
    if used / rows >= MIN_FILL and not headed:
        return 0
    # No sentence or clause ends within a page: the end of its last line, before a number
    # that would be cut from its unit (2003|年).
    cut = limit
    while cut > spans[room - 1][0] + 1 and (text[cut - 1].isdigit() or text[cut : cut + 1] in ("年", "月", "日", "号")):
        cut -= 1
    return cut
