"""Chinese renders in a real CJK font, and a missing one is reported with the package to install."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from kiosk.qt import fonts


def test_installed_cjk_font_is_chosen_and_covers_the_sample(qapp):
    family = fonts.choose_font(qapp)
    assert family is not None, "no CJK font installed: the CI set-up must install fonts-noto-cjk"
    assert fonts.covers(QFont(family))
    assert qapp.font().family() == family


def test_latin_only_font_does_not_cover_chinese(qapp):
    assert not fonts.covers(QFont("DejaVu Sans"))


def test_missing_cjk_font_logs_the_package_to_install(qapp, monkeypatch, caplog):
    # Uninstalling system fonts inside a test is not possible: the font database is
    # narrowed to a Latin-only family instead, which is what a bare machine has.
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *args: ["DejaVu Sans"]))
    original = qapp.font()
    try:
        with caplog.at_level(logging.WARNING):
            assert fonts.choose_font(qapp) is None
    finally:
        qapp.setFont(original)
    assert "fonts-noto-cjk" in caplog.text
