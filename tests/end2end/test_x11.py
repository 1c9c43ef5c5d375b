"""The demo on a real X server (Xvfb): the xcb platform plugin and its libraries really load.

Offscreen rendering needs none of the X libraries, so a kiosk that "works in the tests"
could still fail on a desktop; this runs the real program against a real X server.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from e2e_support import assert_clean_stderr, kiosk_env
from support import png_size
from xvfb_support import xvfb_server

pytestmark = pytest.mark.e2e


@pytest.fixture
def x_display():
    with xvfb_server() as (_server, display):
        yield display


def test_demo_runs_on_a_real_x_server(tmp_path, x_display):
    env = kiosk_env({"DISPLAY": x_display, "XDG_STATE_HOME": tmp_path / "xdg", "QT_QPA_PLATFORM": "xcb"})
    shots = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--screenshot", str(shots), "--quit-after", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Could not load the Qt platform plugin" not in result.stderr
    assert_clean_stderr(result.stderr)
    width, height = png_size(shots / "touch.png")
    # Demo windows are scaled to fit the screen side by side: wider than tall, not empty.
    assert width > height > 100
    assert png_size(shots / "signage.png")[0] > 100
