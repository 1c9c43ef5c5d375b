"""A real X server (Xvfb) for a test, on a display number it picks itself."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def xvfb_server(size: str = "1920x1080") -> Iterator[tuple[subprocess.Popen, str]]:
    """The running server and its display (``":N"``); stopped afterwards unless already dead."""
    binary = shutil.which("Xvfb")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is missing: .ci/setup must install xvfb")
        pytest.skip("Xvfb not installed (bash .ci/setup installs it)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [binary, "-displayfd", str(write_fd), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not report a display number"
        yield server, f":{number}"
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
