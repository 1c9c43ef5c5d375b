"""Search for the touch screen: Chinese text through the cache, Latin letters as pinyin.

A visitor types Chinese (the virtual keyboard's Pinyin input) or, with the Latin
keyboard, pinyin: initials (``dwgk`` finds 党务公开) or whole syllables (``dangwu``,
``dang wu gong kai``). Chinese, digits and document numbers go to the content cache's
search (FTS5 trigram, with a substring path for one- and two-character terms); Latin
queries also go through :class:`PinyinIndex`, an in-memory index of item titles.

Every hit carries the character spans to highlight in the title. Plain Python: it runs
in a worker thread (:mod:`kiosk.qt.background`) and touches no Qt object.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, cast

from pypinyin import lazy_pinyin

from kiosk import rules
from kiosk.chinese import to_simplified
from kiosk.content import Item

if TYPE_CHECKING:
    from kiosk.cache import ContentCache

#: What a search returns at most: a screenful or two; the visitor refines the query.
LIMIT = 50
_PINYIN_QUERY = re.compile(r"^[a-zA-Z' ]+$")
_SEPARATORS = re.compile(r"[\s']+")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class PinyinKey:
    """A title's pinyin: one initial per character, and the syllables run together.

    ``initials[i]`` belongs to character ``i``; ``starts[i]`` is where character ``i``'s
    syllable begins in ``full`` (non-Chinese characters stand for themselves, lower-cased).
    """

    initials: str
    full: str
    starts: tuple[int, ...]

    def char_at(self, offset: int) -> int:
        """The character whose syllable covers ``offset`` of ``full``."""
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


def _as_list(run: str) -> list[str]:
    return list(run)


#: pypinyin accepts an ``errors`` callable returning a list (one entry per character);
#: its type stubs only name the callable returning a string.
_ONE_EACH = cast("Callable[[str], str]", _as_list)


def pinyin_key(text: str) -> PinyinKey:
    syllables: list[str] = lazy_pinyin(text, errors=_ONE_EACH)  # non-Chinese runs come back one character each
    if len(syllables) != len(text):  # never expected; keep spans honest if it happens
        syllables = [lazy_pinyin(ch, errors=_ONE_EACH)[0] if ch.strip() else ch for ch in text]
    syllables = [s.lower() for s in syllables]
    starts, offset = [], 0
    for s in syllables:
        starts.append(offset)
        offset += len(s)
    return PinyinKey(initials="".join(s[:1] for s in syllables), full="".join(syllables), starts=tuple(starts))


def is_pinyin_query(query: str) -> bool:
    return bool(_PINYIN_QUERY.match(query.strip()))


@dataclass(frozen=True, slots=True)
class Hit:
    item: Item
    #: Character spans of the title to highlight.
    spans: tuple[Span, ...] = field(default=())


class PinyinIndex:
    """Titles of the held items, newest first, keyed by pinyin. Built in a worker; read-only after.

    It may hold items outside their display window: :meth:`search` applies the display
    rule at the instant asked, so time passing never calls for a new index.
    """

    def __init__(self, items: Iterable[Item] = ()) -> None:
        self._entries = [(item, pinyin_key(item.title)) for item in items]

    def __len__(self) -> int:
        return len(self._entries)

    def updated(self, upserts: Iterable[Item], removed: Iterable[str] = ()) -> PinyinIndex:
        """A new index with ``upserts`` added or replaced and ``removed`` left out.

        Only the new titles' pinyin is computed: a change of one item among 10,000 costs
        one key, not 10,000. This index is left as it is (a search may be reading it).
        """
        upserts = list(upserts)
        drop = set(removed) | {item.id for item in upserts}
        entries = [entry for entry in self._entries if entry[0].id not in drop]
        entries += [(item, pinyin_key(item.title)) for item in upserts]
        entries.sort(key=_newest_first)  # the cache's order: search returns the newest hits first
        index = PinyinIndex()
        index._entries = entries
        return index

    def search(self, query: str, now: datetime, limit: int = LIMIT) -> list[Hit]:
        letters = _SEPARATORS.sub("", query.lower())
        if not letters:
            return []
        hits: list[Hit] = []
        for item, key in self._entries:
            span = _initials_span(key, letters) or _full_span(key, letters)
            if span is not None and rules.may_show(item, now):
                hits.append(Hit(item, (span,)))
                if len(hits) >= limit:
                    break
        return hits


def _newest_first(entry: tuple[Item, PinyinKey]) -> tuple[float, str]:
    return (-entry[0].last_changed.timestamp(), entry[0].id)


def _initials_span(key: PinyinKey, letters: str) -> Span | None:
    start = key.initials.find(letters)
    return (start, start + len(letters)) if start >= 0 else None


def _full_span(key: PinyinKey, letters: str) -> Span | None:
    """``letters`` inside the run-together syllables, starting on a syllable's first letter."""
    start = key.full.find(letters)
    while start >= 0:
        first = key.char_at(start)
        if key.starts[first] == start:
            return (first, key.char_at(start + len(letters) - 1) + 1)
        start = key.full.find(letters, start + 1)
    return None


def search(cache: ContentCache, index: PinyinIndex | None, query: str, now: datetime, limit: int = LIMIT) -> list[Hit]:
    """Items matching ``query``, title matches first; ``cache`` is a :class:`ContentCache`."""
    query = to_simplified(" ".join(query.split()))
    if not query:
        return []
    hits: list[Hit] = []
    seen: set[str] = set()
    if index is not None and is_pinyin_query(query):
        for hit in index.search(query, now, limit):
            hits.append(hit)
            seen.add(hit.item.id)
    terms = query.split()
    for item in cache.search(query, now, limit=limit):
        if item.id not in seen and len(hits) < limit:
            seen.add(item.id)
            hits.append(Hit(item, tuple(text_spans(item.title, terms))))
    return hits


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


def highlighted(text: str, spans: Sequence[Span], color: str, convert: Callable[[str], str] = str) -> str:
    """``text`` as escaped rich text with ``spans`` marked; nothing in ``text`` stays markup.

    ``convert`` (e.g. to Traditional) is applied piece by piece, so the marks stay on the
    characters that matched.
    """
    out, last = [], 0
    for start, end in spans:
        out.append(html.escape(convert(text[last:start])))
        out.append(
            f'<span style="background-color:{color};font-weight:bold">{html.escape(convert(text[start:end]))}</span>'
        )
        last = end
    out.append(html.escape(convert(text[last:])))
    return "".join(out)
