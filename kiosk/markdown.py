"""Item bodies (untrusted Markdown) read one way everywhere: CommonMark blocks, rendered inert.

One parser, markdown-it-py (CommonMark, plus GitHub's tables and strikethrough, which
authors use), with raw HTML off: ``<script>`` or ``<img src=…>`` written in a body is
text. Its blocks feed the LED wall's plain pages (:func:`blocks`, :func:`plain_text`) and
the touch screen's rich text (:func:`rich_text`), so the two, and any other view of an
item, agree on where a heading ends and a paragraph begins.

Inert means no URL survives: links keep their words and lose their targets; images in the
body are dropped (attachments are shown by the screens through the kiosk's own image
provider); bidirectional controls, which can make a text read differently from what was
approved, are removed, also when written as character references.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: Bidirectional embeddings, overrides and isolates.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
#: Block tokens whose own content is the text (no inline children).
_LITERAL_BLOCKS = {"fence": "code", "code_block": "code"}


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a body as plain text: a heading, a paragraph, a list item's paragraph…"""

    kind: str  # heading | paragraph | code | table_row
    text: str
    #: Heading level (1-6); 0 for other blocks.
    level: int = 0


class _InertMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        # Every target parses as a link (markdown-it would leave "[x](file:…)" as literal
        # text, URL and all): no target is ever rendered, so none needs to be judged safe.
        return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = _InertMarkdown("commonmark", {"html": False}).enable(["table", "strikethrough"])
    # Links: the words, not the target. Images: nothing (not even a request for them).
    for rule in ("link_open", "link_close", "image"):
        parser.add_render_rule(rule, _nothing)
    return parser


def _nothing(*_args: object) -> str:
    return ""


def _clean(markdown: str) -> str:
    return markdown.translate(_BIDI_CONTROLS)


def blocks(markdown: str) -> list[Block]:
    """The body's blocks in reading order, each as plain text on one line."""
    tokens = _parser().parse(_clean(markdown))
    found: list[Block] = []
    heading = 0
    in_table_row = False
    row: list[str] = []
    for token in tokens:
        if token.type == "heading_open":
            heading = int(token.tag[1:])
        elif token.type == "heading_close":
            heading = 0
        elif token.type == "tr_open":
            in_table_row, row = True, []
        elif token.type == "tr_close":
            in_table_row = False
            if any(row):
                found.append(Block("table_row", "  ".join(cell for cell in row if cell)))
        elif token.type in _LITERAL_BLOCKS:
            text = " ".join(token.content.split())
            if text:
                found.append(Block(_LITERAL_BLOCKS[token.type], text))
        elif token.type == "inline":
            text = " ".join(_inline_text(token.children or []).split())
            if in_table_row:
                row.append(text)
            elif text:
                found.append(Block("heading" if heading else "paragraph", text, heading))
    return found


def _inline_text(children: Sequence[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return _clean("".join(parts))


def plain_text(markdown: str) -> str:
    """The body as plain text, one block a line: for the LED wall and reading aloud."""
    return "\n".join(block.text for block in blocks(markdown))


def rich_text(markdown: str) -> str:
    """The body as the small HTML subset a Qt ``Text`` shows (headings, paragraphs, lists,
    emphasis, code, quotes, tables), holding no link, image or URL."""
    return _clean(_parser().render(_clean(markdown)))
