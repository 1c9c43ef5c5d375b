"""Layouts that hold: every touch page, at every text size and in care mode, with three to
nine categories (they are configuration), shows every text whole — none truncated, cut by
its frame, overflowing its box, ending on a lone character, or covering another — and
every view that scrolls shows that it does (layout_support measures it all from the scene
graph)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from layout_support import contrast, scroll_problems, settled_problems, text_problems
from PySide6.QtQml import QQmlProperty
from qt_support import PINYIN_CANDIDATES_CLEARED, find, find_or_none, window_of
from support import NOW, make_item

from kiosk.catalog import Category
from kiosk.qt.touch.session import TEXT_SCALES
from kiosk.sync.status import SyncStatus

# Search puts text in its field while the keyboard is up.
pytestmark = pytest.mark.qt_log_ignore(PINYIN_CANDIDATES_CLEARED)

#: Names as long as real ones; the first is the one that broke "全局和中心工/作".
NAMES = (
    "全局和中心工作",
    "思想政治建设",
    "组织建设",
    "作风建设",
    "制度建设",
    "党风廉政建设",
    "群团和统战工作",
    "意识形态工作",
    "基层党组织建设",
)
TINTS = ("#C62828", "#AD1457", "#1565C0", "#2E7D32", "#EF6C00", "#6A1B9A", "#00838F", "#4E342E", "#37474F")
UNITS = (
    "party-group",
    "research-office",
    "overseas-chinese-federation",
    "foreign-affairs-office",
    "capital-liaison-office",
    "provincial-liaison-office",
    "civil-air-defence-office",
    "service-hall-office",
    "local-chronicles-office",
)
LONG_TITLE = "关于进一步加强和改进全市机关党务公开工作、推进基层党组织标准化规范化建设的实施意见（征求意见稿）"
LONG_BODY = "\n\n".join(
    ["## 一、总体要求", "各有关单位：" + "为深入贯彻落实党务公开条例，推进党务公开工作制度化、规范化、程序化，" * 12]
    + [f"{n}. 第{n}项工作要求，按照时间节点有序推进，并及时公开进展情况。" for n in range(1, 12)]
)


def catalogue(count: int) -> tuple[Category, ...]:
    keys = ["central-work", "political-study", "organisation", "conduct", "institutions"]
    keys += [f"extra-{n}" for n in range(count - len(keys))]
    return tuple(Category(key=keys[i], name_zh=NAMES[i], color=TINTS[i]) for i in range(count))


def items(categories):
    first = categories[0].key
    made = [
        make_item(f"u{i}", title=f"{LONG_TITLE[: 20 + i * 4]}", unit=unit, category=first, body=LONG_BODY)
        for i, unit in enumerate(UNITS)
    ]
    made += [make_item(f"c{i}", title=f"{c.name_zh}公开事项", category=c.key) for i, c in enumerate(categories)]
    made.append(make_item("long", title=LONG_TITLE, category=first, body=LONG_BODY))
    return made


def visit(qtbot, vm, window, page: str) -> str:
    """Open ``page``; the name of an item to wait for."""
    if page == "home":
        vm.home()
        return "homePrompt"
    if page == "list":
        vm.home()
        vm.openCategory("central-work")
        return "item-u0"
    if page == "item":
        vm.home()
        vm.openCategory("central-work")
        vm.openItem("long")
        return "itemBody"
    if page == "search":
        vm.home()
        vm.openSearch()
        vm.search.setQuery("党务公开")
        return "result-long"
    if page == "feedback":
        vm.home()
        vm.openFeedback()
        return "feedbackSubmit"
    vm.reset()
    return "touchToStart"


#: The store unreachable past the feed's freshness: the home page says since when.
STALE = SyncStatus(
    store_url="http://store.invalid",
    source="test",
    feed_version=3,
    items=12,
    last_attempt=NOW,
    last_success=NOW - timedelta(hours=30),
    last_error="connection refused",
    last_error_reason="unreachable",
    stale_since=NOW - timedelta(hours=29),
)
PAGES = ("attract", "home", "list", "item", "search", "feedback")
#: Every text size, then care mode.
SETTINGS = (*range(len(TEXT_SCALES)), "care")


def page_problems(window) -> list[str]:
    return text_problems(window) + scroll_problems(window)


@pytest.mark.parametrize("count", [3, 5, 6, 9])
def test_every_page_holds_at_every_text_size(qtbot, start_kiosk, kiosk_config, count):
    categories = catalogue(count)
    kiosk = start_kiosk(items(categories), config=replace(kiosk_config, categories=categories))
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    problems = []
    for setting in SETTINGS:
        # The largest sizes with the offline band on the home page too.
        vm.set_sync_status(STALE if setting in (2, "care") else None)
        for page in PAGES:
            vm.start()
            if setting == "care":
                vm.session.setCareMode(True)
            else:
                vm.session.setTextSize(setting)
            wanted = visit(qtbot, vm, window, page)
            qtbot.waitUntil(lambda: find_or_none(window, wanted) is not None)  # noqa: B023
            qtbot.waitUntil(lambda: find(window, wanted).isVisible())  # noqa: B023
            found = settled_problems(qtbot, window, page_problems)
            problems += [f"{count} categories, size {setting}, {page}: {p}" for p in found]
    assert not problems, "\n".join(problems)


def test_the_title_stays_centred_and_steady_between_pages(qtbot, start_kiosk):
    kiosk = start_kiosk(items(catalogue(5)))
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    places = {}
    for page in ("home", "list", "item", "search", "feedback"):
        wanted = visit(qtbot, vm, window, page)
        qtbot.waitUntil(lambda: find_or_none(window, wanted) is not None)  # noqa: B023
        window.grabWindow()
        title = find(window, "headerTitle")
        box = title.mapRectToScene(title.boundingRect())
        places[page] = (round(box.center().x()), round(box.center().y()), title.property("font").pixelSize())
    assert len(set(places.values())) == 1, places
    assert abs(places["home"][0] - window.width() / 2) <= 1


def test_buttons_weigh_what_they_do(qtbot, start_kiosk):
    """Search (primary) stands out from the page; the opinion box (secondary) less; the five
    ratings (quiet) barely — measured as the contrast of each button's face and outline
    against the page behind it."""
    kiosk = start_kiosk(items(catalogue(5)))
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    qtbot.waitUntil(lambda: find_or_none(window, "rating-satisfied") is not None)
    page = window.property("color")

    def weight(name):
        button = find(window, name)
        face = contrast(button.property("color"), page)
        # The outline counts in proportion to its width (a 3 px rule reads fully).
        outline = contrast(QQmlProperty.read(button, "border.color"), page)
        return max(face, outline * min(1, QQmlProperty.read(button, "border.width") / 3))

    primary, secondary = weight("searchBox"), weight("feedbackButton")
    quiet = [
        weight(f"rating-{key}") for key in ("very-satisfied", "satisfied", "fair", "dissatisfied", "very-dissatisfied")
    ]
    assert primary > 7 > secondary > 3 > max(quiet), (primary, secondary, quiet)
