"""``kiosk doctor``'s checks of this machine: fonts, Qt's plugins and the libraries they
load, the screens, the state folder, the disk, the databases and the service unit."""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from kiosk import paths
from kiosk.config import Config
from kiosk.doctor.result import Result, run_tool

#: Characters every Chinese screen shows; a font without them draws empty boxes.
CJK_SAMPLE = "党务公开政务办事指南意见反馈"
#: Below this, the cache and the attachments will soon not fit.
MIN_FREE_BYTES = 200 * 1024 * 1024
SERVICE_UNIT = "lobby-kiosk.service"
#: Debian packages for the system libraries Qt's plugins load (the xcb platform, the keyboard).
LIBRARY_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libpulse.so.0": "libpulse0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


# -- fonts and Qt's plugins -------------------------------------------------------------


def check_fonts(config: Config) -> Result:
    if shutil.which("fc-list") is None:
        return Result("fonts", "fail", "fontconfig's fc-list is missing", "apt-get install fontconfig")
    families = _fc_families(":lang=zh")
    if not families:
        return Result(
            "fonts",
            "fail",
            "no font for Chinese is installed: text would show as empty boxes",
            "apt-get install fonts-noto-cjk",
        )
    charset = " ".join(f"{ord(c):x}" for c in dict.fromkeys(CJK_SAMPLE))
    covering = _fc_families(f":lang=zh:charset={charset}")
    if not covering:
        return Result(
            "fonts",
            "fail",
            f"the Chinese fonts ({', '.join(families[:3])}) lack common characters such as {CJK_SAMPLE[:4]}",
            "apt-get install fonts-noto-cjk",
        )
    return Result("fonts", "ok", f"{covering[0]} covers the screens' Chinese ({len(covering)} such families)")


def _fc_families(pattern: str) -> list[str]:
    result = run_tool(["fc-list", pattern, "family"])
    names = {line.split(",")[0].strip() for line in result.stdout.splitlines() if line.strip()}
    return sorted(names)


def _qt_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def _missing_libraries(files: list[Path]) -> list[str]:
    missing: list[str] = []
    for file in files:
        for line in run_tool(["ldd", str(file)]).stdout.splitlines():
            match = re.match(r"\s*(\S+) => not found", line)
            if match and match.group(1) not in missing:
                missing.append(match.group(1))
    return missing


def _library_check(name: str, what: str, files: list[Path]) -> Result:
    absent = [f for f in files if not f.exists()]
    if absent:
        return Result(name, "fail", f"{what}: {absent[0]} is missing", "pip install --force-reinstall PySide6")
    if shutil.which("ldd") is None:
        return Result(
            name, "warn", "ldd is missing: the plugins' system libraries cannot be checked", "apt-get install libc-bin"
        )
    missing = _missing_libraries(files)
    if missing:
        packages = sorted({LIBRARY_PACKAGES.get(lib, "") for lib in missing} - {""})
        fix = f"apt-get install {' '.join(packages)}" if packages else "install the packages providing them"
        return Result(name, "fail", f"{what} cannot load: missing {', '.join(missing)}", fix)
    return Result(name, "ok", f"{what} and its system libraries are present")


def check_platform_plugin(config: Config) -> Result:
    qt = _qt_dir()
    if qt is None:
        return Result("qt-platform", "fail", "PySide6 is not installed", "pip install PySide6")
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("wayland"):  # a kiosk on Qt's wayland platform
        files = [
            qt / "plugins" / "platforms" / "libqwayland.so",
            qt / "lib" / "libQt6WaylandClient.so.6",
            qt / "plugins" / "wayland-shell-integration" / "libxdg-shell.so",
        ]
        return _library_check("qt-platform", "Qt's wayland platform plugin", files)
    files = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]
    return _library_check("qt-platform", "Qt's xcb platform plugin", files)


def check_keyboard_plugin(config: Config) -> Result:
    qt = _qt_dir()
    if qt is None:
        return Result("keyboard", "fail", "PySide6 is not installed", "pip install PySide6")
    files = [
        qt / "plugins" / "platforminputcontexts" / "libqtvirtualkeyboardplugin.so",
        qt / "qml" / "QtQuick" / "VirtualKeyboard" / "Components" / "libqtvkbcomponentsplugin.so",
    ]
    return _library_check("keyboard", "the virtual keyboard (with libpulse)", files)


