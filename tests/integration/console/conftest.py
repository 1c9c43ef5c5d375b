"""One real store and one headless chromium, shared by the console's browser tests (each test
opens its own browser context: its own cookies)."""

from __future__ import annotations

import pytest
from console_support import CHROMIUM, ConsoleStore, make_store, serving


@pytest.fixture(scope="session")
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
