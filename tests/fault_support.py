"""Helpers for fault tests of the ``kiosk`` program: running it as a real subprocess, in a
mount namespace of its own when a test needs a read-only or a full disk, and damaging
SQLite files the way a failing disk does (pages overwritten, the header left intact).

Read-only and full disks are real here, not simulated: ``unshare --user --map-root-user
--mount`` gives the kiosk process a private mount namespace without needing root, in
which a bind mount of its state directory is remounted read-only, or a small ``tmpfs``
(a real file system with a real size limit) is mounted over it. The kernel then answers
EROFS and ENOSPC exactly as a read-only or full disk would. Where user namespaces are
not available the tests that need them skip (and say why).
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = 120


def kiosk(
    *args: str,
    umask: int = -1,
    prefix: list[str] | None = None,
    env_extra: dict | None = None,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess:
    """``python -m kiosk ARGS`` (inside ``prefix``, e.g. a namespace), its output captured."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(env_extra or {})
    argv = [*(prefix or []), sys.executable, "-m", "kiosk", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env, umask=umask)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single line on stderr (asserted: one line, no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@functools.cache
def namespaces_work() -> str:
    """'' when unprivileged mount namespaces work here, else why not."""
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True, text=True)
    return "" if probe.returncode == 0 else f"user namespaces are not available: {probe.stderr.strip()}"


def needs_namespaces() -> None:
    reason = namespaces_work()
    if reason:
        pytest.skip(reason)


def read_only(*folders: Path) -> list[str]:
    """A prefix that runs a command with ``folders`` read-only (a bind mount remounted ro)."""
    needs_namespaces()
    mounts = " && ".join(
        f"mount --bind {shlex.quote(str(f))} {shlex.quote(str(f))} && mount -o remount,bind,ro {shlex.quote(str(f))}"
        for f in folders
    )
    return ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", f'{mounts} && exec "$@"', "sh"]


_DRIVER = """
import json, subprocess, sys
results = []
for argv in json.loads(sys.argv[1]):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    results.append([done.returncode, done.stdout, done.stderr])
open(sys.argv[2], "w").write(json.dumps(results))
"""


def on_small_disk(
    folder: Path, size: str, seed: Path | None, commands: list[list[str]], results: Path
) -> list[subprocess.CompletedProcess]:
    """Run ``kiosk`` commands one after the other with a tmpfs of ``size`` mounted over
    ``folder`` (first filled with a copy of ``seed``); their results, in order.

    All of them run in one namespace: the small disk lives as long as it does.
    """
    needs_namespaces()
    target = shlex.quote(str(folder))
    copy = f" && cp -a {shlex.quote(str(seed))}/. {target}/" if seed is not None else ""
    prefix = [
        "unshare",
        "--user",
        "--map-root-user",
        "--mount",
        "sh",
        "-c",
        f'mount -t tmpfs -o size={size},mode=0700 tmpfs {target}{copy} && exec "$@"',
        "sh",
    ]
    argvs = [[sys.executable, "-m", "kiosk", *c] for c in commands]
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    driver = subprocess.run(
        [*prefix, sys.executable, "-c", _DRIVER, json.dumps(argvs), str(results)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT * len(commands),
        env=env,
    )
    assert driver.returncode == 0, driver.stderr
    return [
        subprocess.CompletedProcess(a, rc, out, err)
        for a, (rc, out, err) in zip(argvs, json.loads(results.read_text()), strict=False)
    ]


def damage_pages(path: Path, *, first_page: int = 2) -> None:
    """Overwrite every page from ``first_page`` on with a pattern, leaving the header page intact."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    assert len(data) > page * first_page, f"{path} has too few pages to damage"
    for start in range(page * first_page, len(data), page):
        for i in range(start, min(start + page, len(data)), 7):
            data[i] = 0x5A
    with open(path, "r+b") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def write_config(tmp_path: Path, text: str = "", state: Path | None = None) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'state_dir = "{state or tmp_path / "state"}"\n' + text, encoding="utf-8")
    return path