def check_screens(config: Config) -> Result:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return Result(
            "screens",
            "warn",
            "no display in this session: the screens cannot be compared with the configuration",
            "run kiosk doctor in the kiosk's own session (DISPLAY set)",
        )
    result = run_tool([sys.executable, "-m", "kiosk.qt.probe", "screens"])
    try:
        found = json.loads(result.stdout)["screens"]
    except (ValueError, KeyError, TypeError):
        detail = " ".join(result.stderr.split())[-200:] or f"status {result.returncode}"
        return Result(
            "screens", "fail", f"Qt cannot open the display: {detail}", "check DISPLAY and the qt-platform line above"
        )
    missing = [
        f"{s.role} {s.screen!r}"
        for s in config.screens
        if not (str(s.screen).isdigit() and int(s.screen) < len(found)) and s.screen not in found
    ]
    if missing:
        return Result(
            "screens",
            "fail",
            f"configured screens not present: {', '.join(missing)} (outputs: {', '.join(found)}); "
            "each has no window until its output is connected",
            "connect them, or set each [[screens]] screen to one of the outputs",
        )
    return Result("screens", "ok", f"{len(config.screens)} configured, outputs: {', '.join(found)}")


# -- this machine's disk and state -------------------------------------------------------


def check_state_dir(config: Config) -> Result:
    """The kiosk's own first step: create the folder (owner-only) and write a file in it."""
    fix = "set state_dir in the configuration to a writable folder"
    try:
        paths.private_dir(config.state_dir)
        # A folder can exist where no file can be written (a read-only mount): try a file.
        with tempfile.TemporaryFile(dir=config.state_dir, prefix=".doctor-"):
            pass
    except OSError as exc:
        reasons: dict[int | None, str] = {
            errno.EROFS: "is on a read-only file system",
            errno.ENOSPC: "is on a full disk",
            errno.EACCES: "is not writable by this user",
            errno.EPERM: "is not writable by this user",
            errno.ENOTDIR: "is not a folder (a file is in the way)",
            errno.EEXIST: "is not a folder (a file is in the way)",
        }
        reason = reasons.get(exc.errno, f"cannot be used ({exc.strerror or exc})")
        if exc.errno == errno.ENOSPC:
            fix = "free some space"
        return Result("state-dir", "fail", f"the state directory {config.state_dir} {reason}", fix)
    return Result("state-dir", "ok", f"{config.state_dir} is writable")


def check_disk(config: Config) -> Result:
    where = config.state_dir
    while not where.exists() and where != where.parent:
        where = where.parent
    free = shutil.disk_usage(where).free
    if free < MIN_FREE_BYTES:
        return Result(
            "disk",
            "fail",
            f"{free // (1024 * 1024)} MB free where the state directory is "
            f"(needs {MIN_FREE_BYTES // (1024 * 1024)} MB)",
            "free some space (old logs, other files) or move state_dir to a larger disk",
        )
    return Result("disk", "ok", f"{free // (1024 * 1024)} MB free")


def check_database(name: str, path: Path, fix: str) -> Result:
    if not path.exists():
        return Result(name, "ok", f"{path.name} not created yet")
    try:
        # Read-only: the doctor must not change (or create) what it examines.
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5) as db:
            answer = [row[0] for row in db.execute("PRAGMA quick_check")]
        db.close()
    except sqlite3.Error as exc:
        return Result(name, "fail", f"{path} cannot be read: {exc}", fix)
    if answer != ["ok"]:
        return Result(name, "fail", f"{path} is damaged: {answer[0]}", fix)
    return Result(name, "ok", f"{path.name} passes SQLite's quick_check")


#: What ``systemctl is-system-running`` says where no systemd manages the machine.
_NO_SYSTEMD = ("offline", "unknown", "")


def check_service(config: Config) -> Result:
    # Asked of systemctl itself (rather than looking for /run/systemd/system): the one tool
    # the check depends on answers both questions.
    running = run_tool(["systemctl", "is-system-running"]).stdout.strip() if shutil.which("systemctl") else ""
    if running in _NO_SYSTEMD:
        return Result(
            "service",
            "warn",
            "systemd is not running here: the service unit cannot be checked",
            "on the kiosk machine, kiosk install-service",
        )
    result = run_tool(["systemctl", "is-enabled", SERVICE_UNIT])
    state = result.stdout.strip() or "not installed"
    if state != "enabled":
        return Result("service", "fail", f"{SERVICE_UNIT} is {state}", "kiosk install-service (as root)")
    return Result("service", "ok", f"{SERVICE_UNIT} is installed and enabled")
