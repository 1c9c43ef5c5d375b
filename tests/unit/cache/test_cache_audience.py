"""The cache's reads filter by the display rule themselves, whatever the file holds.

``ContentCache.apply`` refuses internal items, so the queries' own filter (the SQL form of
:mod:`kiosk.rules`, and the Python check after it) is only exercised by rows put into the
file some other way — as a damaged or hostile cache would hold them. Counts, lists, pages,
search, single items and the next window edge must all leave them out.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hostile_rows import HOSTILE, NEXT_PUBLIC_EDGE, TERM, insert_hostile_rows
from support import NOW, make_item

from kiosk.cache import ContentCache

PUBLIC = [
    make_item(
        f"public-{n}",
        title=f"可以显示的{TERM}条目 {n}",
        published_at=NOW - timedelta(days=n + 1),
        expires_at=NOW + timedelta(days=30),
    )
    for n in range(3)
]
PUBLIC_IDS = [i.id for i in PUBLIC]  # newest first


@pytest.fixture
def cache(tmp_path):
    cache = ContentCache(tmp_path / "cache.sqlite3")
    cache.apply(PUBLIC, replace_all=True)
    insert_hostile_rows(cache.path)
    assert cache.item_ids() == set(PUBLIC_IDS) | set(HOSTILE)  # the rows are really there
    yield cache
    cache.close()


def test_counts_leave_out_rows_that_may_not_show(cache):
    assert cache.category_counts(NOW) == {"central-work": len(PUBLIC)}
    assert cache.unit_counts(NOW) == {"party-group": len(PUBLIC)}
    assert cache.unit_counts(NOW, category="central-work") == {"party-group": len(PUBLIC)}


def test_lists_and_pages_hold_only_showable_items(cache):
    assert [i.id for i in cache.items(NOW)] == PUBLIC_IDS
    assert [i.id for i in cache.items(NOW, with_body=False)] == PUBLIC_IDS
    # The hostile rows are the newest: a page filtered after the query would come up short.
    assert [i.id for i in cache.list_items(NOW, category="central-work", limit=2)] == PUBLIC_IDS[:2]
    assert [i.id for i in cache.list_items(NOW, unit="party-group", limit=2, offset=1)] == PUBLIC_IDS[1:3]
    assert [i.id for i in cache.list_items(NOW, limit=1)] == PUBLIC_IDS[:1]


@pytest.mark.parametrize("query", [TERM, TERM[:2], "条目"], ids=["trigram", "substring", "other-substring"])
def test_search_finds_only_showable_items(cache, query):
    assert sorted(i.id for i in cache.search(query, NOW)) == sorted(PUBLIC_IDS)
    assert len(cache.search(query, NOW, limit=2)) == 2


@pytest.mark.parametrize("item_id", sorted(HOSTILE))
def test_a_hostile_row_cannot_be_opened(cache, item_id):
    assert cache.item(item_id, NOW) is None


def test_next_change_ignores_internal_rows(cache):
    # internal-soon's window opens in ten minutes: it must not wake a screen.
    assert cache.next_change(NOW) == NEXT_PUBLIC_EDGE


def test_a_not_yet_public_row_shows_when_its_window_opens(cache):
    later = NEXT_PUBLIC_EDGE
    shown = {i.id for i in cache.items(later)}
    assert shown == set(PUBLIC_IDS) | {"not-yet-public"}
    assert cache.category_counts(later) == {"central-work": len(PUBLIC) + 1}
