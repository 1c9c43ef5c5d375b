"""One real store and one headless chromium per test module, shared by its tests (each test
opens its own browser context: its own cookies).

The browser is per module, not per session: Playwright's synchronous API keeps an asyncio
event loop running in the main thread while it is open, and tests after these that call
``asyncio.run`` would find it."""

from __future__ import annotations

import pytest
from console_support import CHROMIUM, ConsoleStore, make_store, serving


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def console_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("console")
    cmd, feedback_id = make_store(folder)
    # Three failures lock an account; addresses are counted too, far above what the tests do.
    with serving(cmd, folder / "serve.log", "--account-failures", "3", "--address-failures", "1000") as base:
        yield ConsoleStore(base=base, cmd=cmd, feedback_id=feedback_id, data=folder)
    assert "Traceback" not in (folder / "serve.log").read_text(encoding="utf-8")
