"""Lockdown on real QML windows (offscreen): frameless, on top, pointer only where configured,
and no key combination that quits or leaves reaches a window."""

from __future__ import annotations

from dataclasses import replace

import pytest
from qt_support import window_of
from support import make_item

from kiosk.config import ScreenConfig

pytestmark = pytest.mark.gui


def _modifier_keys():
    from PySide6.QtCore import Qt

    return {Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Meta}


class KeyProbe:
    """Records the key presses that reach a window (installed on the window itself)."""

    def __init__(self, window) -> None:
        from PySide6.QtCore import QEvent, QObject

        modifier_keys = _modifier_keys()  # pressed alone before a combination: not what is tested

        class Probe(QObject):
            def __init__(self) -> None:
                super().__init__()
                self.keys: list[tuple[int, int]] = []

            def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's override)
                if event.type() == QEvent.Type.KeyPress and event.key() not in modifier_keys:
                    self.keys.append((event.key(), int(event.modifiers().value)))
                return False

        self.probe = Probe()
        window.installEventFilter(self.probe)

    @property
    def keys(self):
        return self.probe.keys


def test_windows_are_frameless_on_top_and_show_a_pointer_only_where_configured(start_kiosk, kiosk_config):
    from PySide6.QtCore import Qt

    config = replace(
        kiosk_config,
        screens=(
            ScreenConfig(role="touch", screen="HDMI-1", cursor=True),
            ScreenConfig(role="signage", screen="LED-1"),
        ),
    )
    kiosk = start_kiosk([make_item("a")], config=config)
    for role, window in kiosk.windows:
        flags = window.flags()
        assert flags & Qt.WindowType.FramelessWindowHint, role
        assert flags & Qt.WindowType.WindowStaysOnTopHint, role
    assert window_of(kiosk, "signage").cursor().shape() == Qt.CursorShape.BlankCursor
    assert window_of(kiosk, "touch").cursor().shape() == Qt.CursorShape.ArrowCursor


def test_no_pointer_on_a_touch_screen_by_default(start_kiosk):
    from PySide6.QtCore import Qt

    kiosk = start_kiosk([make_item("a")])
    assert all(w.cursor().shape() == Qt.CursorShape.BlankCursor for _, w in kiosk.windows)


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        ("F4", "AltModifier"),
        ("Q", "ControlModifier"),
        ("W", "ControlModifier"),
        ("Escape", "NoModifier"),
        ("Tab", "AltModifier"),
        ("F11", "NoModifier"),
    ],
)
def test_key_combinations_that_leave_never_reach_a_window(qtbot, start_kiosk, key, modifier):
    from PySide6.QtCore import Qt

    kiosk = start_kiosk([make_item("a")])
    for role, window in kiosk.windows:
        probe = KeyProbe(window)
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{key}"), getattr(Qt.KeyboardModifier, modifier))
        qtbot.keyClick(window, Qt.Key.Key_A)  # an ordinary key still arrives: the probe works
        assert probe.keys == [(int(Qt.Key.Key_A.value), 0)], role
        assert window.isVisible(), role
