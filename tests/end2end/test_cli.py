"""The real ``kiosk`` program, run as a subprocess the way an administrator runs it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from e2e_support import assert_clean_stderr, kiosk_env
from support import png_size

from kiosk import paths

pytestmark = pytest.mark.e2e

TIMEOUT = 120


def kiosk(*args: str, env_extra: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """The program's result; fails the test on a traceback or a Qt warning on its stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=kiosk_env(env_extra),
        **kwargs,
    )
    assert_clean_stderr(result.stderr)
    return result


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'state_dir = "{tmp_path / "state"}"\n' + text, encoding="utf-8")
    return path


def test_version():
    result = kiosk("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("kiosk 0.")


def test_items_json_lists_only_what_may_be_shown(tmp_path):
    config = write_config(tmp_path, "")
    result = kiosk("--config", str(config), "items", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    ids = {item["id"] for item in listed}
    pack = {p.stem for p in (paths.DEMO_PACK_DIR / "items").glob("*.md")}
    # The pack holds internal and not-yet-public items on purpose; none may be listed.
    hidden = {i for i in pack if i.startswith(("internal-", "future-"))}
    assert hidden, "the demo pack should carry internal and future items"
    assert not ids & hidden
    assert ids == pack - hidden
    assert all(item["audience"] == "public" for item in listed)
    assert all(item["published_at"].endswith("+00:00") for item in listed)


BAD_CONFIGS = {
    "unknown key": ("colour = 1\n", "colour: unknown key"),
    "wrong type": ('idle_timeout = "soon"\n', "idle_timeout: expected a number"),
    "bad value": ('[[screens]]\nrole = "tv"\n', 'screens[0].role: expected one of "signage", "touch"'),
    "invalid toml": ("[screens\n", "not valid TOML"),
    "bad region": ('[[screens]]\nrole = "signage"\nregion = [0, 0, 0, 768]\n', "screens[0].region"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_configuration_gets_one_line_and_status_2(tmp_path, case):
    text, expected = BAD_CONFIGS[case]
    config = write_config(tmp_path, text)
    result = kiosk("--config", str(config), "items", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(config) in lines[0] and expected in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["missing", "directory", "not utf-8"])
def test_unreadable_configuration_gets_one_line_and_status_2(tmp_path, kind):
    path = tmp_path / "kiosk.toml"
    if kind == "directory":
        path.mkdir()
    elif kind == "not utf-8":
        path.write_bytes(b'language = "\xff\xfe"\n')
    result = kiosk("--config", str(path), "run", "--offscreen")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_state_dir_is_one_clear_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{blocker / "state"}"\n')
    result = kiosk("--config", str(config), "items", "--json")
    assert result.returncode == 3  # the state directory cannot be used (README: exit status)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_demo_writes_a_screenshot_per_window(tmp_path):
    shots = tmp_path / "shots"
    result = kiosk(
        "demo",
        "--offscreen",
        "--screenshot",
        str(shots),
        "--quit-after",
        "3",
        env_extra={"XDG_STATE_HOME": str(tmp_path / "xdg")},
    )
    assert result.returncode == 0, result.stderr
    assert png_size(shots / "touch.png") == (1920, 1080)
    assert png_size(shots / "signage.png") == (1536, 768)
    # The demo needs no configuration: its state went to the XDG state directory.
    assert (tmp_path / "xdg" / "lobby-kiosk" / "cache.sqlite3").is_file()


def test_run_offscreen_screenshot_has_the_region_size(tmp_path):
    config = write_config(
        tmp_path,
        (
            '[[screens]]\nrole = "touch"\nscreen = 0\n'
            '[[screens]]\nrole = "signage"\nscreen = 1\nregion = [0, 0, 1536, 768]\n'
        ),
    )
    shots = tmp_path / "shots"
    result = kiosk("--config", str(config), "run", "--offscreen", "--screenshot", str(shots), "--quit-after", "2")
    assert result.returncode == 0, result.stderr
    assert png_size(shots / "touch.png") == (1920, 1080)
    assert png_size(shots / "signage.png") == (1536, 768)


def test_sigterm_stops_a_running_kiosk_cleanly(tmp_path):
    config = write_config(tmp_path, "")
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(config), "run", "--offscreen"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=kiosk_env(),
    )
    try:
        # The log file appears once the kiosk has started.
        log_file = tmp_path / "state" / "logs" / "kiosk.log"
        deadline_reads = 0
        while "imported the demo pack" not in (log_file.read_text() if log_file.exists() else ""):
            deadline_reads += 1
            assert process.poll() is None, process.communicate()
            try:
                process.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                pass
            assert deadline_reads < 600, "the kiosk did not start within a minute"
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert_clean_stderr(err)


def test_no_display_is_one_clear_line_not_a_qt_abort(tmp_path):
    env = {k: v for k, v in kiosk_env().items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_STATE_HOME"] = str(tmp_path / "xdg")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--quit-after", "1"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "--offscreen" in result.stderr and "DISPLAY" in result.stderr
