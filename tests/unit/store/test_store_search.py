"""The console's indexed search finds exactly what a plain LIKE over the same text finds.

Generated items mix Chinese, Latin letters in both cases, digits, full-width and ASCII
punctuation, LIKE's wildcards ``%`` and ``_``, the escape character, both kinds of quote
(FTS5's phrase quote among them), and letters whose lower case is not one character wide.
Every query — substrings cut from the texts, at every length from one character, and
strings that occur nowhere — goes through the console's listing (the trigram index from
three characters on, the short copies below that) and through a bare ``LIKE '%…%'`` on
the column that rule reads; the ids must be the same, on SQLite and on PostgreSQL. Some
items have an older revision with other text (only the latest one is listed) and some
have their text rewritten in place (the index must follow an update).
"""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from store_support import database_url  # noqa: F401 (fixture)
from support import NOW

from kiosk import signing
from kiosk.clock import FakeClock
from kiosk.store import item_index
from kiosk.store.console.listing import MAX_PER_PAGE, ItemQuery, list_items
from kiosk.store.models import ItemRow, Revision
from kiosk.store.search import INDEXED_LENGTH
from kiosk.store.service import open_store

ALPHABET = (
    "党务公开年度工作计划落实情况费收缴学习安排市委发号"  # Chinese
    "abcXYZ0129"  # Latin in both cases, digits
    "〔〕，。、：“”‘’（）"  # full-width punctuation
    "%_\\'\"-. "  # LIKE's wildcards and escape, both quotes, ASCII punctuation, a space
    "ΣσςİKＡ"  # sigma's two lower cases; letters whose lower case is wider or another letter
)
ITEMS = 120


def _text(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(low, high)))


def _content(item_id: str, number: int, rng: random.Random) -> dict:
    return {
        "id": item_id,
        "revision": number,
        "title": _text(rng, 4, 16),
        "summary": _text(rng, 0, 10),
        "body": _text(rng, 20, 120),
        "category": "central-work",
        "unit": "party-group",
        "audience": "public",
        "cadence": "routine",
        "priority": "normal",
        "doc_number": _text(rng, 0, 8),
        "index_number": _text(rng, 0, 6),
        "web_url": "",
        "public_from": None,
        "expires_at": None,
        "revised_at": None,
        "attachments": [],
    }


@pytest.fixture
def searched(tmp_path, database_url):
    """A store holding generated items, and the queries to ask of it."""
    rng = random.Random(20261203)  # the same data every run: a failure can be replayed
    store = open_store(tmp_path / "data", database_url, tmp_path / "keys", clock=FakeClock(NOW))
    store.init()
    store.add_user("alice", "author")
    texts: list[str] = []
    with store.db.write() as session:
        from kiosk.store import staff

        author = staff.user(session, "alice").id
        for n in range(ITEMS):
            item_id = f"item-{n:03d}"
            numbers = (1, 2) if n % 7 == 0 else (1,)
            session.add(ItemRow(id=item_id, created_at=NOW, latest_revision=numbers[-1]))
            session.flush()
            for number in numbers:
                content = _content(item_id, number, rng)
                session.add(
                    Revision(
                        item_id=item_id,
                        number=number,
                        state="draft",
                        content=signing.canonical_json(content).decode(),
                        title=content["title"],
                        audience="public",
                        author_id=author,
                        created_at=NOW + timedelta(minutes=n),
                        **item_index.index_columns(content),
                    )
                )
                texts.append(item_index.index_columns(content)["search_text"])
        session.flush()
        for n in range(0, ITEMS, 11):  # rewritten in place: the index follows the update
            rewritten = item_index.index_columns(_content(f"item-{n:03d}", 1, rng))
            session.execute(
                update(Revision)
                .where(Revision.item_id == f"item-{n:03d}", Revision.number == 1)
                .values(search_text=rewritten["search_text"], search_head=rewritten["search_head"])
            )
            texts.append(rewritten["search_text"])
    queries: set[str] = {"%", "_", "\\", "'", '"', '""', "%_", "\\%", "'%'", '"a"', "σ", "ς", "i̇", "ａ", "k"}
    for _ in range(400):
        source = rng.choice(texts)
        length = rng.randint(1, 6)
        start = rng.randint(0, max(0, len(source) - length))
        queries.add(source[start : start + length])
    queries.update(_text(rng, 1, 5) for _ in range(100))  # mostly found nowhere
    queries.update(q.upper() for q in list(queries)[:50])  # the search is case-blind
    yield store, sorted(q for q in queries if q.strip())
    store.db.close()


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(session, text: str) -> list[str]:
    """The plain LIKE search the index must agree with: the latest revision's text (its short
    copy below the indexed length) holds the query, lower-cased with its spaces collapsed."""
    column = Revision.search_text if len(text) >= INDEXED_LENGTH else Revision.search_head
    found = session.scalars(
        select(ItemRow.id)
        .join(Revision, (Revision.item_id == ItemRow.id) & (Revision.number == ItemRow.latest_revision))
        .where(column.like(f"%{_escaped(text)}%", escape="\\"))
    )
    return sorted(found)


def test_the_index_finds_exactly_what_like_finds(searched):
    store, queries = searched
    mismatches = []
    found_any = 0
    with store.db.read() as session:
        latest = {
            item_id: (full, head)
            for item_id, full, head in session.execute(
                select(ItemRow.id, Revision.search_text, Revision.search_head).join(
                    Revision, (Revision.item_id == ItemRow.id) & (Revision.number == ItemRow.latest_revision)
                )
            )
        }
        for query in queries:
            text = " ".join(query.split()).lower()
            page = list_items(session, ItemQuery(search=query, per_page=MAX_PER_PAGE))
            indexed = sorted(i.id for i in page.items)
            expected = _like(session, text)
            # The reference itself, checked against Python's own substring test.
            by_python = sorted(
                i for i, (full, head) in latest.items() if text in (full if len(text) >= INDEXED_LENGTH else head)
            )
            assert expected == by_python, (query, expected, by_python)
            assert page.total == len(indexed)
            if indexed != expected:
                mismatches.append((query, sorted(set(indexed) ^ set(expected))))
            found_any += bool(expected)
    assert not mismatches, mismatches[:10]
    assert found_any > len(queries) // 2  # most queries find something: the comparison means something
