"""The English interface: the catalogue is complete and current, and a kiosk with language "en" uses it.

When a test here fails because a string has no translation (or kiosk_en.qm is stale):
run ``assets/translations/update.sh``, write the English of each new
``<translation type="unfinished">`` in assets/translations/kiosk_en.ts (plain, short words:
it is read standing at a public kiosk), run the script again, commit both files.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from qt_support import find, tap, window_of
from support import NOW, make_item

from kiosk import feedback as fb
from kiosk import paths

TRANSLATIONS = paths.ASSETS_DIR / "translations"
TS_FILE = TRANSLATIONS / "kiosk_en.ts"
QM_FILE = TRANSLATIONS / "kiosk_en.qm"
HOW_TO_FIX = (
    "run assets/translations/update.sh, translate the new entries in "
    "assets/translations/kiosk_en.ts, run it again and commit kiosk_en.ts and kiosk_en.qm"
)

ITEMS = [make_item("cw-1", title="民生实事推进情况", category="central-work", published_at=NOW)]


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} (PySide6) is not installed")
    return found


def _messages(ts_file: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every current message (not obsolete or vanished)."""
    found = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            found.append((context.findtext("name"), message.findtext("source"), translation))
    return found


def _untranslated(ts_file: Path) -> list[str]:
    return [
        f"{context}: {source}"
        for context, source, translation in _messages(ts_file)
        if translation.get("type") == "unfinished" or not (translation.text or "").strip()
    ]


def test_every_message_of_the_catalogue_has_an_english_translation():
    untranslated = _untranslated(TS_FILE)
    assert _messages(TS_FILE), "the catalogue is empty"
    assert not untranslated, f"untranslated interface strings {untranslated}: {HOW_TO_FIX}"


def test_translations_keep_the_placeholders():
    wrong = [
        f"{context}: {source} → {translation.text}"
        for context, source, translation in _messages(TS_FILE)
        if sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", translation.text or ""))
    ]
    assert not wrong, f"a translation lost or added a %1-style placeholder: {wrong}"


def test_the_catalogue_holds_every_string_of_the_sources(tmp_path):
    """A new qsTr()/tr() string, not yet extracted into kiosk_en.ts, fails here."""
    copy = tmp_path / "kiosk_en.ts"
    shutil.copy(TS_FILE, copy)
    # The same extraction as update.sh, into a copy.
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-locations",
            "relative",
            "-no-obsolete",
            "-extensions",
            "qml,py",
            str(paths.SCREENS_DIR),
            str(paths.PROJECT_ROOT / "kiosk" / "qt"),
            "-ts",
            str(copy),
            "-target-language",
            "en",
        ],
        check=True,
        capture_output=True,
    )
    current = {(c, s) for c, s, _ in _messages(TS_FILE)}
    extracted = {(c, s) for c, s, _ in _messages(copy)}
    missing, unused = sorted(extracted - current), sorted(current - extracted)
    assert not missing, f"strings missing from kiosk_en.ts {missing}: {HOW_TO_FIX}"
    assert not unused, f"kiosk_en.ts holds strings no source uses {unused}: {HOW_TO_FIX}"
    assert not _untranslated(copy), HOW_TO_FIX


def test_the_compiled_catalogue_is_built_from_the_source(tmp_path):
    built = tmp_path / "kiosk_en.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(TS_FILE), "-qm", str(built)], check=True, capture_output=True
    )
    assert built.read_bytes() == QM_FILE.read_bytes(), f"kiosk_en.qm is stale: {HOW_TO_FIX}"


def test_feedback_names_are_in_the_catalogue():
    """The kinds and ratings of kiosk.feedback are shown through the catalogue (kiosk/qt/feedback/)."""
    sources = {s for c, s, _ in _messages(TS_FILE) if c == "FeedbackViewModel"}
    assert set(fb.KINDS.values()) | set(fb.RATINGS.values()) <= sources


def _label(item) -> str:
    """The text of the Text inside a button-like item."""
    return next(child.property("text") for child in item.childItems() if child.property("text") is not None)


@pytest.fixture
def english_config(kiosk_config):
    return replace(kiosk_config, language="en")


def test_english_kiosk_shows_english_home_and_no_missing_catalogue(qtbot, start_kiosk, english_config, caplog):
    caplog.set_level(logging.WARNING)
    kiosk = start_kiosk(ITEMS, english_config)
    assert not [r for r in caplog.records if "translation" in r.getMessage()], "the English catalogue was not loaded"
    assert not kiosk.translations.chinese

    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    assert _label(find(window, "touchToStart")) == "Touch the screen to start"
    tap(qtbot, window, find(window, "touchToStart"))  # the card would open its item
    qtbot.waitUntil(lambda: vm.page_name == "home")

    assert find(window, "headerTitle").property("text") == "Public Disclosure"
    assert find(window, "searchButton").property("text") == "Search"
    assert find(window, "textSizeButton").property("text") == "Text: Normal"
    assert find(window, "feedbackButton").property("text") == "Opinion Box"
    qtbot.waitUntil(lambda: find(window, "count-central-work").property("text") == "Items: 1")
    # A kiosk window's title is for the compositor's rules (kiosk.compositor): never translated.
    assert window.title() == "lobby-kiosk touch 0"

    # The view models' own visitor-facing strings come from the same catalogue.
    feedback = vm.property("feedback")
    assert [k["name"] for k in feedback.property("kinds")][:2] == ["Suggestion", "Opinion"]
    assert feedback.property("ratings")[0]["name"] == "Very satisfied"
    feedback.submit()
    assert feedback.property("message") == "Please write your opinion or suggestion"
    signage = window_of(kiosk, "signage")
    assert signage.title() == "lobby-kiosk signage 1"


def test_chinese_kiosk_keeps_chinese(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    assert kiosk.translations.chinese
    assert window.title() == "lobby-kiosk touch 0"
    assert _label(find(window, "touchToStart")) == "轻触屏幕开始"
    assert kiosk.view_models[0].property("feedback").property("kinds")[0]["name"] == "建议"
