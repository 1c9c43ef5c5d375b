"""An LED wall plugged in and unplugged while the kiosk runs, on a real X server.

Xvfb has one output of its own and no real RandR outputs to hot-plug, but it does keep
RandR 1.5 *monitors*, which ``xrandr --setmonitor`` and ``--delmonitor`` add and remove at
run time; Qt's xcb plugin turns each into a QScreen and reports ``screenAdded`` and
``screenRemoved``, as it does for a monitor cable. What this cannot run for real: a
physical connector (EDID read, mode set, the output's own name such as ``HDMI-2``).
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from e2e_support import kiosk_env
from xvfb_support import xvfb_server

pytestmark = pytest.mark.e2e

X_SCREEN = (3456, 1080)
TOUCH_REGION = (0, 0, 1920, 1080)
WALL = "LED-1 1536/400x768/200+1920+0"  # name, then xrandr's geometry (size in px/mm)


def _log_has(path: Path, text: str, timeout: float = 60) -> str:
    """The kiosk's log once it holds ``text`` (the kiosk runs as another process)."""
    from compositor_support import poll_until

    def log_if_there() -> str:
        log = path.read_text()
        return log if text in log else ""

    return poll_until(f"{text!r} in the kiosk's log", log_if_there, path.read_text, timeout)


def test_the_wall_window_comes_with_its_monitor_and_goes_with_it(tmp_path):
    from compositor_support import colours, crop
    from supervisor import Supervisor
    from test_x11 import GRAB

    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'state_dir = "{tmp_path / "state"}"\n'
        f'[[screens]]\nrole = "touch"\nscreen = "screen"\nregion = {list(TOUCH_REGION)}\n'
        '[[screens]]\nrole = "signage"\nscreen = "LED-1"\n',
        encoding="utf-8",
    )
    log_path = tmp_path / "state" / "logs" / "kiosk.log"  # the kiosk's own log, INFO lines too
    with xvfb_server("x".join(map(str, X_SCREEN))) as (_, display):
        env = kiosk_env({"DISPLAY": display, "XDG_STATE_HOME": tmp_path / "xdg", "QT_QPA_PLATFORM": "xcb"})
        command = [sys.executable, "-m", "kiosk", "--config", str(config), "run"]
        sup = Supervisor(command, env, tmp_path / "notify.sock", tmp_path / "stderr.log", watchdog_sec=600)
        try:
            sup.start()
            sup.wait_for("ready", timeout=60)  # the touch window painted; the wall has none
            _log_has(log_path, "signage screen 'LED-1' is not connected")
            shot = tmp_path / "before.png"
            subprocess.run([sys.executable, "-c", GRAB, str(shot)], env=env, check=True, timeout=60)
            # The attract loop's accent, not the wall's slides over the touch screen.
            assert colours(crop(shot, TOUCH_REGION)).most_common(1)[0][0] == "#b71c1c"
            name, geometry = WALL.split()
            subprocess.run(["xrandr", "--setmonitor", name, geometry, "none"], env=env, check=True, timeout=30)
            _log_has(log_path, "signage window on LED-1 at 1920,0 1536x768")
            subprocess.run(["xrandr", "--delmonitor", name], env=env, check=True, timeout=30)
            _log_has(log_path, "signage screen 'LED-1' is not connected (outputs: 0: screen)")
            assert "touch screen" not in log_path.read_text()  # the touch window never moved
            sup.process.send_signal(signal.SIGTERM)
            assert sup.process.wait(30) == 0
        finally:
            sup.close()
