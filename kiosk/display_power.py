"""Screens off outside office hours: the configured commands that switch the displays'
power, run when the wall's office hours begin or end.

Blanking the picture leaves an LED wall or a monitor lit (and ageing) all night; a
command such as ``wlr-randr --output HDMI-2 --off``, ``xset dpms force off`` or a display
controller's own tool switches it off. Each command is an argument list run without a
shell (a configuration that wants one says ``["sh", "-c", "..."]``), on a worker thread
of its own so that a slow or hanging command never holds up the screens, killed after its
timeout, and its failure is logged in one line: the kiosk goes on either way.

The first state seen (at start) is applied too: a kiosk restarted during office hours
after a night with the screens off switches them on again.
"""

from __future__ import annotations

import logging
import queue
import subprocess
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.config import SignageConfig

log = logging.getLogger(__name__)

#: At most this much of a failing command's output goes into its log line.
_OUTPUT_CHARS = 200


def run_command(argv: Sequence[str], timeout: float) -> str | None:
    """Run ``argv`` to its end (killed after ``timeout`` seconds); None on success, else why not."""
    try:
        result = subprocess.run(list(argv), stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"still running after {timeout:g} s; killed"
    except OSError as exc:  # not found, not executable...
        return f"could not start ({exc.strerror or exc})"
    if result.returncode != 0:
        said = " ".join((result.stderr or result.stdout).decode("utf-8", "replace").split())[:_OUTPUT_CHARS]
        return f"exit status {result.returncode}" + (f": {said}" if said else "")
    return None


class DisplayPower:
    """Switches the screens on or off when :meth:`set_on` sees the state change.

    Commands run one at a time, in order, on one worker thread; when several changes wait
    (a hanging command), only the newest is run: the screens end up in the state asked last.
    """

    def __init__(self, on_command: Sequence[str], off_command: Sequence[str], timeout: float) -> None:
        self._commands = {True: tuple(on_command), False: tuple(off_command)}
        self._timeout = timeout
        self._state: bool | None = None
        self._wanted: queue.SimpleQueue[bool | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        #: How many commands have finished, successfully or not (for tests and the overlay).
        self.finished = 0
        self.last_error: str | None = None
        self._done = threading.Condition()

    @property
    def configured(self) -> bool:
        return any(self._commands.values())

    def set_on(self, on: bool) -> None:
        """The wall is (now) inside office hours, or outside; runs a command if that changed."""
        if on == self._state:
            return
        self._state = on
        if not self._commands[on]:
            return
        if self._thread is None:
            # A daemon: a hanging command never keeps the process from exiting.
            self._thread = threading.Thread(target=self._work, name="display-power", daemon=True)
            self._thread.start()
        self._wanted.put(on)

    def wait_finished(self, count: int, timeout: float) -> bool:
        """Block until ``count`` commands have finished (tests), at most ``timeout`` seconds."""
        with self._done:
            return self._done.wait_for(lambda: self.finished >= count, timeout)

    def close(self) -> None:
        """Let the worker end after the command it runs (it is a daemon; nothing waits for it)."""
        if self._thread is not None:
            self._wanted.put(None)

    def _work(self) -> None:
        while True:
            on = self._wanted.get()
            while on is not None and not self._wanted.empty():
                on = self._wanted.get()  # only the newest state matters
            if on is None:
                return
            argv = self._commands[on]
            what = "on" if on else "off"
            error = run_command(argv, self._timeout)
            if error is None:
                log.info("screens %s: %s done", what, argv[0])
            else:
                log.warning("screens %s: %s failed: %s", what, argv[0], error)
            with self._done:
                self.last_error = error
                self.finished += 1
                self._done.notify_all()


def from_config(signage: SignageConfig) -> DisplayPower | None:
    """The screens' power switch of a ``[signage]`` configuration, or None if none is configured."""
    power = DisplayPower(signage.screen_on_command, signage.screen_off_command, signage.screen_command_timeout)
    return power if power.configured else None
