"""The touch screen on real QML: attract loop, categories with counts, list, item, back, home."""

from __future__ import annotations

from datetime import timedelta

from qt_support import find, find_or_none, tap, window_of
from support import NOW, Audience, make_item

ITEMS = [
    make_item(
        "cw-1",
        title="民生实事推进情况",
        category="central-work",
        published_at=NOW - timedelta(days=30),
        body="## 进展\n\n第一项已完成。[链接](file:///etc/passwd)",
        doc_number="市委发〔2026〕7号",
        index_number="000014-2026-00012",
    ),
    make_item(
        "cw-2",
        title="年度重点工作安排",
        category="central-work",
        published_at=NOW - timedelta(days=1),
        unit="research-office",
    ),
    make_item(
        "cw-3",
        title="修订过的事项",
        category="central-work",
        published_at=NOW - timedelta(days=60),
        revision=2,
        revised_at=NOW - timedelta(days=20),
    ),
    make_item("cd-1", title="述职述廉报告", category="conduct"),
    make_item("hidden-internal", title="内部事项", category="conduct", audience=Audience.INTERNAL),
    make_item("hidden-future", title="尚未公开", category="conduct", public_from=NOW + timedelta(days=2)),
]


def enter(qtbot, kiosk):
    """Tap "touch to start" on the attract loop: the visit starts at home."""
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    assert vm.page_name == "attract"
    tap(qtbot, window, find(window, "touchToStart"))  # the card would open its item
    qtbot.waitUntil(lambda: vm.page_name == "home")
    return window, vm


