"""Pinyin keys, the pinyin index, spans and highlighting (plain Python, no Qt)."""

from __future__ import annotations

from datetime import timedelta

from support import NOW, make_item

from kiosk import search, snippets
from kiosk.chinese import to_simplified, to_traditional


def test_pinyin_key_one_initial_per_character():
    key = search.pinyin_key("2026年党务公开")
    assert key.initials == "2026ndwgk"
    assert key.full == "2026niandangwugongkai"
    assert key.char_at(key.full.index("dang")) == 5


def test_index_finds_initials_and_syllables_with_title_spans():
    index = search.PinyinIndex([make_item("a", title="市政府党务公开实施方案"), make_item("b", title="人防办工作")])
    assert [(h.item.id, h.spans) for h in index.search("dwgk", NOW)] == [("a", ((3, 7),))]
    assert [(h.item.id, h.spans) for h in index.search("dang wu", NOW)] == [("a", ((3, 5),))]
    assert [h.item.id for h in index.search("renfangb", NOW)] == ["b"]
    assert index.search("angwu", NOW) == []  # not on a syllable boundary
    assert index.search("   ", NOW) == []


def test_index_applies_the_display_rule_at_search_time():
    index = search.PinyinIndex([make_item("a", title="党务公开", expires_at=NOW + timedelta(hours=1))])
    assert index.search("dwgk", NOW)
    assert index.search("dwgk", NOW + timedelta(hours=2)) == []


def test_highlight_escapes_everything_but_the_mark():
    html = search.highlighted("<b>党务</b>", [(3, 5)], "#FF0")
    assert html == '&lt;b&gt;<span style="background-color:#FF0;font-weight:bold">党务</span>&lt;/b&gt;'
    assert "黨務" in search.highlighted("党务公开", [(0, 2)], "#FF0", to_traditional)


def test_text_spans_merge_overlaps():
    assert snippets.text_spans("党务公开党务", ["党务", "务公"]) == [(0, 3), (4, 6)]


def test_query_kinds():
    assert search.is_pinyin_query("dwgk") and search.is_pinyin_query("dang wu")
    assert not search.is_pinyin_query("党务") and not search.is_pinyin_query("2026")


def test_simplified_traditional_round_trip():
    assert to_traditional("市政府办公室党务公开实施方案") == "市政府辦公室黨務公開實施方案"
    assert to_simplified("黨務公開") == "党务公开"
    assert to_traditional("") == "" and to_traditional("abc") == "abc"
