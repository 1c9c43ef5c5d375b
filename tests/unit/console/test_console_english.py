"""The console's English is complete: every Chinese string a template passes to ``t(...)``, every
page title and message a page module translates, every page on the home page and every label
has its English (Chinese is the source language, and a missing entry would show Chinese)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import kiosk.store.console
from kiosk.store.console import i18n, labels

CONSOLE = Path(kiosk.store.console.__file__).parent
CJK = re.compile(r"[\u3400-\u9fff]")
IN_TEMPLATES = re.compile(r"""\bt\(\s*(["'])(.+?)\1\s*\)""")
IN_MODULES = re.compile(r"""(?:\btitle=|web\.t\(request,\s*|register_page\([^,]+,\s*)(["'])(.+?)\1""")


def shown_strings() -> set[tuple[str, str]]:
    for module in pkgutil.iter_modules(kiosk.store.console.__path__):
        importlib.import_module(f"kiosk.store.console.{module.name}")  # each adds its English
    found = set()
    for template in CONSOLE.glob("templates/*.html"):
        found |= {(m.group(2), template.name) for m in IN_TEMPLATES.finditer(template.read_text("utf-8"))}
    for source in CONSOLE.glob("*.py"):
        found |= {(m.group(2), source.name) for m in IN_MODULES.finditer(source.read_text("utf-8"))}
    found |= {(text, "labels.py") for text in labels.LABELS.values()}
    return {(text, where) for text, where in found if CJK.search(text)}


def test_every_chinese_string_the_console_shows_has_its_english():
    found = shown_strings()
    assert len(found) > 200  # the scan reads what it should
    missing = sorted(f"{where}: {text}" for text, where in found if text not in i18n.EN)
    assert missing == []
    assert all(not CJK.search(i18n.EN[text]) for text, _ in found)  # and the English is English
