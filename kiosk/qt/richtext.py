"""Item bodies (untrusted Markdown) as the inert rich text QML's ``Text`` shows.

The rendering is the plain core's (:func:`kiosk.markdown.rich_text`), the same CommonMark
blocks the LED wall pages: raw HTML shows as text, links keep their words but lose their
targets, images in the body are dropped (attachments come through the image provider).
"""

from __future__ import annotations

from kiosk.markdown import rich_text


def markdown_to_rich_text(markdown: str) -> str:
    return rich_text(markdown)
