"""Untrusted Markdown becomes inert rich text: nothing to load, nothing to follow."""

from __future__ import annotations

import re

import pytest

from kiosk.qt.richtext import markdown_to_rich_text


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


@pytest.mark.parametrize(
    "body",
    [
        "![x](http://evil.example/track.png)",
        '<img src="http://evil.example/track.png">',
        "[点此](file:///etc/passwd)",
        "[点此](javascript:alert(1))",
        "<a href='http://evil.example'>链接</a>",
        "<script>alert(1)</script>",
    ],
)
def test_no_url_survives_as_a_resource_or_link(body):
    html = markdown_to_rich_text(body)
    tags = re.findall(r"<[^>]*>", html)
    assert not [t for t in tags if re.search(r"\b(href|src)\s*=", t)], tags
    assert not [t for t in tags if re.match(r"<(a|img|script)\b", t)], tags


def test_raw_html_is_shown_as_text():
    html = markdown_to_rich_text("<b>不是粗体</b>")
    assert "&lt;b&gt;不是粗体&lt;/b&gt;" in html


def test_markdown_structure_is_kept():
    html = markdown_to_rich_text("## 标题\n\n- 第一条\n- 第二条\n\n**重点**")
    assert "<h2>标题</h2>" in html and "<li>第一条</li>" in html and "<strong>重点</strong>" in html


def test_bidirectional_overrides_are_removed():
    html = markdown_to_rich_text("正常\u202e文字反转\u202c结束")
    assert "\u202e" not in html and "文字反转" in html


def test_document_font_does_not_override_the_screen():
    html = markdown_to_rich_text("# 标题\n\n正文 `代码`")
    assert "style=" not in html and "font" not in html
