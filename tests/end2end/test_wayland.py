"""The real kiosk under sway, headless, with two outputs: each window lands on its own output.

The kiosk is an X client of sway's Xwayland, as deployed (Qt's virtual keyboard does not
work on Qt's wayland platform); there too it cannot place its windows: sway's rules do, written by
``kiosk sway-config`` from the same [[screens]] the kiosk reads. The screens are configured
the "wrong" way round on purpose (the wall on the first output, where a window without a
rule would go), and each output is captured with ``grim`` — the compositor's picture, not
the kiosk's own rendering. sway's request to close a window is refused on the way.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from compositor_support import OUTPUTS, colours, headless_sway, poll_until, shows_a_slide, size
from e2e_support import assert_clean_stderr, kiosk_env
from supervisor import Supervisor

pytestmark = pytest.mark.e2e

WALL, TOUCH = OUTPUTS  # the signage window on the first output, the touch window on the second
MODES = {WALL: "1024x512", TOUCH: "1280x720"}
#: The touch screen's attract loop is the theme's accent; the wall's background is black
#: (the theme's ledBackground).
ACCENT, LED_BACKGROUND = "#b71c1c", "#000000"
GUARD = 60.0


def _write_config(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'state_dir = "{tmp_path / "state"}"\n'
        f'[[screens]]\nrole = "touch"\nscreen = "{TOUCH}"\n'
        f'[[screens]]\nrole = "signage"\nscreen = "{WALL}"\n',
        encoding="utf-8",
    )
    return config


def _sway_config(config) -> str:
    modes = [arg for name, mode in MODES.items() for arg in ("--mode", f"{name}={mode}")]
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "sway-config", *modes],
        capture_output=True,
        text=True,
        timeout=60,
        env=kiosk_env(),
        check=True,
    )
    return result.stdout


def test_each_window_covers_its_own_output_under_sway(tmp_path):
    config = _write_config(tmp_path)
    with headless_sway(_sway_config(config)) as sway:
        assert not sway.config_errors()
        runtime = tmp_path / "runtime"
        runtime.mkdir(mode=0o700)
        # As on a kiosk: an X client of sway's Xwayland (the keyboard needs X), placed by sway.
        env = kiosk_env({"DISPLAY": sway.x_display, "XDG_RUNTIME_DIR": runtime, "QT_QPA_PLATFORM": "xcb"})
        command = [sys.executable, "-m", "kiosk", "--config", str(config), "run"]
        sup = Supervisor(command, env, tmp_path / "notify.sock", tmp_path / "kiosk.log", watchdog_sec=600)
        try:
            sup.start()
            sup.wait_for("ready", timeout=GUARD)  # every window has painted its first frame
            # Each window covers its whole output.
            expected = {"lobby-kiosk touch 0": (TOUCH, 1280, 720), "lobby-kiosk signage 1": (WALL, 1024, 512)}
            poll_until("windows placed", lambda: sway.windows() == expected, sway.windows, timeout=30)
            # sway asks the touch window to close (as its kill binding would): refused.
            sway.ipc('[title="^lobby-kiosk touch 0$"] kill')
            log = tmp_path / "state" / "logs" / "kiosk.log"
            poll_until(
                "the close request refused",
                lambda: "from the window system refused" in log.read_text(),
                lambda: log.read_text()[-2000:],
                GUARD,
            )

            def touch_shows_attract():
                shot = sway.capture(TOUCH, tmp_path / "touch.png")
                # The attract loop over the whole output (the first frames after sway resizes
                # the window may still be of the old size, on black): captured again until so.
                top = dict(colours(shot).most_common(3))
                return next(iter(top)) == ACCENT and LED_BACKGROUND not in top and shot

            touch = poll_until(
                "the touch output shows the attract loop",
                touch_shows_attract,
                lambda: colours(tmp_path / "touch.png").most_common(3),
                GUARD,
            )
            wall = poll_until(
                "the wall shows a slide",
                lambda: shows_a_slide(sway.capture(WALL, tmp_path / "wall.png")) and tmp_path / "wall.png",
                lambda: colours(tmp_path / "wall.png").most_common(5),
                GUARD,
            )
            assert size(touch) == (1280, 720) and size(wall) == (1024, 512)
            assert sway.windows() == expected  # the refused close left both windows in place
            sup.process.send_signal(signal.SIGTERM)
            assert sup.process.wait(30) == 0
        finally:
            sup.close()
    assert_clean_stderr((tmp_path / "kiosk.log").read_text())
