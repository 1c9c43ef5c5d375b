"""The item workflow in a real browser, end to end, against a real store and a real kiosk.

Debian's Chromium, headless, driven by Playwright (``executable_path``; nothing is
downloaded). An author signs in, writes an item with an image and a PDF, sees both
screens' preview and submits; an approver imports the key file the command line wrote,
reads the diff and approves — the signature made by WebCrypto in the page; an admin makes
a key in the browser (registered, pending until the office signs the root), the root is
signed, and the admin publishes. ``kiosk sync --once`` then ``kiosk items --json`` shows
the item; the admin withdraws it (signed, confirmed), and the next sync takes it away.
With ``KIOSK_CONSOLE_SCREENSHOTS=docs/screenshots/console`` set, each page is photographed
there for the README; an ordinary run leaves the tree as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_support import TEST_PASSWORD, StoreCommand

from kiosk.clock import SystemClock
from kiosk.store import accounts, staff, trust_repo
from kiosk.store.models import Document, Withdrawal
from kiosk.store.service import open_store
from kiosk.trust import policy as trust_policy
from kiosk.trust import statements

pytestmark = pytest.mark.e2e
playwright_sync = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[2]
#: Where the README's screenshots go, when asked for (the console pages' tests read it too).
SHOTS_ENV = "KIOSK_CONSOLE_SCREENSHOTS"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = TEST_PASSWORD  # what the command line (StoreCommand) signs in with, too
IMAGE = ROOT / "assets" / "screenshots" / "touch-list.png"
PDF = ROOT / "assets" / "demo" / "media" / "in-001-disclosure-catalogue-2026.pdf"
TITLE = "2026年度党务公开目录"


def kiosk(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120, env=env)


def _prepare(tmp_path: Path) -> None:
    """alice (author), bob (approver, with the key file the command line writes), dan (admin, no key yet)."""
    store = open_store(tmp_path / "data", None, tmp_path / "keys", clock=SystemClock())
    try:
        store.init()
        for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
            store.add_user(name, role)
        (tmp_path / "keys" / "dan.key").unlink()  # dan will make his key in the browser
        with store.db.write() as session:
            for name in ("alice", "bob", "dan"):
                user = staff.user(session, name)
                user.password_hash = accounts.hash_password(PASSWORD)
            staff.user(session, "dan").public_key = None
        store.init_root(tmp_path / "offline" / "root.key")
    finally:
        store.db.close()


def _sign_in(page, base: str, name: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/admin/signin")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def _shot(page, name: str) -> None:
    folder = os.environ.get(SHOTS_ENV)
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _withdrawal(tmp_path: Path, item_id: str) -> bytes:
    store = open_store(tmp_path / "data", None, tmp_path / "keys", clock=SystemClock())
    try:
        with store.db.read() as session:
            return session.get(Document, session.get(Withdrawal, item_id).sha256).data
    finally:
        store.db.close()


def _root_policy(tmp_path: Path):
    from tuf.api.metadata import Metadata, Root

    store = open_store(tmp_path / "data", None, tmp_path / "keys", clock=SystemClock())
    try:
        with store.db.read() as session:
            root = Metadata[Root].from_bytes(trust_repo.latest(session, "root").data).signed
    finally:
        store.db.close()
    return trust_policy.from_root(root)


def _kiosk_items(config: Path) -> list[dict]:
    synced = kiosk("--config", str(config), "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    listed = kiosk("--config", str(config), "items", "--json")
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)


def test_author_approver_publisher_in_the_browser_and_a_kiosk_follows(tmp_path):
    _prepare(tmp_path)
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", None)
    with cmd.serve() as base, playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))

            # -- the author -------------------------------------------------------------
            _sign_in(page, base, "alice")
            page.goto(f"{base}/admin/items")
            _shot(page, "items-empty")
            page.click("#new-item")
            page.fill("#title", TITLE)
            page.fill("#summary", "<script>window.pwned=1</script>摘要")
            page.fill("#doc_number", "市委发〔2026〕7号")
            page.fill("#index_number", "000014349-2026-00007")
            page.select_option("#cadence", "routine")
            page.fill("#body", "## 目录说明\n\n" + "本目录列出本年度应当公开的事项。" * 40)
            page.set_input_files("#attachments", [str(IMAGE), str(PDF)])
            # The live preview: the kiosk's renderer and the wall's pages, with their count.
            # (The first preview, of the empty form, may still be on screen: wait for this text's.)
            page.wait_for_function(
                """() => {
                    const heading = document.querySelector("#touch-preview h2");
                    const summary = document.querySelector("#touch-preview .touch-summary");
                    return heading !== null && heading.textContent === "目录说明" && summary !== null
                        && summary.textContent.endsWith("摘要")
                        && Number(document.querySelector("#wall-count").textContent) > 1;
                }"""
            )
            assert page.locator("#touch-preview h2").first.inner_text() == "目录说明"
            assert page.locator("#touch-preview .touch-summary").inner_text() == "<script>window.pwned=1</script>摘要"
            assert int(page.inner_text("#wall-count")) == page.locator("#wall-pages li").count() > 1
            _shot(page, "editor")
            page.click("#save-item")
            page.wait_for_selector("#submit-item")
            item_url = page.url
            item_id = item_url.rsplit("/", 1)[1]
            # The PDF is previewed as its pages, rendered by the store: the first one really loads.
            first_page = page.locator(".pdf-pages img").first
            first_page.scroll_into_view_if_needed()
            page.wait_for_function("() => document.querySelector('.pdf-pages img').naturalWidth > 0")
            assert page.locator(".pdf-pages img").count() >= 1
            _shot(page, "item-draft")
            with page.expect_navigation():
                page.click("#submit-item")
            assert page.inner_text("#item-state") == "待审核"
            page.goto(f"{base}/admin/items?q=〔2026〕7")
            assert page.locator("#item-table tbody tr").count() == 1
            _shot(page, "items-search")

            # -- the approver -----------------------------------------------------------
            _sign_in(page, base, "bob")
            page.goto(f"{base}/admin/keys")
            page.set_input_files("#key_file", str(tmp_path / "keys" / "bob.key"))
            page.click("#import-key")
            page.wait_for_function("() => document.querySelector('#key-presence').textContent.includes('有你的')")
            _shot(page, "keys-imported")
            page.goto(f"{base}/admin/queue")
            _shot(page, "queue")
            page.click(f"a[href='/admin/queue/{item_id}']")
            assert "changed" in page.get_attribute("#field-diff tbody tr:first-child", "class")
            _shot(page, "review")
            page.click("#approve")
            page.wait_for_url(item_url)
            assert page.inner_text("#item-state") == "已批准"

            # -- the publisher: a key made in this browser, then the root signed -------
            _sign_in(page, base, "dan")
            page.goto(f"{base}/admin/keys")
            with page.expect_navigation():  # the key is made, then its public half sent
                page.click("#create-key")
            assert "待写入根" in page.inner_text("#key-status")
            _shot(page, "keys-pending")
            cmd.run("root", "sign", "--root-key", str(tmp_path / "offline" / "root.key"))
            page.reload()
            assert "已写入" in page.inner_text("#key-status")
            page.goto(f"{base}/admin/publish")
            _shot(page, "publish-list")
            page.goto(f"{base}/admin/publish/{item_id}")
            _shot(page, "publish-item")
            with page.expect_navigation():
                page.click("#publish")
            assert "已公开" in page.inner_text("#publish-state")

            # -- a real kiosk ----------------------------------------------------------
            table = cmd.out("device", "enroll", "lobby-1", "--url", base, "--as", "dan")
            config = tmp_path / "kiosk.toml"
            config.write_text(f'state_dir = "{tmp_path / "state"}"\n{table}\n', encoding="utf-8")
            shown = _kiosk_items(config)
            assert [(i["id"], i["title"]) for i in shown] == [(item_id, TITLE)]
            assert {a["media_type"] for a in shown[0]["attachments"]} == {"image/png", "application/pdf"}

            # -- withdrawal: confirmed, signed, and the kiosk lets it go -----------------
            page.reload()
            page.click("#withdraw")  # not confirmed yet: the browser holds the form back
            assert page.url.endswith(f"/admin/publish/{item_id}") and page.locator("#withdraw").count() == 1
            page.check("#confirm-withdraw")
            _shot(page, "withdraw")
            with page.expect_navigation():  # signed first, then sent: wait for the answer
                page.click("#withdraw")
            assert "已撤回" in page.inner_text("#publish-state")
            assert _kiosk_items(config) == []
            # The withdrawal is a statement dan's browser key signed: kiosks keep it.
            assert statements.open_withdrawal(_withdrawal(tmp_path, item_id), _root_policy(tmp_path)).revision == 1
            assert page.evaluate("window.pwned") is None
            assert errors == []
        finally:
            browser.close()
