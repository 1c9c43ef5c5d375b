"""The wall's pages as drawn: every page of every demo item and of a 4,000-character report
fills its text area, breaks at sentence or clause ends and keeps Chinese line-breaking rules.

Everything is read from the rendered slide (the line items QML laid out, their text, font,
size and place), not from the paging code's own numbers.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest
from qt_support import find, settle, window_of
from support import make_item

from kiosk import demo
from kiosk.cache import ContentCache
from kiosk.linebreak import NO_LINE_START, rule_breaks
from kiosk.paging import INDENT, MIN_FILL

REPORT = Path(__file__).parents[2] / "data" / "wall-long-report.md"
#: Where a page may end: after a sentence or a clause (closing quotes and brackets may
#: follow), or after a quoted title or an aside.
PAGE_END = re.compile(r"([。！？；，、：!?;,:…][”’」』）》〕】]*|[”’」』）》〕】])$")
#: The last resort of a page that holds no such end: after a word that surely ends there.
WORD_END = re.compile(r"(的|[0-9][年月日号])$")
#: Set KIOSK_WALL_PNG to a folder to keep a PNG of every page looked at.
PNG_DIR = os.environ.get("KIOSK_WALL_PNG")


def long_report():
    return make_item(
        "report-2026h1",
        title="市政府党组2026年上半年党务公开工作情况报告",
        summary="",
        body=REPORT.read_text(encoding="utf-8"),
        web_url="https://www.example.gov.cn/gk/report-2026h1",
    )


@pytest.fixture
def wall(qtbot, kiosk_config, clock):
    """A running kiosk on the demo pack plus the long report; yields (kiosk, items)."""
    from kiosk.qt.app import Kiosk, ScreenOptions

    def opener(cfg):
        cache = ContentCache(cfg.cache_file)
        demo.import_pack(cache, cfg.catalog)
        cache.apply([long_report()])
        return cache

    kiosk = Kiosk(kiosk_config, ScreenOptions(), clock=clock)
    kiosk.start(open_cache=opener)
    qtbot.waitUntil(lambda: kiosk.hub.ready, timeout=5000)
    for _, window in kiosk.windows:
        qtbot.waitExposed(window)
    items = kiosk.hub.items(with_body=False)
    yield kiosk, items
    kiosk.shutdown()
    kiosk.deleteLater()
    qtbot.waitUntil(lambda: True)


def show(qtbot, kiosk, item, page):
    """Put page ``page`` of ``item`` on the wall, as the rotation would."""
    vm = kiosk.view_models[1]
    now = kiosk.hub.clock.now()
    slide = vm._planner.first_page(item, now) if page == 1 else vm._planner.page_of(item, page, now)
    vm._show(slide)
    window = window_of(kiosk, "signage")
    settle(qtbot, window)
    front = find(window, "slideA" if window.property("frontIsA") else "slideB")
    if PNG_DIR:  # a picture after the cross-fade, not in the middle of it
        qtbot.waitUntil(lambda: front.property("opacity") == 1, timeout=3000)
    return window, front, slide


def inside(item, name):
    """The item named ``name`` under ``item`` (the front slide), depth first."""
    stack = [item]
    while stack:
        current = stack.pop()
        if current.objectName() == name:
            return current
        stack.extend(current.childItems())
    raise AssertionError(f"no {name!r} in {item.objectName()}")


def drawn_page(front):
    """The lines drawn on the front slide: (text, bold, rect), and the text area's rows."""
    body = inside(front, "slideText")
    lines = [c for c in body.childItems() if c.objectName() == "slideLine"]
    u = front.property("u")
    top = body.y()
    bottom = front.height() - 50 * u
    out = []
    for line in lines:
        assert line.property("lineCount") == 1, line.property("text")
        rect = (body.x() + line.x(), top + line.y(), line.property("contentWidth"), line.height())
        out.append((line.property("text"), line.property("font").bold(), rect))
    line_h = lines[0].height() if lines else 1
    rows = math.floor((bottom - top) / line_h + 1e-6)
    return out, rows, body.width(), bottom


