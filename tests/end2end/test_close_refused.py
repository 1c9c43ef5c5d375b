"""A close asked for by a real window manager is refused; the kiosk's own quit still works.

On a lobby's desktop the window manager is what turns a close button, a title-bar menu or
its Alt+F4 into a close request (``WM_DELETE_WINDOW``) for the kiosk's window. Here that is
openbox on Xvfb, asked by ``wmctrl -c`` exactly as its own close button would ask it
(``_NET_CLOSE_WINDOW``); and sway, for the deployed set-up, in ``test_wayland.py``. The
kiosk logs each refusal, which is also how this test knows the request arrived.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from compositor_support import poll_until, require
from e2e_support import assert_clean_stderr, kiosk_env
from supervisor import Supervisor
from xvfb_support import xvfb_server

pytestmark = pytest.mark.e2e

TOUCH_TITLE, WALL_TITLE = "lobby-kiosk touch 0", "lobby-kiosk signage 1"
REFUSED = "from the window system refused"
GUARD = 60.0


def _wmctrl(env: dict, *args: str) -> str:
    result = subprocess.run(["wmctrl", *args], env=env, capture_output=True, text=True, timeout=10)
    return result.stdout if result.returncode == 0 else ""


def _window_titles(env: dict) -> set[str]:
    # wmctrl -l: id, desktop, host, then the title (which may hold spaces).
    return {line.split(None, 3)[3] for line in _wmctrl(env, "-l").splitlines() if len(line.split(None, 3)) == 4}


def _refusals(log_path: Path) -> int:
    return log_path.read_text().count(REFUSED) if log_path.exists() else 0


def test_a_close_from_a_real_window_manager_is_refused(tmp_path):
    require("openbox")
    require("wmctrl")
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'state_dir = "{tmp_path / "state"}"\n'
        '[[screens]]\nrole = "touch"\nscreen = 0\nregion = [0, 0, 1280, 720]\n'
        '[[screens]]\nrole = "signage"\nscreen = 0\nregion = [1280, 0, 1024, 512]\n',
        encoding="utf-8",
    )
    log_path = tmp_path / "state" / "logs" / "kiosk.log"  # INFO lines, the refusal among them
    with xvfb_server("2304x720") as (_, display):
        env = kiosk_env({"DISPLAY": display, "XDG_STATE_HOME": tmp_path / "xdg", "QT_QPA_PLATFORM": "xcb"})
        with (tmp_path / "openbox.log").open("w") as wm_log:
            wm = subprocess.Popen(
                [shutil.which("openbox") or "openbox", "--sm-disable"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=wm_log,
            )
        command = [sys.executable, "-m", "kiosk", "--config", str(config), "run"]
        # A short watchdog: its pings show the UI thread going on after each close request.
        sup = Supervisor(command, env, tmp_path / "notify.sock", tmp_path / "stderr.log", watchdog_sec=2)
        try:
            # The window manager owns the screen before the kiosk maps its windows.
            poll_until("openbox manages the screen", lambda: "Openbox" in _wmctrl(env, "-m"), wm.poll, GUARD)
            sup.start()
            sup.wait_for("ready", timeout=GUARD)
            poll_until(
                "both kiosk windows are managed",
                lambda: {TOUCH_TITLE, WALL_TITLE} <= _window_titles(env),
                lambda: _window_titles(env),
                GUARD,
            )
            for title in (TOUCH_TITLE, WALL_TITLE):
                before = _refusals(log_path)
                assert subprocess.run(["wmctrl", "-F", "-c", title], env=env, timeout=10).returncode == 0
                poll_until(
                    f"the close of {title!r} is refused",
                    lambda before=before: _refusals(log_path) > before,
                    lambda: log_path.read_text()[-2000:],
                    GUARD,
                )
            # Two watchdog pings later (each one sent from the UI thread) the kiosk has handled
            # both requests in full: still the same process, both windows still mapped.
            pid = sup.process.pid
            pings = sum(1 for e in sup.events if e.kind == "ping" and e.pid == pid)
            sup.wait_for("ping", count=pings + 2, timeout=GUARD)
            assert [e.kind for e in sup.events if e.kind == "exited"] == [], "the kiosk quit on a close request"
            assert sup.process.pid == pid
            assert {TOUCH_TITLE, WALL_TITLE} <= _window_titles(env)
            # The kiosk's own quit (as systemd stops it) is still obeyed under the window manager.
            sup.process.send_signal(signal.SIGTERM)
            assert sup.process.wait(30) == 0
        finally:
            sup.close()
            wm.terminate()
            wm.wait(timeout=10)
    assert_clean_stderr((tmp_path / "stderr.log").read_text())
