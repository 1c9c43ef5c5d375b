"""Hostile item bodies on the item page: nothing loads, nothing navigates, nothing crashes."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from qt_support import find, find_or_none, tap, window_of
from support import make_item

from kiosk.qt.touch.item import BODY_LIMIT

HOSTILE = {
    "remote-image": '<img src="http://attacker.example/x.png"> ![x](http://attacker.example/y.png) 正文',
    "file-link": '<a href="file:///etc/passwd">密码</a> [密码](file:///etc/passwd) 正文',
    "javascript": '[点我](javascript:alert(1)) <a href="javascript:alert(2)">x</a> 正文',
    "huge": "党务公开内容。" * 750_000,  # about 5 MB of UTF-8
    "nested": ">" * 5000 + " 深" + "\n" + "".join("  " * i + "- 层\n" for i in range(400)) + "*" * 5000 + "正文",
    "bidi": "正文\u202e\u2066txt.exe\u2069\u202c 结束",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_body_renders_inert(qtbot, start_kiosk, name):
    body = HOSTILE[name]
    kiosk = start_kiosk([make_item("bad", title="<b>标题</b>", body=body)])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openCategory("central-work")
    qtbot.waitUntil(lambda: find_or_none(window, "item-bad") is not None)
    tap(qtbot, window, find(window, "item-bad"))
    qtbot.waitUntil(lambda: vm.page_name == "item")
    shown = find(window, "itemBody").property("text")
    markup = Markup()
    markup.feed(shown)
    # Hostile markup may show as text; as markup, nothing can load or be followed.
    assert "img" not in markup.tags and "a" not in markup.tags
    assert not markup.attributes & {"href", "src", "background"}
    assert not any(":" in url for url in markup.urls)
    assert "\u202e" not in shown and "\u2066" not in shown
    # The title is shown as plain text (textFormat: Text.PlainText in ItemPage.qml): its tags are words.
    assert find(window, "itemTitle").property("text") == "<b>标题</b>"
    if name == "huge":
        assert find(window, "itemTruncated").property("visible")
        assert len(vm.item.property("body")) < BODY_LIMIT * 3
    # The page still works: back to the list.
    tap(qtbot, window, find(window, "backButton"))
    qtbot.waitUntil(lambda: vm.page_name == "list")


class Markup(HTMLParser):
    """The tags, attribute names and style URLs of a rich-text string."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name == "style" and value and "url(" in value:
                self.urls.append(value)
