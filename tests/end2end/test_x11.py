"""The demo on a real X server (Xvfb): the xcb platform plugin and its libraries really load.

Offscreen rendering needs none of the X libraries, so a kiosk that "works in the tests"
could still fail on a desktop; this runs the real program against a real X server.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

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


#: One X screen holding both: the touch screen's 1280×720 and, beside it, an LED wall fed by
#: a 1024×512 part of the signal. Xvfb has a single RandR output, so the two screens are
#: two regions of it, which is also how a wall on a sub-rectangle is configured.
X_SCREEN = (2304, 720)
TOUCH_REGION, WALL_REGION = (0, 0, 1280, 720), (1280, 0, 1024, 512)
GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)\n"
)


def test_run_places_each_window_where_the_configuration_says_on_a_real_x_server(tmp_path):
    """The X server's own picture (the root window), not the kiosk's rendering of itself."""
    from compositor_support import colours, crop, shows_a_slide
    from supervisor import Supervisor
    from xvfb_support import xvfb_server

    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'state_dir = "{tmp_path / "state"}"\n'
        f'[[screens]]\nrole = "signage"\nscreen = 0\nregion = {list(WALL_REGION)}\n'
        f'[[screens]]\nrole = "touch"\nscreen = 0\nregion = {list(TOUCH_REGION)}\n',
        encoding="utf-8",
    )
    with xvfb_server("x".join(map(str, X_SCREEN))) as (_, display):
        env = kiosk_env({"DISPLAY": display, "XDG_STATE_HOME": tmp_path / "xdg", "QT_QPA_PLATFORM": "xcb"})
        command = [sys.executable, "-m", "kiosk", "--config", str(config), "run"]
        sup = Supervisor(command, env, tmp_path / "notify.sock", tmp_path / "kiosk.log", watchdog_sec=600)
        try:
            sup.start()
            sup.wait_for("ready", timeout=60)  # every window has painted its first frame
            shot = tmp_path / "root.png"
            deadline = time.monotonic() + 60
            while True:  # a capture can fall in the wall's transition: capture again
                subprocess.run([sys.executable, "-c", GRAB, str(shot)], env=env, check=True, timeout=60)
                touch, wall = crop(shot, TOUCH_REGION), crop(shot, WALL_REGION)
                if shows_a_slide(wall) or time.monotonic() > deadline:
                    break
            sup.process.send_signal(signal.SIGTERM)
            assert sup.process.wait(30) == 0
        finally:
            sup.close()
    assert colours(touch).most_common(1)[0][0] == "#b71c1c"  # the attract loop's accent
    assert shows_a_slide(wall), colours(wall).most_common(5)
    assert_clean_stderr((tmp_path / "kiosk.log").read_text())
