"""Fixtures for the Qt bridge: a real kiosk (real QML, real cache) on the offscreen outputs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from support import NOW

from kiosk import config as config_module
from kiosk.cache import ContentCache
from kiosk.clock import FakeClock
from kiosk.config import ScreenConfig


@pytest.fixture
def kiosk_config(tmp_path: Path):
    return replace(
        config_module.from_table({"state_dir": str(tmp_path / "state")}),
        screens=(ScreenConfig(role="touch", screen="HDMI-1"), ScreenConfig(role="signage", screen="LED-1")),
    )


@pytest.fixture
def clock():
    return FakeClock(NOW)


@pytest.fixture
def start_kiosk(qtbot, kiosk_config, clock):
    """``start_kiosk(items)``: a running kiosk whose cache holds ``items``."""
    from kiosk.qt.app import Kiosk, ScreenOptions

    started = []

    def start(items, config=None, options=ScreenOptions()):
        config = config or kiosk_config

        def opener(cfg):
            cache = ContentCache(cfg.cache_file)
            cache.apply(items, replace_all=True)
            return cache

        kiosk = Kiosk(config, options, clock=clock)
        started.append(kiosk)
        kiosk.start(open_cache=opener)
        qtbot.waitUntil(lambda: kiosk.hub.ready, timeout=5000)
        for _, window in kiosk.windows:
            qtbot.waitExposed(window)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.shutdown()
        kiosk.deleteLater()
    qtbot.waitUntil(lambda: True)
