"""Snippets around a match, and the searches offered when a query finds nothing.

Plain Python with a real SQLite content cache: the counts live in the cache's meta.
"""

from __future__ import annotations

import json

import pytest
from support import NOW, make_item

from kiosk import search, snippets
from kiosk.cache import ContentCache

LONG_BODY = "本办公室" + "按照年度计划开展各项工作，" * 8 + "人防警报试鸣定于十月举行，" + "请市民相互转告。" * 6


@pytest.fixture
def cache(tmp_path):
    cache = ContentCache(tmp_path / "cache.sqlite")
    cache.apply(
        [make_item("rf", title="人防办通告", summary="", body=LONG_BODY), make_item("dw", title="党务公开目录")]
    )
    yield cache
    cache.close()


def test_snippet_shows_the_words_around_a_body_match(cache):
    (hit,) = search.search(cache, None, "警报试鸣", NOW)
    assert hit.item.id == "rf"
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= snippets.SNIPPET_CHARS + 2
    ((start, end),) = hit.snippet_spans
    assert hit.snippet[start:end] == "警报试鸣"
    assert start >= snippets.SNIPPET_BEFORE  # context before the match, not only after


def test_snippet_without_a_body_match_is_the_texts_beginning(cache):
    (hit,) = search.search(cache, None, "党务公开", NOW)
    assert hit.snippet == "摘要 正文内容" and hit.snippet_spans == ()


def test_snippet_of_markdown_is_plain_text():
    item = make_item("m", summary="", body="# 标题\n\n**重点**：[链接](https://example.org) 警报")
    text, spans = snippets.snippet(item, ["警报"])
    assert "**" not in text and "#" not in text and "https" not in text
    assert [text[a:b] for a, b in spans] == ["警报"]


def test_a_term_is_offered_only_after_several_visits_found_it(cache):
    for _ in range(search.MIN_VISITS - 1):
        search.record_term(cache, "警报")
    search.record_term(cache, "党务")
    assert search.offered_terms(cache) == []
    search.record_term(cache, "警报")
    assert search.offered_terms(cache) == ["警报"]
    for _ in range(search.MIN_VISITS + 1):
        search.record_term(cache, "黨務")  # Traditional counts as the same words
    assert search.offered_terms(cache) == ["党务", "警报"]  # the most found first


@pytest.mark.parametrize(
    "query",
    ["13800138000", "身份证 110101199003071234", "a@b.cn", "这是一整句话而不是一个搜索词语了吧", "   "],
)
def test_what_could_name_a_person_is_never_counted(cache, query):
    for _ in range(search.MIN_VISITS + 2):
        search.record_term(cache, query)
    assert search.offered_terms(cache) == []
    assert json.loads(cache.get_meta(search.TERMS_KEY) or "{}") == {}


def test_counts_are_bounded_and_survive_damage(cache):
    for n in range(search.MAX_COUNTED + 50):
        search.record_term(cache, f"词{n}")
    assert len(json.loads(cache.get_meta(search.TERMS_KEY))) == search.MAX_COUNTED
    cache.set_meta(**{search.TERMS_KEY: "not json"})
    assert search.offered_terms(cache) == []
    search.record_term(cache, "警报")
    assert json.loads(cache.get_meta(search.TERMS_KEY)) == {"警报": 1}
    cache.set_meta(**{search.TERMS_KEY: json.dumps({"警报": "many", "x": -3, "人防": 9})})
    assert search.offered_terms(cache) == ["人防"]
