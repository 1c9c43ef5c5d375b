"""The console's preview: the touch item page under the kiosk's rules, the wall's pages as the kiosk cuts them."""

from __future__ import annotations

from html.parser import HTMLParser

from support import make_item

from kiosk import wall
from kiosk.catalog import default_catalog
from kiosk.config import SignageConfig
from kiosk.content import Attachment
from kiosk.planner import Planner, PlanSettings
from kiosk.presentation import Presenter
from kiosk.store.console.preview import touch_page, wall_pages


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, attrs))


PRESENTER = Presenter(default_catalog(), "Asia/Shanghai")
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def test_untrusted_text_is_inert_in_the_touch_page():
    item = make_item(
        title=HOSTILE,
        summary=HOSTILE,
        body=f"# 标题\n\n{HOSTILE}\n\n[点此](javascript:alert(3)) ![图](http://evil.example/x.png)",
        doc_number=HOSTILE,
        web_url='https://example.org/"><script>',
        attachments=(Attachment(sha256="ab" * 32, media_type="image/png", title=HOSTILE),),
    )
    html = str(touch_page(item, PRESENTER, "/admin/assets/"))
    tags = _Tags()
    tags.feed(html)
    # Read as a browser reads it: no script, no handler, no address but the attachment's.
    assert "script" not in {tag for tag, _ in tags.seen}
    assert not [name for _, attrs in tags.seen for name, _ in attrs if name.startswith("on")]
    assert [value for _, attrs in tags.seen for name, value in attrs if name in ("src", "href")] == [
        f"/admin/assets/{'ab' * 32}"
    ]
    assert "evil.example" not in html
    assert html.count("&lt;script&gt;") >= 4  # title, summary, body, document number all shown as text
    assert "<h1>标题</h1>" in html  # Markdown still renders
    assert f'<img class="touch-image" src="/admin/assets/{"ab" * 32}"' in html
    assert "点此" in html  # a link keeps its words


def test_touch_page_shows_names_dates_and_numbers_as_the_kiosk_does():
    item = make_item(doc_number="市委发〔2026〕7号", index_number="000-2026-01")
    html = str(touch_page(item, PRESENTER))
    assert PRESENTER.meta_line(item) in html
    assert PRESENTER.category_name(item) in html and PRESENTER.category_color(item) in html


def test_wall_pages_are_the_planners_pages_for_that_wall():
    body = "\n\n".join(f"第{n}段。" + "党务公开工作按计划推进，群众反映良好。" * 6 for n in range(12))
    item = make_item(body=body)
    preview = wall_pages(item, 1536, 768)
    signage = SignageConfig()
    layout = wall.window_layout(1536, 768, signage.min_font_px, signage.max_pages)
    planner = Planner(PlanSettings.of(signage, wall=layout))
    planner.set_items([item], item.published_at)
    slide = planner.next(item.published_at)
    assert slide.item is not None and slide.item.id == item.id
    assert (preview.count, preview.pages[0]) == (slide.pages, slide.text)
    assert 1 < preview.count <= signage.max_pages
    # A bigger wall holds more.
    assert wall_pages(item, 1920, 1080).rows > preview.rows
