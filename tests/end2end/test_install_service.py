"""``kiosk install-service``: the dry run prints the unit; the real run writes and enables it.

systemctl cannot run here (systemd is not PID 1): the real run is given a stand-in
``systemctl`` first on PATH that records its arguments, and a unit folder in tmp_path.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from e2e_support import assert_clean_stderr, kiosk_env

pytestmark = pytest.mark.e2e


def kiosk(*args, env_extra=None):
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=60, env=kiosk_env(env_extra)
    )
    assert_clean_stderr(result.stderr)
    return result


def test_dry_run_prints_the_unit_and_the_commands_and_writes_nothing(tmp_path):
    result = kiosk("install-service", "--dry-run", "--user", "root", "--unit-dir", str(tmp_path / "units"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for wanted in ("Type=notify", "Restart=always", "User=root"):
        assert wanted in lines
    assert any(line.startswith("WatchdogSec=") for line in lines)
    assert "# would run: systemctl enable lobby-kiosk.service" in lines
    assert not (tmp_path / "units").exists()


def test_install_writes_the_unit_and_enables_it(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    fake = bin_dir / "systemctl"
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n', encoding="utf-8")
    fake.chmod(stat.S_IRWXU)
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}"}
    result = kiosk("install-service", "--user", "root", "--unit-dir", str(tmp_path / "units"), env_extra=env)
    assert result.returncode == 0, result.stderr
    unit = tmp_path / "units" / "lobby-kiosk.service"
    assert "Type=notify" in unit.read_text().splitlines()
    assert stat.S_IMODE(unit.stat().st_mode) == 0o644  # systemd must read it
    assert calls.read_text().splitlines() == ["daemon-reload", "enable lobby-kiosk.service"]
    assert f"kiosk: wrote {unit}" in result.stdout.splitlines()


def test_a_failing_systemctl_is_one_line_and_status_1(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "systemctl"
    fake.write_text("#!/bin/sh\necho 'Failed to connect to bus' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(stat.S_IRWXU)
    result = kiosk(
        "install-service",
        "--user",
        "root",
        "--unit-dir",
        str(tmp_path / "units"),
        env_extra={"PATH": f"{bin_dir}:{os.environ['PATH']}"},
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "kiosk: systemctl daemon-reload failed: Failed to connect to bus"


def test_a_missing_account_is_created_as_a_system_user_first(tmp_path):
    result = kiosk("install-service", "--dry-run", "--user", "no-such-kiosk-user", "--unit-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    planned = [line for line in result.stdout.splitlines() if line.startswith("# would run: ")]
    assert planned == [
        "# would run: useradd --system --create-home --shell /usr/sbin/nologin no-such-kiosk-user",
        "# would run: systemctl daemon-reload",
        "# would run: systemctl enable lobby-kiosk.service",
    ]
