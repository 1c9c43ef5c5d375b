"""Search for the touch screen: Chinese text through the cache, Latin letters as pinyin.

A visitor types Chinese (the virtual keyboard's Pinyin input) or, with the Latin
keyboard, pinyin: initials (``dwgk`` finds 党务公开) or whole syllables (``dangwu``,
``dang wu gong kai``). Chinese, digits and document numbers go to the content cache's
search (FTS5 trigram, with a substring path for one- and two-character terms); Latin
queries also go through :class:`PinyinIndex`, an in-memory index of item titles.

Every hit carries the character spans to highlight in the title, and a snippet of the
summary or body around the first match (with its own spans), so a visitor sees why an item
was found. A query that finds nothing is answered with the searches other visitors made
here that found something (:func:`record_term`, :func:`offered_terms`): counted on this
kiosk only, once per visit, and offered only after several distinct visits found the same
words — a term one visitor typed is never shown to the next. Plain Python: it runs in a
worker thread (:mod:`kiosk.qt.background`) and touches no Qt object.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, cast

from pypinyin import lazy_pinyin

from kiosk import rules
from kiosk.chinese import to_simplified
from kiosk.content import Item
from kiosk.snippets import Span, snippet, text_spans

if TYPE_CHECKING:
    from kiosk.cache import ContentCache

#: What a search returns at most: a screenful or two; the visitor refines the query.
LIMIT = 50
_PINYIN_QUERY = re.compile(r"^[a-zA-Z' ]+$")
_SEPARATORS = re.compile(r"[\s']+")


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
    #: Plain text of the summary or body around the first match ("" when there is none).
    snippet: str = ""
    snippet_spans: tuple[Span, ...] = field(default=())


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
    # The search reads no bodies (it is typed letter by letter); the few hits' bodies are
    # read once, for their snippets.
    full = cache.stored_items([h.item.id for h in hits], with_body=True)
    return [with_snippet(h, full.get(h.item.id, h.item), terms) for h in hits]


def with_snippet(hit: Hit, item: Item, terms: Sequence[str]) -> Hit:
    text, spans = snippet(item, terms)
    return Hit(hit.item, hit.spans, text, tuple(spans))


# -- what other visitors found ------------------------------------------------------------

#: The cache's meta key holding the counts (JSON: term → number of visits that found it).
TERMS_KEY = "search_terms"
#: Visits that must have found something with a term before it is offered to anyone.
MIN_VISITS = 3
#: Terms counted at most (the least found are forgotten first); terms offered at most.
MAX_COUNTED = 200
MAX_OFFERED = 8
#: Longer queries are sentences, not search terms: never counted.
MAX_TERM_CHARS = 16
#: Runs of digits as long as a telephone, identity or account number: never counted,
#: whatever they found.
_NUMBER_LIKE = re.compile(r"\d{5,}")
_terms_lock = threading.Lock()


def countable(query: str) -> str | None:
    """``query`` as it would be counted, or None when it must not be (see the bounds)."""
    term = to_simplified(" ".join(query.split())).lower()
    if not term or len(term) > MAX_TERM_CHARS or _NUMBER_LIKE.search(term) or "@" in term:
        return None
    return term


def _counts(raw: str | None) -> dict[str, int]:
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int) and v > 0}


def record_term(cache: ContentCache, query: str) -> None:
    """One more visit found something with ``query`` (the caller counts a visit once)."""
    term = countable(query)
    if term is None:
        return
    with _terms_lock:  # read, add, write: two workers must not lose a count
        counts = _counts(cache.get_meta(TERMS_KEY))
        counts[term] = counts.get(term, 0) + 1
        kept = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COUNTED]
        cache.set_meta(**{TERMS_KEY: json.dumps(dict(kept), ensure_ascii=False)})


def offered_terms(cache: ContentCache) -> list[str]:
    """The terms found by at least :data:`MIN_VISITS` visits, the most found first."""
    counts = _counts(cache.get_meta(TERMS_KEY))
    found = sorted((kv for kv in counts.items() if kv[1] >= MIN_VISITS), key=lambda kv: (-kv[1], kv[0]))
    return [term for term, _ in found[:MAX_OFFERED]]


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
