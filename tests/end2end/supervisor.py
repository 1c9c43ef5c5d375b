"""A stand-in for systemd's service supervision, for tests: notify socket, watchdog, restart.

systemd is not PID 1 on the test machines (``systemd-run --user`` fails with "Failed to
connect to bus"), so this plays the part of a ``Type=notify`` unit with ``WatchdogSec=`` and
``Restart=always``, the way systemd does it: it owns the ``NOTIFY_SOCKET`` datagram socket,
passes ``NOTIFY_SOCKET``, ``WATCHDOG_USEC`` and ``WATCHDOG_PID`` to the process, counts it
started on READY=1, and when no WATCHDOG=1 arrives within the watchdog time it sends the
watchdog signal (SIGABRT, systemd's default), then SIGKILL after a grace, and starts the
process again.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Event:
    at: float
    kind: str  # "started", "ready", "ping", "watchdog-kill", "exited"
    pid: int
    detail: str = ""


@dataclass
class Supervisor:
    command: list[str]
    env: dict[str, str]
    socket_path: Path
    log_path: Path
    watchdog_sec: float = 2.0
    kill_grace: float = 1.0
    events: list[Event] = field(default_factory=list)
    process: subprocess.Popen | None = None

    def __post_init__(self) -> None:
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(str(self.socket_path))
        self._last_ping = 0.0
        self._ready = False

    def start(self) -> None:
        env = dict(self.env, NOTIFY_SOCKET=str(self.socket_path), WATCHDOG_USEC=str(int(self.watchdog_sec * 1_000_000)))
        with self.log_path.open("a") as log:  # every run's stderr, one after the other
            self.process = subprocess.Popen(self.command, env=env, stdout=subprocess.DEVNULL, stderr=log)
        self._ready = False
        self._record("started")

    def step(self, timeout: float = 0.1) -> None:
        """Read one datagram (or time out), then enforce the watchdog and the restart rule."""
        self._socket.settimeout(timeout)
        try:
            data, _ = self._socket.recvfrom(4096)
        except TimeoutError:
            data = b""
        now = time.monotonic()
        fields = data.decode("utf-8", "replace").split("\n") if data else []
        if "READY=1" in fields:
            self._ready, self._last_ping = True, now
            self._record("ready")
        if "WATCHDOG=1" in fields and self._ready:
            self._last_ping = now
            self._record("ping")
        assert self.process is not None
        if self.process.poll() is not None:
            self._record("exited", str(self.process.returncode))
            self.start()  # Restart=always
        elif self._ready and now - self._last_ping > self.watchdog_sec:
            self._record("watchdog-kill")
            self._kill()
            self.start()

    def _kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGABRT)
        try:
            self.process.wait(self.kill_grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def wait_for(self, kind: str, count: int = 1, timeout: float = 60.0) -> Event:
        """Step until ``count`` events of ``kind`` happened for the current process."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid = self.process.pid
            seen = [e for e in self.events if e.kind == kind and e.pid == pid]
            if len(seen) >= count:
                return seen[-1]
            self.step()
        raise AssertionError(f"no {kind!r} (x{count}) within {timeout} s; events: {self.events[-8:]}")

    def wait_for_kill(self, pid: int, timeout: float) -> Event:
        """Step until process ``pid`` is gone; the event that ended it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ended = [e for e in self.events if e.pid == pid and e.kind in ("watchdog-kill", "exited")]
            if ended:
                return ended[0]
            self.step()
        raise AssertionError(f"process {pid} still running after {timeout} s; events: {self.events[-8:]}")

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._socket.close()

    def _record(self, kind: str, detail: str = "") -> None:
        self.events.append(Event(time.monotonic(), kind, self.process.pid, detail))


def freeze(pid: int, how: str) -> None:
    """Freeze the kiosk: the whole process (SIGSTOP), or only its UI thread (SIGUSR1, see below)."""
    os.kill(pid, signal.SIGSTOP if how == "stop" else signal.SIGUSR1)


#: Starts the kiosk with a test-only SIGUSR1 handler that blocks the UI thread forever:
#: Python runs signal handlers on the main thread, which is Qt's UI thread; the render
#: path and every other thread keep running. Nothing of this is in the product.
FREEZABLE_KIOSK = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGUSR1, lambda signum, frame: time.sleep(3600))\n"
    "from kiosk.cli import main\n"
    "sys.exit(main())\n"
)
