"""Breaking Chinese text into lines by the rules of Chinese typesetting, with any measure.

Plain Python: the width of a piece of text comes from a function, so the LED wall breaks
lines with Qt's own font metrics (:mod:`kiosk.qt.wall_layout`) and the store's preview
with an estimate, by the same rules:

* closing punctuation (。，、；：？！ and closing brackets and quotes) never starts a line,
  and an opening bracket or quote never ends one (the line-start and line-end
  prohibitions of Chinese layout, 行首禁则 and 行尾禁则); a character that would break
  them is pushed to the next line with the one before it;
* a run of Latin letters or digits (a number, 2026, 3.5%, a word) is never split, nor
  are the doubled marks —— and …… ;
* a break is allowed between any two other characters, as Chinese is set.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: Characters that must not start a line.
NO_LINE_START = frozenset("。，、；：？！．,.;:?!)）]］}｝》〉」』】〕〗〙〛”’·‐–～%‰℃々〻ー")
#: Characters that must not end a line.
NO_LINE_END = frozenset("(（[［{｛《〈「『【〔〖〘〚“‘")
#: Marks written doubled, never split across lines.
_DOUBLED = frozenset("—…")
#: One unbreakable atom: a Latin/number run (with inner . , : / - ' between alphanumerics),
#: a run of spaces, or any single other character (the ideographic space of an indent too).
_ATOM = re.compile(r"[0-9A-Za-z]+(?:[.,:/'\-][0-9A-Za-z]+)*|[ \t\n]+|.", re.DOTALL)

Advance = Callable[[str], float]


def segments(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` between which a line may break, in order."""
    spans: list[list[int]] = []
    previous = ""
    for match in _ATOM.finditer(text):
        atom = match.group()
        glue = bool(spans) and (
            atom[0] in NO_LINE_START or previous[-1] in NO_LINE_END or (atom[0] in _DOUBLED and previous[-1] == atom[0])
        )
        if glue and atom.strip(" \t\n"):
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
        previous = atom
    return [(start, end) for start, end in spans]


def break_lines(text: str, width: float, advance: Advance) -> list[tuple[int, int]]:
    """Spans of ``text``, one per line of at most ``width`` (as ``advance`` measures it).

    Spaces at a break belong to no line. A segment wider than a whole line (a very long
    number or address) is cut by characters, the one case where a rule must give way.
    """
    lines: list[tuple[int, int]] = []
    start = end = -1
    for seg_start, seg_end in segments(text):
        if not text[seg_start:seg_end].strip(" \t\n"):
            continue
        if start < 0:
            start, end = seg_start, seg_end
        elif advance(text[start:seg_end]) <= width:
            end = seg_end
            continue
        else:
            lines.append((start, end))
            start, end = seg_start, seg_end
        while advance(text[start:end]) > width and end - start > 1:
            cut = _longest_fit(text, start, end, width, advance)
            lines.append((start, cut))
            start = cut
    if start >= 0:
        lines.append((start, end))
    return lines


def _longest_fit(text: str, start: int, end: int, width: float, advance: Advance) -> int:
    cut = start + 1
    while cut + 1 < end and advance(text[start : cut + 1]) <= width:
        cut += 1
    return cut


def fit_lines(text: str, width: float, advance: Advance, max_lines: int) -> list[str]:
    """``text`` in at most ``max_lines`` lines; the last one ends with "…" if some is left out."""
    spans = break_lines(text, width, advance)
    lines = [text[a:b] for a, b in spans[:max_lines]]
    if len(spans) > max_lines and lines:
        last = lines[-1]
        while last and advance(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def rule_breaks(lines: list[str]) -> list[str]:
    """What is wrong with these lines by the rules above, one message per fault (empty: none)."""
    faults = []
    for number, line in enumerate(lines, 1):
        body = line.strip(" \u3000")
        if body and body[0] in NO_LINE_START:
            faults.append(f"line {number} starts with {body[0]!r}: {line!r}")
        if body and body[-1] in NO_LINE_END:
            faults.append(f"line {number} ends with {body[-1]!r}: {line!r}")
    for number, (before, after) in enumerate(zip(lines, lines[1:], strict=False), 1):
        a, b = before.rstrip(), after.lstrip(" \u3000")
        if a and b and re.match(r"[0-9A-Za-z]", a[-1]) and re.match(r"[0-9A-Za-z]", b[0]):
            faults.append(f"lines {number}-{number + 1} split a word or number: {a[-8:]!r} | {b[:8]!r}")
    return faults
