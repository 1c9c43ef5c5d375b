"""What visitors will see of a revision: the touch screen's item page and the LED wall's pages.

Both come from the kiosk's own plain-Python code, so the console cannot promise what the
screens will not do: the body goes through :func:`kiosk.markdown.rich_text` (CommonMark
with raw HTML off, links and images dropped), the page's words through
:class:`kiosk.presentation.Presenter`, and the wall's pages through
:func:`kiosk.planner.reading_blocks` and :class:`kiosk.wall.WallLayout`. The store has no
fonts: it measures with :class:`kiosk.paging.GridMeasure` (CJK characters one em wide), so
its pages are a close estimate of the pages a kiosk of that wall size cuts with Qt's metrics.

Every other piece of text (title, summary, numbers, attachment titles) is escaped here:
a title ``<script>`` is eight characters on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from kiosk import wall
from kiosk.config import SignageConfig
from kiosk.content import Item
from kiosk.markdown import rich_text
from kiosk.planner import reading_blocks
from kiosk.presentation import Presenter

#: The wall sizes the console offers (the LED wall's region is each kiosk's configuration).
WALL_SIZES = ((1536, 768), (1920, 1080), (1280, 720))
_SIGNAGE = SignageConfig()


@dataclass(frozen=True, slots=True)
class WallPreview:
    width: int
    height: int
    pages: list[str]
    #: Lines the first page's text area holds.
    rows: int

    @property
    def count(self) -> int:
        return len(self.pages)


def wall_pages(
    item: Item,
    width: int = WALL_SIZES[0][0],
    height: int = WALL_SIZES[0][1],
    min_font_px: int = _SIGNAGE.min_font_px,
    max_pages: int = _SIGNAGE.max_pages,
) -> WallPreview:
    """The pages the wall shows of ``item``, cut as :class:`kiosk.planner.Planner` cuts them."""
    sheet = wall.window_layout(width, height, min_font_px, max_pages).pages(item, reading_blocks(item))
    pages = [page.text for page in sheet.pages]
    return WallPreview(width=width, height=height, pages=pages, rows=sheet.pages[0].rows)


def touch_page(item: Item, presenter: Presenter, asset_url: str = "assets/") -> Markup:
    """The touch screen's item page as an HTML fragment; ``asset_url`` prefixes attachment hashes."""
    parts = [
        Markup('<article class="touch-item" data-color="{}">').format(presenter.category_color(item)),
        Markup('<p class="touch-category">{}</p>').format(presenter.category_name(item)),
        Markup('<h1 class="touch-title">{}</h1>').format(item.title),
        Markup('<p class="touch-meta">{}</p>').format(presenter.meta_line(item)),
    ]
    revised = presenter.revised_text(item)
    if revised:
        parts.append(Markup('<p class="touch-revised">{}</p>').format(revised))
    if item.summary:
        parts.append(Markup('<p class="touch-summary">{}</p>').format(item.summary))
    # The kiosk's own inert renderer: its output holds no raw HTML from the author.
    parts.append(Markup('<div class="touch-body">{}</div>').format(Markup(rich_text(item.body))))
    for attachment in item.attachments:
        src = f"{asset_url}{attachment.sha256}"
        if attachment.is_image:
            parts.append(Markup('<img class="touch-image" src="{}" alt="{}">').format(src, attachment.title))
        elif attachment.is_pdf:
            parts.append(
                Markup('<p class="touch-pdf"><a href="{}" target="pdf-view">{}</a></p>').format(
                    src, attachment.title or "PDF"
                )
            )
    if item.web_url:
        # Text, never a link to follow (the wall shows the address as a QR code).
        parts.append(Markup('<p class="touch-web">{}</p>').format(item.web_url))
    parts.append(Markup("</article>"))
    return Markup("").join(parts)
