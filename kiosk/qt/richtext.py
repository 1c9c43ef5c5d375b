"""Item bodies (untrusted Markdown) turned into the inert rich text QML's ``Text`` shows.

The Markdown is parsed with raw HTML disabled, so ``<script>`` or ``<img src=…>`` written
in a body shows as text. Links keep their words but lose their targets; images in the
body are dropped (attachments are shown by the screens through the image provider). The
result holds no URL a ``Text`` element could follow or load.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

_BODY_STYLE = re.compile(r"<body[^>]*>")
#: Bidirectional controls can make text read differently from what was approved.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def markdown_to_rich_text(markdown: str) -> str:
    document = QTextDocument()
    document.setMarkdown(markdown.translate(_BIDI_CONTROLS), QTextDocument.MarkdownFeature.MarkdownNoHTML)
    _make_inert(document)
    # The document's own default font would override the screen's type size and family.
    return _BODY_STYLE.sub("<body>", document.toHtml(), count=1)


def _make_inert(document: QTextDocument) -> None:
    cursor = QTextCursor(document)
    # Walk fragments back to front so removing an image does not shift what is left to visit.
    spans: list[tuple[int, int, QTextCharFormat]] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                spans.append((fragment.position(), fragment.length(), fragment.charFormat()))
            it += 1
        block = block.next()
    for position, length, fmt in reversed(spans):
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        if fmt.isImageFormat():
            cursor.removeSelectedText()
        elif fmt.isAnchor() or fmt.hasProperty(QTextFormat.Property.AnchorHref):
            clean = QTextCharFormat(fmt)
            clean.setAnchor(False)
            clean.setAnchorHref("")
            clean.setAnchorNames([])
            clean.clearProperty(QTextFormat.Property.AnchorHref)
            clean.clearForeground()  # no blue "link" look for something that is not one
            cursor.setCharFormat(clean)
