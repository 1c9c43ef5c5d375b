"""The few words around a search match that a result shows, read from the item's text.

A result shows its item's summary and body as plain text, cut to :data:`SNIPPET_CHARS`
around the first match with :data:`SNIPPET_BEFORE` of them before it. Turning a body's
Markdown into plain text is most of a search's time (about 2 ms for a long body, fifty
hits a search), and a snippet needs only the text up to a little past the match: a long
body is read only up to the blank line after that point. Everything before a blank line
reads the same whether or not the rest follows (a fence or an indented code block left
open runs to the cut, keeping its words), except where a later reference definition or
a character reference changes a word — such bodies are read whole, and so is any body
whose cut text turns out not to reach the match or the end of the snippet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kiosk import markdown
from kiosk.content import Item

#: Characters of text shown around a match: two lines of a result at 1080p.
SNIPPET_CHARS = 72
#: Of them, how many come before the match.
SNIPPET_BEFORE = 16

Span = tuple[int, int]
#: Bodies up to this many characters are read whole: cutting would save nothing worth it.
READ_WHOLE_BELOW = 1500
#: Of a long body, read at least this far past its first match before cutting at a blank
#: line (Markdown never makes text longer: this many raw characters hold the snippet's end).
READ_PAST_MATCH = 4 * SNIPPET_CHARS
#: A reference definition ("[a]: url") can turn bracketed words anywhere into a link.
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.M)
#: A link's target, when it holds no parenthesis (the words of a link stay, its target goes).
_LINK_TARGET = re.compile(r"\]\([^()]*\)")
#: Marks Markdown removes from between the words: emphasis, code, escapes, brackets.
_MARKS = re.compile(r"[*_~`\\<>\[\]]")


def snippet(item: Item, terms: Sequence[str], width: int = SNIPPET_CHARS) -> tuple[str, list[Span]]:
    """Text of ``item``'s summary and body around the first match of ``terms``.

    Without a match there (the title matched, or pinyin did), the text's beginning. Cut
    ends say so with "…"; the spans are those of every term inside the cut.
    """
    body, matches = _readable_part(item.body, item.summary, terms)
    text, found, start, end = _window(item.summary, body, terms, width)
    longest = max((len(t) for t in terms), default=0)
    if len(body) < len(item.body) and ((matches and not found) or end + longest > len(text)):
        # The cut text lacks the match, or ends too near the snippet's end to show it (or a
        # match running past it) as the whole text would: read it all.
        text, found, start, end = _window(item.summary, item.body, terms, width)
    if not text:
        return "", []
    cut = text[start:end]
    spans = [(max(a, start) - start, min(b, end) - start) for a, b in found if b > start and a < end]
    if start > 0:
        cut, spans = "…" + cut, [(a + 1, b + 1) for a, b in spans]
    if end < len(text):
        cut += "…"
    return cut, spans


def _window(summary: str, body: str, terms: Sequence[str], width: int) -> tuple[str, list[Span], int, int]:
    """The summary and ``body`` as one line of text, the terms' spans in it, and the
    snippet's start and end."""
    text = " ".join(" ".join(filter(None, (summary, markdown.plain_text(body)))).split())
    found = text_spans(text, terms)
    start = max(0, found[0][0] - SNIPPET_BEFORE) if found else 0
    end = min(len(text), start + width)
    return text, found, max(0, min(start, end - width)), end


def _readable_part(body: str, summary: str, terms: Sequence[str]) -> tuple[str, bool]:
    """As much of ``body`` as a snippet can need (see the module's docstring), and whether
    the text matches a term (then the part must hold the first match)."""
    if len(body) < READ_WHOLE_BELOW or "&" in body or _REFERENCE_DEFINITION.search(body):
        return body, True
    folded = body.lower()
    wanted = [t.lower() for t in terms if t]
    positions = [p for t in wanted if (p := folded.find(t)) >= 0]
    if any(t in summary.lower() for t in wanted):
        anchor, matches = 0, True  # the snippet starts in the summary: the body's beginning will do
    elif positions:
        anchor, matches = min(positions), True
    elif _may_hide(folded, wanted):
        return body, True  # a term may be there, split by emphasis or a link
    else:
        anchor, matches = 0, False  # no match anywhere: the snippet is the text's beginning
    cut = body.find("\n\n", anchor + READ_PAST_MATCH)
    return (body if cut < 0 else body[:cut]), matches


def _may_hide(folded: str, terms: Sequence[str]) -> bool:
    """Whether Markdown could make a term appear in the text that the raw body lacks: with
    every mark and simple link target taken out a term shows, or an image or a target too
    tangled to take out could be joining two words."""
    if "![" in folded:
        return True
    bare = _LINK_TARGET.sub("", folded)
    if "](" in bare:
        return True
    bare = _MARKS.sub("", bare)
    return any(t in bare for t in terms)


def text_spans(text: str, terms: Sequence[str]) -> list[Span]:
    """Where each term occurs in ``text`` (case-insensitive), merged and in order."""
    folded = text.lower()
    spans = []
    for term in terms:
        term = term.lower()
        if not term:
            continue
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
