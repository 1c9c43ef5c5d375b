"""The kiosk ends when it must: its display dies under it, or it is sent SIGTERM at any moment.

Readiness is read from the kiosk's own READY=1 on a notify socket the test owns (the
stand-in supervisor), so "idle" means every window has painted, not a guessed delay.
"""

from __future__ import annotations

import base64
import contextlib
import os
import signal
import socket
import subprocess
import sys

import pytest
from e2e_support import kiosk_env, stderr_problems
from supervisor import Supervisor
from xvfb_support import xvfb_server

pytestmark = pytest.mark.e2e

#: Generous guards for a loaded two-core machine; no test measures speed.
EXIT_GUARD = 15.0
START_GUARD = 60.0
EXIT_DISPLAY_LOST = 70


@pytest.fixture
def xvfb():
    with xvfb_server() as running:
        yield running


def _supervised(tmp_path, command_tail, env_extra=None, extra_config="") -> Supervisor:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path / "state"}"\n' + extra_config, encoding="utf-8")
    command = [sys.executable, "-m", "kiosk", "--config", str(config), *command_tail]
    # A long watchdog: these tests are about exits, not about missed pings.
    return Supervisor(command, kiosk_env(env_extra), tmp_path / "notify.sock", tmp_path / "kiosk.log", watchdog_sec=600)


def _wait_exit(process: subprocess.Popen) -> int:
    try:
        return process.wait(EXIT_GUARD)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)
        raise AssertionError(f"the kiosk was still running {EXIT_GUARD} s later") from None


def test_the_kiosk_exits_non_zero_when_its_x_server_dies(tmp_path, xvfb):
    server, display = xvfb
    sup = _supervised(tmp_path, ["demo", "--embedded"], {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    try:
        sup.start()
        sup.wait_for("ready", timeout=START_GUARD)
        server.kill()
        server.wait(10)
        assert _wait_exit(sup.process) == EXIT_DISPLAY_LOST
    finally:
        sup.close()
    log = (tmp_path / "kiosk.log").read_text()
    assert "kiosk: the display went away" in log


@pytest.fixture
def silent_store():
    """A store on loopback that accepts connections and never answers: a sync hangs in it."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(START_GUARD)
    yield server
    server.close()


def _store_table(url: str) -> str:
    key = base64.b64encode(os.urandom(32)).decode()
    return (
        f'[store]\nurl = "{url}"\nstore_key = "{key}"\napprover_keys = ["{key}"]\ndevice_token = "t"\ntimeout = 600\n'
    )


#: systemd counts death by SIGTERM as a clean stop, like status 0: before the kiosk's own
#: handler is installed (Python still importing), the default action ends it, which is fine.
CLEAN = (0, -signal.SIGTERM)


#: The stages the kiosk reports with KIOSK_TRACE_STARTUP set, in order (kiosk.qt.app): the
#: environment prepared, the Qt application made, the QML loading, the windows made, the
#: content opening (in a worker), the sync started, the event loop running.
STAGES = ["environment", "application", "qml", "windows", "content", "sync", "event-loop"]


@pytest.mark.parametrize("stage", STAGES)
def test_sigterm_at_each_start_up_stage_ends_the_kiosk(tmp_path, stage, silent_store):
    """SIGTERM the moment the kiosk says it reached a stage: it ends within seconds, no traceback."""
    url = f"http://127.0.0.1:{silent_store.getsockname()[1]}"
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path / "state"}"\n' + _store_table(url), encoding="utf-8")
    env = kiosk_env({"KIOSK_TRACE_STARTUP": "1"})
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(config), "run", "--offscreen"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen, stderr = [], ""
    try:
        for line in process.stderr:  # the kiosk's own lines, as it writes them
            stderr += line
            if line.startswith("kiosk: start-up stage "):
                seen.append(line.split()[-1])
                if seen[-1] == stage:
                    process.send_signal(signal.SIGTERM)
                    break
        else:
            raise AssertionError(f"the kiosk ended before stage {stage!r}; stages seen {seen}:\n{stderr}")
        stderr += _drain(process)
        assert _wait_exit(process) in CLEAN
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    assert seen == STAGES[: STAGES.index(stage) + 1]
    assert not stderr_problems(stderr), stderr


def _drain(process: subprocess.Popen) -> str:
    """The rest of stderr, read until the process closes it (bounded by EXIT_GUARD)."""
    try:
        _, rest = process.communicate(timeout=EXIT_GUARD)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate(timeout=10)
        raise AssertionError(f"the kiosk was still running {EXIT_GUARD} s after SIGTERM") from None
    return rest


@pytest.mark.parametrize("moment", ["idle", "syncing"])
def test_sigterm_ends_a_running_kiosk_with_status_0(tmp_path, moment, silent_store):
    url = f"http://127.0.0.1:{silent_store.getsockname()[1]}"
    extra = _store_table(url) if moment == "syncing" else ""
    sup = _supervised(tmp_path, ["run", "--offscreen"], extra_config=extra)
    stack = contextlib.ExitStack()
    try:
        sup.start()
        sup.wait_for("ready", timeout=START_GUARD)
        if moment == "syncing":
            connection, _ = silent_store.accept()  # the sync's request, which gets no answer
            stack.callback(connection.close)
        sup.process.send_signal(signal.SIGTERM)
        assert _wait_exit(sup.process) == 0
    finally:
        stack.close()
        sup.close()
    assert not stderr_problems((tmp_path / "kiosk.log").read_text())
