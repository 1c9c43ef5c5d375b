"""Item bodies through the one CommonMark parser: the blocks the wall pages, the rich text
the touch screen shows, and inertness for untrusted text (no Qt needed)."""

from __future__ import annotations

import re

import pytest

from kiosk.markdown import Block, blocks, plain_text, rich_text


def test_a_heading_is_its_own_block_not_the_start_of_the_paragraph():
    assert blocks("## 办事指南\n第一步，填表。\n第二步，交表。") == [
        Block("heading", "办事指南", 2),
        Block("paragraph", "第一步，填表。 第二步，交表。"),
    ]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # a setext heading: the old regex left the underline
        ("公告\n===\n\n正文", "公告\n正文"),
        # marks inside words and numbers are text, not emphasis
        ("文件 file_name_v2：2 * 3 * 4", "文件 file_name_v2：2 * 3 * 4"),
        # character references are characters
        ("甲 &amp; 乙 &lt;丙&gt;", "甲 & 乙 <丙>"),
        # a link keeps its words; an image is dropped
        ("见[通知](http://x.example/a)。![图](http://x.example/b.png)", "见通知。"),
        # list items, quotes and code are blocks
        ("- 一\n- 二\n\n> 引文\n\n```\ncode  here\n```", "一\n二\n引文\ncode here"),
        # a table: a row a line
        ("| 项目 | 时间 |\n|---|---|\n| 受理 | 3天 |", "项目  时间\n受理  3天"),
    ],
)
def test_plain_text_follows_commonmark(markdown, expected):
    assert plain_text(markdown) == expected


@pytest.mark.parametrize(
    "body",
    [
        "![x](http://evil.example/track.png)",
        '<img src="http://evil.example/track.png">',
        "[点此](javascript:alert(1))",
        "<http://evil.example/auto>",
        "<a href='http://evil.example'>链接</a>",
        "<script>alert(1)</script>",
    ],
)
def test_rich_text_holds_no_link_or_image(body):
    html = rich_text(body)
    tags = re.findall(r"<[^>]*>", html)
    assert not [t for t in tags if re.search(r"\b(href|src)\s*=", t)], tags
    assert not [t for t in tags if re.match(r"<(a|img|script)\b", t)], tags


def test_raw_html_is_text_and_structure_is_kept():
    html = rich_text("# 标题\n\n<b>不是粗体</b> **粗体**\n\n1. 一\n2. 二")
    assert "<h1>标题</h1>" in html
    assert "&lt;b&gt;不是粗体&lt;/b&gt;" in html and "<strong>粗体</strong>" in html
    assert "<ol>" in html and "<li>一</li>" in html


@pytest.mark.parametrize("body", ["正常\u202e反转\u202c结束", "正常&#x202E;反转&#8236;结束"])
def test_bidirectional_controls_are_removed_even_as_character_references(body):
    assert "\u202e" not in rich_text(body) and "\u202c" not in rich_text(body)
    assert plain_text(body) == "正常反转结束"


@pytest.mark.parametrize("target", ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,x"])
def test_a_link_of_any_target_shows_its_words_only(target):
    assert plain_text(f"见[链接]({target})。") == "见链接。"
    assert target not in rich_text(f"见[链接]({target})。")
