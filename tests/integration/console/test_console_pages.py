"""Every page of the console, lists and item pages, in a real chromium: axe-core (shipped inside the
axe-playwright-python wheel, so offline) finds no serious or critical violation, every form
is reachable by keyboard, and the run saves a screenshot of each page (for the README)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from console_support import browser_sign_in

pytestmark = pytest.mark.e2e

#: The README's screenshots are made with
#: ``KIOSK_CONSOLE_SCREENSHOTS=docs/screenshots/console pytest tests/integration/console``;
#: an ordinary run writes them to a scratch folder (a test run leaves the tree as it was).
SCREENSHOTS_ENV = "KIOSK_CONSOLE_SCREENSHOTS"
#: (screenshot name, path, account): the sign-in page is taken before signing in.
PAGES = (
    ("home", "/admin/", "root"),
    ("home-author", "/admin/", "alice"),
    ("feedback", "/admin/feedback", "root"),
    ("fleet", "/admin/fleet", "root"),
    ("accounts", "/admin/accounts", "root"),
    ("audit", "/admin/audit", "root"),
    ("items", "/admin/items", "alice"),
    ("items-search", "/admin/items?q=%E5%85%AC%E5%BC%80", "alice"),
    ("item", "/admin/items/plan", "alice"),
    ("item-edit", "/admin/items/plan/edit", "alice"),
    ("item-new", "/admin/items-new", "alice"),
    ("queue", "/admin/queue", "bob"),
    ("review", "/admin/queue/plan", "bob"),
    ("publish", "/admin/publish", "root"),
    ("publish-item", "/admin/publish/plan", "root"),
    ("keys", "/admin/keys", "bob"),
)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(page, folder: Path, name: str) -> None:
    # The bytes, written here: Playwright writing the file itself leaves a worker thread behind.
    (folder / f"{name}.png").write_bytes(page.screenshot(full_page=True))


def serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_sign_in_page_is_accessible(browser, console_store, shots):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{console_store.base}/admin/signin")
        assert serious(page) == []
        shoot(page, shots, "signin")
        # By keyboard alone: the name field has the focus, Tab leads to the password, Enter signs in.
        assert page.evaluate("document.activeElement.id") == "name"
        page.keyboard.type("alice")
        page.keyboard.press("Tab")
        page.keyboard.type("alice-password-1")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{console_store.base}/admin/")
    finally:
        context.close()


@pytest.mark.parametrize(("name", "path", "account"), PAGES, ids=[p[0] for p in PAGES])
def test_page_is_accessible(browser, console_store, shots, name, path, account):
    context, page = browser_sign_in(browser, console_store.base, account)
    try:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(console_store.base + path)
        assert serious(page) == [], path
        for lang, suffix in (("en", "-en"), ("zh", "")):
            page.goto(f"{console_store.base}/admin/lang/{lang}?next={path}")
            if lang == "en":
                assert serious(page) == [], (path, lang)
            shoot(page, shots, name + suffix)
        # Every control can be reached with the Tab key (nothing is mouse-only).
        controls = (
            "a[href], button, input:not([type=hidden]), select, textarea, "
            "[role=button], [role=link], [tabindex]:not([tabindex='-1'])"
        )
        for _ in range(3 * page.locator(controls).count() + 2):  # a date field takes a Tab per part
            page.keyboard.press("Tab")
            page.evaluate("document.activeElement.dataset.tabbed = 'yes'")
        missed = page.locator(controls).evaluate_all(
            "found => found.filter(e => e.dataset.tabbed !== 'yes').map(e => e.outerHTML.slice(0, 80))"
        )
        assert missed == [], path
    finally:
        context.close()