def test_starts_on_attract_loop_with_a_recent_item(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    qtbot.waitUntil(lambda: find(window, "attractTitle").property("text") != "")
    first = find(window, "attractTitle").property("text")
    assert first in {"年度重点工作安排", "述职述廉报告"}  # the newest items (same day)
    kiosk.view_models[0].attract.nextHighlight()
    assert find(window, "attractTitle").property("text") != first


def test_home_shows_counts_of_displayable_items_only(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window, _ = enter(qtbot, kiosk)
    qtbot.waitUntil(lambda: find(window, "count-central-work").property("text") == "3 条")
    assert find(window, "count-conduct").property("text") == "1 条"
    assert find(window, "count-organisation").property("text") == "暂无公开事项"


def test_tap_category_then_item_then_back_and_home(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)

    tap(qtbot, window, find(window, "category-central-work"))
    qtbot.waitUntil(lambda: vm.page_name == "list")
    qtbot.waitUntil(lambda: find_or_none(window, "item-cw-1") is not None)
    assert find(window, "itemList").property("count") == 3
    # Newest first: cw-2 was published after cw-1; cw-3 counts from its revision.
    assert [r.itemId for r in vm.listing.items.rows()] == ["cw-2", "cw-3", "cw-1"]
    assert find(window, "freshMark-cw-2").property("visible")
    assert not find(window, "freshMark-cw-1").property("visible")
    assert find(window, "revisedMark-cw-3").property("visible")

    tap(qtbot, window, find(window, "item-cw-1"))
    qtbot.waitUntil(lambda: vm.page_name == "item")
    assert find(window, "itemTitle").property("text") == "民生实事推进情况"
    meta = find(window, "itemMeta").property("text")
    assert "市政府党组" in meta and "市委发〔2026〕7号" in meta and "000014-2026-00012" in meta
    body = find(window, "itemBody").property("text")
    assert "第一项已完成" in body and "file:" not in body and "href" not in body

    tap(qtbot, window, find(window, "backButton"))
    qtbot.waitUntil(lambda: vm.page_name == "list")
    tap(qtbot, window, find(window, "homeButton"))
    qtbot.waitUntil(lambda: vm.page_name == "home")


def test_filter_by_unit(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    tap(qtbot, window, find(window, "category-central-work"))
    qtbot.waitUntil(lambda: find_or_none(window, "unit-research-office") is not None)
    assert [(r.key, r.count) for r in vm.listing.units.rows()] == [("", 3), ("party-group", 2), ("research-office", 1)]

    tap(qtbot, window, find(window, "unit-research-office"))
    qtbot.waitUntil(lambda: find(window, "itemList").property("count") == 1)
    assert vm.listing.property("unit") == "research-office"
    assert [r.itemId for r in vm.listing.items.rows()] == ["cw-2"]

    tap(qtbot, window, find(window, "unit-all"))
    qtbot.waitUntil(lambda: find(window, "itemList").property("count") == 3)


def test_image_enlarges_on_tap_and_closes(qtbot, start_kiosk, kiosk_config):
    from PySide6.QtGui import QImage

    from kiosk.cache.assets import AssetStore

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    sha = AssetStore(kiosk_config.cache_file.parent / "assets").put(bytes(data))
    from support import Attachment

    kiosk = start_kiosk(
        [make_item("pic", attachments=(Attachment(sha256=sha, media_type="image/png", size=len(data)),))]
    )
    window, vm = enter(qtbot, kiosk)
    vm.openCategory("central-work")
    vm.openItem("pic")
    qtbot.waitUntil(lambda: find_or_none(window, "itemImage-0") is not None)
    assert not find(window, "lightbox").property("visible")
    tap(qtbot, window, find(window, "itemImage-0"))
    qtbot.waitUntil(lambda: find(window, "lightbox").property("visible"))
    assert vm.item.property("enlargedImage") == f"image://kiosk/{sha}"
    tap(qtbot, window, find(window, "closeImage"))
    qtbot.waitUntil(lambda: not find(window, "lightbox").property("visible"))
    # Only the item's own images can be enlarged: no URL from anywhere else.
    vm.item.enlargeImage("http://example.com/x.png")
    assert vm.item.property("enlargedImage") == ""


def test_opinion_box_shows_published_channels_and_names_the_item(qtbot, start_kiosk, kiosk_config):
    from dataclasses import replace

    from kiosk.config import ContactConfig

    config = replace(kiosk_config, contact=ContactConfig(email="gk@example.gov.cn", telephone="0931-1234"))
    kiosk = start_kiosk(ITEMS, config=config)
    window, vm = enter(qtbot, kiosk)
    tap(qtbot, window, find(window, "feedbackButton"))
    qtbot.waitUntil(lambda: vm.page_name == "feedback")
    assert find_or_none(window, "contact-email") is not None and find_or_none(window, "contact-telephone") is not None
    assert not find(window, "feedbackAbout").property("visible")
    vm.home()
    vm.openCategory("central-work")
    vm.openItem("cw-1")
    qtbot.waitUntil(lambda: find_or_none(window, "itemFeedbackButton") is not None)
    tap(qtbot, window, find(window, "itemFeedbackButton"))
    qtbot.waitUntil(lambda: vm.page_name == "feedback")
    assert "民生实事推进情况" in find(window, "feedbackAbout").property("text")
    vm.back()
    assert vm.page_name == "item"


def test_touch_targets_are_large(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window, vm = enter(qtbot, kiosk)
    vm.openCategory("central-work")
    qtbot.waitUntil(lambda: find_or_none(window, "item-cw-1") is not None)
    for name in (
        "backButton",
        "homeButton",
        "searchButton",
        "textSizeButton",
        "chineseButton",
        "contrastButton",
        "unit-all",
        "item-cw-1",
    ):
        item = find(window, name)
        assert item.height() >= 64 and item.width() >= 64, name


def test_open_item_that_vanished_stays_on_list(qtbot, start_kiosk, clock):
    kiosk = start_kiosk([make_item("soon-gone", expires_at=NOW + timedelta(minutes=5))])
    vm = kiosk.view_models[0]
    vm.openCategory("central-work")
    clock.advance(timedelta(minutes=6))
    vm.openItem("soon-gone")
    assert vm.page_name == "list"


def test_open_item_leaves_screen_when_it_expires(qtbot, start_kiosk, clock):
    kiosk = start_kiosk([make_item("expiring", expires_at=NOW + timedelta(minutes=5)), make_item("stays")])
    vm = kiosk.view_models[0]
    vm.openCategory("central-work")
    vm.openItem("expiring")
    assert vm.page_name == "item"
    clock.advance(timedelta(minutes=5))
    with qtbot.waitSignal(kiosk.hub.changed, timeout=2000):
        kiosk.hub._watch.check()
    assert vm.page_name == "list"
    assert [r.itemId for r in vm.listing.items.rows()] == ["stays"]
