"""What the read-aloud button of care mode says on each page of the touch screen.

Care mode puts one read-aloud button in the header of every page; a tap speaks what the
page shows, in reading order: home its prompt and the categories with their counts, a
list its category and the titles shown, an item its title and text, search its results,
the opinion box how to use it. Spoken text is plain: no markup reaches the voice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QTextDocumentFragment

if TYPE_CHECKING:
    from kiosk.qt.touch.screen import TouchScreen

# What is said on the pages whose words are not in a view model.
HOME = QT_TRANSLATE_NOOP("ReadAloud", "请点击类别，查看公开内容")
COUNT = QT_TRANSLATE_NOOP("ReadAloud", "%1，%2 条")
SEARCH = QT_TRANSLATE_NOOP("ReadAloud", "请输入要搜索的标题、正文或文号，可用拼音或手写")
FEEDBACK = QT_TRANSLATE_NOOP("ReadAloud", "意见箱。请选择类别，写下您的意见，然后点击提交。留下姓名和电话是自愿的。")

#: Titles read from a list or from search results: a visitor can scroll and tap for more,
#: and a voice reading a hundred titles helps nobody.
TITLES_READ = 8


def _tr(text: object) -> str:
    return QCoreApplication.translate("ReadAloud", str(text))


def page_text(screen: TouchScreen) -> str:
    """The words of the page now shown, or "" where there is nothing to read."""
    page = screen.page_name
    if page == "home":
        categories = [
            _tr(COUNT).replace("%1", row.name).replace("%2", str(row.count)) for row in screen.listing.categories.rows()
        ]
        return "。".join([_tr(HOME), *categories])
    if page == "list":
        titles = [row.title for row in screen.listing.items.rows()[:TITLES_READ]]
        return "。".join([screen.listing.property("categoryName"), *titles])
    if page == "item":
        return screen.item.spoken_text()
    if page == "pdf":
        return screen.pdf.property("title")
    if page == "search":
        rows = screen.search.results.rows()[:TITLES_READ]
        if not rows:
            return _tr(SEARCH)
        return "。".join(QTextDocumentFragment.fromHtml(row.titleHtml).toPlainText() for row in rows)
    if page == "feedback":
        return _tr(FEEDBACK)
    return ""
