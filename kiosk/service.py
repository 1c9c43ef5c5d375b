"""Running the kiosk as a systemd service: the notify protocol, the unit, its installation.

The notify protocol is a few lines, written here rather than taken from a library: one
datagram of ``KEY=VALUE`` lines sent to the AF_UNIX socket named by ``$NOTIFY_SOCKET`` (an
abstract-namespace name when it starts with ``@``). The pure-Python package on PyPI for it
(``sdnotify``) has had no release since 2017 and swallows every error; ``systemd-python``
needs libsystemd's headers and a compiler on every kiosk. The protocol itself is stable and
documented in sd_notify(3).

No Qt here: the Qt side (when to say READY=1 and WATCHDOG=1) is kiosk.qt.watchdog.
"""

from __future__ import annotations

import os
import pwd
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk import paths

UNIT_NAME = "lobby-kiosk.service"
UNIT_TEMPLATE = paths.CONFIG_DIR / UNIT_NAME
UNIT_DIR = Path("/etc/systemd/system")
#: The dedicated account the service runs as, unless ``--user`` names another.
DEFAULT_USER = "kiosk"


class Notifier:
    """Sends sd_notify messages to the service manager; does nothing outside a service."""

    def __init__(self, address: str | None = None) -> None:
        address = os.environ.get("NOTIFY_SOCKET") if address is None else address
        self.address = _socket_address(address) if address else None
        self._socket: socket.socket | None = None
        if self.address is not None:
            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)

    @property
    def enabled(self) -> bool:
        return self._socket is not None

    def send(self, *fields: str) -> bool:
        """Send ``KEY=VALUE`` fields as one datagram; False when it could not be delivered.

        A manager that went away is no reason to stop showing the screens: the failure is
        reported to the caller, never raised.
        """
        if self._socket is None or self.address is None:
            return False
        try:
            self._socket.sendto("\n".join(fields).encode("utf-8"), self.address)
        except OSError:
            return False
        return True

    def ready(self) -> bool:
        return self.send("READY=1", f"MAINPID={os.getpid()}")

    def ping(self) -> bool:
        return self.send("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.send("STOPPING=1")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _socket_address(name: str) -> str | bytes:
    if name.startswith("@"):
        return b"\0" + name[1:].encode("utf-8")  # Linux's abstract namespace
    return name


def watchdog_interval() -> float | None:
    """Seconds between watchdog pings asked of this process, or None when none are.

    Half of ``$WATCHDOG_USEC``, as sd_watchdog_enabled(3) advises; ``$WATCHDOG_PID``, when
    set, must name this process (a child the service started must not ping for it).
    """
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if pid and (not pid.isdigit() or int(pid) != os.getpid()):
        return None
    return int(usec) / 2_000_000


# -- the unit and its installation ------------------------------------------------------


@dataclass(frozen=True)
class Installation:
    unit_path: Path
    unit_text: str
    commands: tuple[tuple[str, ...], ...]


def render_unit(user: str, config_file: Path, executable: str | None = None) -> str:
    """The unit file for ``user``, running this installation's ``kiosk run``."""
    program = executable or _kiosk_program()
    exec_start = " ".join(shlex.quote(part) for part in (*program, "--config", str(config_file), "run"))
    text = UNIT_TEMPLATE.read_text(encoding="utf-8")
    return text.replace("@USER@", user).replace("@EXEC_START@", exec_start)


def _kiosk_program() -> tuple[str, ...]:
    script = Path(sys.executable).parent / "kiosk"
    if script.exists():
        return (str(script),)
    return (sys.executable, "-m", "kiosk")


def plan_installation(user: str, config_file: Path, unit_dir: Path = UNIT_DIR) -> Installation:
    unit_path = unit_dir / UNIT_NAME
    commands: tuple[tuple[str, ...], ...] = (("systemctl", "daemon-reload"), ("systemctl", "enable", UNIT_NAME))
    if not _user_exists(user):
        # A system account of its own: the kiosk needs no login and no one else's files.
        commands = (("useradd", "--system", "--create-home", "--shell", "/usr/sbin/nologin", user), *commands)
    return Installation(unit_path, render_unit(user, config_file), commands)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


class InstallError(RuntimeError):
    """The unit could not be installed; the message says why and what to do."""


def install(plan: Installation, run: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run) -> list[str]:
    """Write the unit and enable it; the lines saying what was done."""
    try:
        plan.unit_path.parent.mkdir(parents=True, exist_ok=True)
        plan.unit_path.write_text(plan.unit_text, encoding="utf-8")
        plan.unit_path.chmod(0o644)  # systemd reads units as any user; the process umask is 0077
    except OSError as exc:
        raise InstallError(f"cannot write {plan.unit_path}: {exc.strerror or exc} (run as root)") from None
    done = [f"wrote {plan.unit_path}"]
    for command in plan.commands:
        try:
            result = run(list(command), capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InstallError(f"{' '.join(command)} failed: {exc}") from None
        if result.returncode != 0:
            detail = " ".join((result.stderr or result.stdout).split())[:300]
            raise InstallError(f"{' '.join(command)} failed: {detail or 'status ' + str(result.returncode)}")
        done.append(f"ran {' '.join(command)}")
    return done