def test_every_page_fills_its_area_and_breaks_by_the_rules(qtbot, wall):
    kiosk, items = wall
    report = next(i for i in items if i.id == "report-2026h1")
    looked_at = page_ends = 0
    word_ends: list[str] = []
    for item in items:
        full = kiosk.hub.item(item.id)
        window, front, first = show(qtbot, kiosk, full, 1)
        pages = first.pages
        all_lines: list[str] = []
        for page in range(1, pages + 1):
            if page > 1:
                window, front, _ = show(qtbot, kiosk, full, page)
            lines, rows, width, bottom = drawn_page(front)
            texts = [t for t, _, _ in lines]
            where = f"{item.id} page {page}/{pages}"
            assert lines, where
            for text, _bold, (_x, y, w, h) in lines:
                assert w <= width + 0.5, f"{where}: {text!r} runs past the text area"
                assert y + h <= bottom + 0.5, f"{where}: {text!r} runs into the bottom strip"
                assert "  " not in text.strip() and not text.startswith(INDENT + " "), f"{where}: {text!r}"
            # Lines follow each other on one grid: no double gap anywhere.
            ys = [y for _, _, (_, y, _, _) in lines]
            steps = {round(b - a, 1) for a, b in zip(ys, ys[1:], strict=False)}
            assert len(steps) <= 1, f"{where}: uneven gaps {steps}"
            # Headings are bold, and never the last line of a page.
            assert not lines[-1][1] or page == pages, f"{where}: ends on a heading"
            if page < pages:
                fill = len(lines) / rows
                assert fill >= MIN_FILL, f"{where}: {len(lines)} of {rows} lines used"
                nxt = show(qtbot, kiosk, full, page + 1)[1]
                next_lines = drawn_page(nxt)[0]
                window, front, _ = show(qtbot, kiosk, full, page)
                head, bold = next_lines[0][0], next_lines[0][1]
                starts_block = head.startswith(INDENT) or bold or head[0] in "“‘「『（《〔【"
                if not (PAGE_END.search(texts[-1]) or starts_block):
                    before_number = next_lines[0][0][:1].isdigit()
                    assert WORD_END.search(texts[-1]) or before_number, f"{where} ends mid-clause: {texts[-1]!r}"
                    word_ends.append(where)
                page_ends += 1
            all_lines += texts
            looked_at += 1
            if PNG_DIR and item.id in ("report-2026h1", "cd-001-discipline-inspection", "cw-003-livelihood-projects"):
                window.grabWindow().save(str(Path(PNG_DIR) / f"wall-{item.id}-{page}.png"))
        title = inside(front, "slideTitle").property("text").split("\n")
        assert not rule_breaks(title), (item.id, title)
        # Across lines and pages: no closing mark starts a line, no opening mark ends one,
        # no word or number is split.
        assert not rule_breaks(all_lines), (item.id, rule_breaks(all_lines))
        assert not any(t.lstrip("\u3000")[:1] in NO_LINE_START for t in all_lines)
    assert looked_at > 2 * len(items)
    # Nearly every page ends at a sentence, a clause or a phrase.
    assert len(word_ends) <= page_ends // 20, word_ends
    # The long report is cut short: its last page says where to read the rest, beside the QR code.
    show(qtbot, kiosk, kiosk.hub.item(report.id), 1)
    window, front, last = show(qtbot, kiosk, kiosk.hub.item(report.id), 10**6)
    assert last.page == last.pages > 1
    assert "扫码" in drawn_page(front)[0][-1][0]
    caption = inside(front, "slideQrCaption")
    assert caption.property("visible") and caption.property("text") == "扫码阅读全文"


def test_headings_stay_headings_on_the_wall(qtbot, wall):
    kiosk, _ = wall
    item = kiosk.hub.item("cd-001-discipline-inspection")
    headings = {"督查范围", "发现的问题", "处理情况", "下一步"}
    seen = set()
    window, front, first = show(qtbot, kiosk, item, 1)
    for page in range(1, first.pages + 1):
        window, front, _ = show(qtbot, kiosk, item, page)
        for text, bold, _ in drawn_page(front)[0]:
            if text in headings:
                assert bold, text
                seen.add(text)
            else:
                assert not bold and not any(text.startswith(h) for h in headings), text
    assert seen == headings


def test_a_short_item_reads_larger_on_one_page(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("short", summary="", body="本周五下午三时召开全体党员大会。")])
    vm = kiosk.view_models[1]
    qtbot.waitUntil(lambda: vm.property("itemId") == "short")
    window = window_of(kiosk, "signage")
    settle(qtbot, window)
    assert vm.property("pageText") == ""
    assert vm.property("textPx") > kiosk.hub.config.signage.min_font_px
