"""Headless sway with two outputs and Xwayland for a test, and what it shows on each output.

sway refuses to run as root (it checks it cannot regain root after dropping it), so as
root the compositor runs as ``nobody`` in a runtime directory of its own; the kiosk and
``grim`` connect to its socket by absolute path. The headless backend with the pixman
renderer needs no GPU and no input devices.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Output names of sway's headless backend, in the order it creates them.
OUTPUTS = ("HEADLESS-1", "HEADLESS-2")
START_GUARD = 30.0


def poll_until(what: str, check, state, timeout: float, interval: float = 0.1):
    """``check()``'s first truthy outcome, polled: another process's state (a compositor's
    outputs, a log file, a socket) gives this process no signal to wait on. Fails with
    ``what`` and ``state()`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        outcome = check()
        if outcome:
            return outcome
        assert time.monotonic() < deadline, f"{what}: not after {timeout} s; {state()}"
        time.sleep(interval)


def require(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{binary} is missing: .ci/setup must install it")
        pytest.skip(f"{binary} not installed (bash .ci/setup installs sway and grim)")
    return path


@dataclass
class Sway:
    runtime_dir: Path
    process: subprocess.Popen

    def config_errors(self) -> list[str]:
        """sway's complaints about its configuration (it carries on past a bad line)."""
        text = (self.runtime_dir / "sway.log").read_text(errors="replace")
        return [line for line in text.splitlines() if "sway/config.c" in line and "[ERROR]" in line]

    @property
    def socket(self) -> Path:
        return self.runtime_dir / "wayland-1"

    @property
    def x_display(self) -> str:
        return (self.runtime_dir / "display").read_text().strip()

    def ipc(self, *args: str) -> object:
        sockets = sorted(self.runtime_dir.glob("sway-ipc.*.sock"))
        result = subprocess.run(
            ["swaymsg", "-s", str(sockets[0]), "-r", *args], capture_output=True, text=True, timeout=10, check=True
        )
        return json.loads(result.stdout)

    def windows(self) -> dict[str, tuple[str, int, int]]:
        """Each window's title: the output it is on, and its size."""
        found: dict[str, tuple[str, int, int]] = {}

        def walk(node: dict, output: str) -> None:
            if node.get("type") == "output":
                output = node["name"]
            if node.get("pid") and node.get("name"):
                found[node["name"]] = (output, node["rect"]["width"], node["rect"]["height"])
            for child in node.get("nodes", []) + node.get("floating_nodes", []):
                walk(child, output)

        walk(self.ipc("-t", "get_tree"), "")
        return found

    def capture(self, output: str, path: Path) -> Path:
        env = {**os.environ, "WAYLAND_DISPLAY": str(self.socket)}
        subprocess.run(["grim", "-o", output, str(path)], env=env, check=True, timeout=30, capture_output=True)
        return path


@contextmanager
def headless_sway(config_text: str) -> Iterator[Sway]:
    binary = require("sway")
    require("grim")
    require("Xwayland")
    runtime_dir = Path(tempfile.mkdtemp(prefix="kiosk-sway-"))
    # Xwayland's display number, for the kiosk; and, when sway runs as nobody, leave to root
    # (the test's kiosk) the X server that on a kiosk its own account owns.
    allow = "xhost +si:localuser:root >/dev/null; " if os.geteuid() == 0 else ""
    config_text += f"\nexec sh -c '{allow}echo $DISPLAY > $XDG_RUNTIME_DIR/display'\n"
    (runtime_dir / "sway.conf").write_text(config_text, encoding="utf-8")
    command = [binary, "-c", str(runtime_dir / "sway.conf")]
    if os.geteuid() == 0:
        shutil.chown(runtime_dir, "nobody")
        shutil.chown(runtime_dir / "sway.conf", "nobody")
        command = ["runuser", "-u", "nobody", "--", *command]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "XDG_RUNTIME_DIR": str(runtime_dir),
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_RENDERER": "pixman",
        "WLR_HEADLESS_OUTPUTS": str(len(OUTPUTS)),
    }
    log = (runtime_dir / "sway.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    sway = Sway(runtime_dir, process)
    try:
        display = runtime_dir / "display"

        def started() -> bool:
            assert process.poll() is None, (runtime_dir / "sway.log").read_text(errors="replace")
            return bool(display.exists() and display.read_text().strip() and list(runtime_dir.glob("sway-ipc.*.sock")))

        poll_until("sway starting Xwayland", started, lambda: "no display or IPC socket", START_GUARD, 0.05)
        yield sway
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()
        shutil.rmtree(runtime_dir, ignore_errors=True)


def colours(path: Path, step: int = 4) -> Counter[str]:
    """How often each colour (``#rrggbb``) occurs on a grid of every ``step``-th pixel."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not an image"
    return Counter(
        image.pixelColor(x, y).name() for y in range(0, image.height(), step) for x in range(0, image.width(), step)
    )


def size(path: Path) -> tuple[int, int]:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    return image.width(), image.height()


def crop(path: Path, region: tuple[int, int, int, int]) -> Path:
    """The ``(x, y, width, height)`` part of an image, written beside it."""
    from PySide6.QtGui import QImage

    x, y, width, height = region
    out = path.with_name(f"{path.stem}-{x}-{y}-{width}x{height}.png")
    assert QImage(str(path)).copy(x, y, width, height).save(str(out))
    return out


def shows_a_slide(path: Path) -> bool:
    """The wall's picture: its black background, and a slide's header band and text on it.

    A capture can fall in a transition, when the slide is faded out: callers capture again.
    """
    found = colours(path)
    content = sum(n for c, n in found.items() if c != "#000000")
    return found.most_common(1)[0][0] == "#000000" and content > 0.1 * sum(found.values())
