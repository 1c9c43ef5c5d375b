"""Pages cut on whole lines: sentence ends first, then clauses, headings kept with their text."""

from __future__ import annotations

from kiosk.markdown import Block
from kiosk.paging import INDENT, MIN_FILL, PageFrame, paginate


class Em:
    """Every character one pixel wide at any size: widths are character counts."""

    def advance(self, text: str, style: str, px: float) -> float:
        return float(len(text))

    def line_height(self, style: str, px: float) -> float:
        return 1.0


def frame(width=10, rows=5, note="") -> PageFrame:
    return PageFrame(width_first=width, rows_first=rows, width_rest=width, rows_rest=rows, px=1, note=note)


def texts(page) -> list[str]:
    return [line.text for line in page.lines]


def test_a_page_ends_at_the_last_sentence_end_before_a_later_clause():
    # 5 lines of 10: a sentence ends in line 4, a clause in line 5: the sentence wins.
    text = "一" * 33 + "。" + "二" * 10 + "，" + "三" * 30
    pages = paginate([Block("paragraph", text)], frame(), Em())
    assert texts(pages[0])[-1].endswith("。")
    assert len(pages[0].lines) >= MIN_FILL * 5


def test_a_clause_end_serves_when_no_sentence_ends_late_enough():
    text = "一" * 15 + "。" + "二" * 25 + "，" + "三" * 30
    pages = paginate([Block("paragraph", text)], frame(), Em())
    assert texts(pages[0])[-1].endswith("，")


def test_headings_are_lines_of_their_own_and_never_end_a_page():
    blocks = [Block("paragraph", "一" * 36 + "。"), Block("heading", "标题", 2), Block("paragraph", "二" * 30 + "。")]
    pages = paginate(blocks, frame(), Em())
    assert texts(pages[0])[0].startswith(INDENT)
    assert pages[0].lines[-1].style != "heading"
    assert [(line.text, line.style) for line in pages[1].lines[:1]] == [("标题", "heading")]


def test_a_text_cut_short_ends_with_the_note():
    pages = paginate([Block("paragraph", "一二三四五。" * 100)], frame(note="未完，请到触摸屏阅读"), Em(), max_pages=2)
    assert len(pages) == 2
    assert pages[-1].lines[-1].style == "note" and pages[-1].lines[-1].text == "未完，请到触摸屏阅读"


def test_a_long_paragraph_is_paged_from_its_beginning_as_if_broken_whole(monkeypatch):
    # Pages of a text far longer than they hold are cut from a prefix of it; they must be
    # the pages of the whole text broken into lines at once (what the wall did before).
    import random

    from kiosk import paging
    from kiosk.linebreak import break_lines

    # A first guess far too small, so that the prefix grows and is checked again.
    monkeypatch.setattr(paging, "NARROWEST_GLYPH", 40.0)
    rng = random.Random(7)
    pieces = ["党务公开", "内容", "。", "，", "、", "《通知》", "（附件）", "2026年", "12月", "abc def", "”", "“"]
    for _ in range(20):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(200, 3000)))
        blocks = [Block("heading", "标题"), Block("paragraph", text), Block("paragraph", text[:500])]
        width, rows = rng.choice([(10, 5), (23, 7), (41, 3)])
        note = "余下内容请在触摸屏上阅读"
        cut = paginate(blocks, frame(width, rows, note=note), Em(), max_pages=5)
        with monkeypatch.context() as whole:
            whole.setattr(
                paging, "_first_lines", lambda text, room, width, advance, px: break_lines(text, width, advance)
            )
            expected = paginate(blocks, frame(width, rows, note=note), Em(), max_pages=5)
        assert [texts(p) for p in cut] == [texts(p) for p in expected]
