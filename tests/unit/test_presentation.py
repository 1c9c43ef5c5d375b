"""Tests of how an item reads on a screen (kiosk.presentation.Presenter).

Names come from the catalogue (with the key as a fallback), dates are local and Chinese,
the "revised" mark appears only for a re-disclosed item, and the item page's meta line
holds unit, date, document number and index number.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support import make_item

from kiosk.catalog import Catalog, Category, Unit, default_catalog
from kiosk.presentation import FALLBACK_COLOR, Presenter

SEP = "  ·  "


@pytest.fixture
def zh():
    return Presenter(catalog=default_catalog(), timezone="Asia/Shanghai")


@pytest.fixture
def en():
    return Presenter(catalog=default_catalog(), timezone="Asia/Shanghai", language="en")


def test_category_and_unit_names(zh, en):
    item = make_item("x", category="conduct", unit="civil-air-defence-office")
    assert zh.category_name(item) == "作风建设"
    assert en.category_name(item) == "Conduct and integrity"
    assert zh.unit_name(item) == "人防办"
    assert en.unit_name(item) == "Civil Air Defence Office"
    assert zh.category_color(item) == "#2E7D32"


def test_english_falls_back_to_the_chinese_name_when_there_is_none():
    catalog = Catalog(categories=(Category(key="c", name_zh="类别"),), units=(Unit(key="u", name_zh="单位"),))
    presenter = Presenter(catalog=catalog, timezone="Asia/Shanghai", language="en")
    item = make_item("x", category="c", unit="u")
    assert presenter.category_name(item) == "类别"
    assert presenter.unit_name(item) == "单位"
    assert presenter.category_color(item) == "#455A64"


def test_unknown_keys_show_as_themselves(zh):
    item = make_item("x", category="retired-category", unit="merged-unit")
    assert zh.category_name(item) == "retired-category"
    assert zh.unit_name(item) == "merged-unit"
    assert zh.category_color(item) == FALLBACK_COLOR


def test_the_date_is_the_local_publication_date(zh, en):
    item = make_item("x", published_at=datetime(2026, 11, 26, 16, 30, tzinfo=UTC))
    assert zh.date_text(item) == "2026年11月27日"
    assert en.date_text(item) == "27 Nov 2026"
    berlin = Presenter(catalog=default_catalog(), timezone="Europe/Berlin")
    assert berlin.date_text(item) == "2026年11月26日"


def test_revised_mark_only_for_a_revised_item(zh, en):
    revised = make_item("x", revision=2, revised_at=datetime(2026, 9, 14, 16, 0, tzinfo=UTC))
    assert zh.revised_text(revised) == "修订于 2026年9月15日"
    assert en.revised_text(revised) == "Revised 15 Sep 2026"
    assert zh.revised_text(make_item("x")) == ""
    # A second revision without a revision date, or a revision date on the first
    # revision, is not "revised".
    assert zh.revised_text(make_item("x", revision=2)) == ""
    assert zh.revised_text(make_item("x", revised_at=datetime(2026, 9, 14, tzinfo=UTC))) == ""


def test_meta_line(zh, en):
    published = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    item = make_item(
        "x",
        unit="research-office",
        published_at=published,
        doc_number="市委发〔2026〕7号",
        index_number="11620100-2026-00042",
    )
    assert zh.meta_line(item) == SEP.join(["研究室", "2026年3月2日", "市委发〔2026〕7号", "索引号 11620100-2026-00042"])
    assert en.meta_line(item) == SEP.join(
        ["Research Office", "2 Mar 2026", "市委发〔2026〕7号", "Index no. 11620100-2026-00042"]
    )


def test_meta_line_leaves_out_empty_numbers(zh):
    item = make_item("x", published_at=datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    assert zh.meta_line(item) == "市政府党组" + SEP + "2026年3月2日"
    only_index = make_item("x", published_at=datetime(2026, 3, 2, 1, 0, tzinfo=UTC), index_number="42")
    assert zh.meta_line(only_index) == SEP.join(["市政府党组", "2026年3月2日", "索引号 42"])


def test_a_list_row_shows_the_newest_disclosures_date_and_says_when_it_is_a_revision(zh, en):
    first = datetime(2026, 8, 1, 2, 0, tzinfo=UTC)
    revised = make_item(published_at=first, revision=2, revised_at=datetime(2026, 9, 14, 17, 0, tzinfo=UTC))
    assert zh.listed_date_text(revised) == "修订于 2026年9月15日"  # 01:00 on the 15th in Shanghai
    assert en.listed_date_text(revised) == "Revised 15 Sep 2026"
    assert zh.listed_date_text(make_item(published_at=first)) == "2026年8月1日"
