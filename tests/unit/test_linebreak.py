"""Chinese line breaking with any measure: closing marks never start a line, opening marks
never end one, numbers and words stay whole, and the rule checker finds each fault."""

from __future__ import annotations

from kiosk.linebreak import break_lines, fit_lines, rule_breaks


def em(text: str) -> float:
    """Every character one unit wide."""
    return float(len(text))


def lines(text: str, width: float) -> list[str]:
    return [text[a:b] for a, b in break_lines(text, width, em)]


def test_closing_marks_go_down_with_the_character_before_them():
    # Six a line would put "。" first on line two: "好" goes down with it.
    assert lines("今天天气很好。明天也好", 6) == ["今天天气很", "好。明天也好"]
    # An opening quote goes down with what it opens; "！”" stays with "吧".
    assert lines("他说：“走吧！”我们走了", 4) == ["他说：", "“走", "吧！”我", "们走了"]


def test_opening_marks_never_end_a_line():
    out = lines("依据《条例》执行", 3)
    assert not any(line.endswith("《") for line in out)
    assert "".join(out) == "依据《条例》执行"


def test_numbers_and_words_stay_whole():
    out = lines("投资2.35亿元惠及4,820户共1050人次", 5)
    assert "2.35" in "".join(out) and any("4,820" in line for line in out) and any("1050" in line for line in out)
    assert not rule_breaks(out)


def test_a_run_longer_than_a_line_is_cut_as_a_last_resort():
    assert lines("x" * 12, 5) == ["xxxxx", "xxxxx", "xx"]


def test_ideographic_indent_is_kept_and_spaces_at_breaks_are_dropped():
    assert lines("\u3000\u3000正文", 10) == ["\u3000\u3000正文"]
    assert lines("ab cd", 2) == ["ab", "cd"]


def test_fit_lines_ends_a_cut_title_with_an_ellipsis():
    assert fit_lines("一二三四五六七八九十", 4, em, 2) == ["一二三四", "五六七…"]


def test_rule_breaks_names_each_fault():
    faults = rule_breaks(["今天很好", "。明天《", "2026", "年"])
    assert len(faults) == 2
    assert rule_breaks(["共10", "50人"]) == ["lines 1-2 split a word or number: '共10' | '50人'"]
