"""``kiosk doctor``: can this machine run the kiosk? One line per check, and how to mend it.

Each check returns a :class:`Result`: ``ok``, ``warn`` (cannot be checked from here, or
worth a look; does not fail the run) or ``fail`` (the kiosk will not work as it should).
The exit status is 1 when any check failed. Nothing here imports Qt: what only Qt can tell
(the screens it sees) comes from a probe run as a subprocess (kiosk.qt.probe).
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import errno
import hashlib
import importlib.util
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import feed, paths, signing
from kiosk.config import Config

if TYPE_CHECKING:
    # For the annotations only: the checks import it when a store is configured.
    import requests

#: Characters every Chinese screen shows; a font without them draws empty boxes.
CJK_SAMPLE = "党务公开政务办事指南意见反馈"
#: Below this, the cache and the attachments will soon not fit.
MIN_FREE_BYTES = 200 * 1024 * 1024
#: Feed windows and expiry are judged by the kiosk's clock: beyond this, items show late or early.
MAX_CLOCK_SKEW = 60.0
#: Seconds each outside program or request may take.
PROBE_TIMEOUT = 20.0
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


@dataclass(frozen=True)
class Result:
    name: str
    status: str  # "ok", "warn", "fail"
    message: str
    fix: str = ""

    def line(self) -> str:
        text = f"{self.status.upper():<4} {self.name}: {self.message}"
        return f"{text}; to mend: {self.fix}" if self.fix and self.status != "ok" else text


def _run(command: list[str], env: dict[str, Any] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=PROBE_TIMEOUT, env=env)


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
    result = _run(["fc-list", pattern, "family"])
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
        for line in _run(["ldd", str(file)]).stdout.splitlines():
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
    result = _run([sys.executable, "-m", "kiosk.qt.probe", "screens"])
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


# -- the store ---------------------------------------------------------------------------


def check_store(config: Config) -> list[Result]:
    """Reachable, the clock against its Date header, the device token, the pinned store key."""
    if not config.uses_store:
        return [Result("store", "ok", "no store configured: the kiosk shows the bundled demo pack")]
    import requests  # only when a store is configured

    url = config.store.url.rstrip("/")
    session = requests.Session()
    session.trust_env = True
    try:
        sent = time.time()
        health = session.get(url + "/v1/health", timeout=min(config.store.timeout, PROBE_TIMEOUT))
        received = time.time()
    except requests.RequestException as exc:
        return [
            Result(
                "store", "fail", f"cannot reach {url}: {_short(exc)}", "check the network, the proxy and [store] url"
            )
        ]
    if health.status_code != 200:
        return [Result("store", "fail", f"{url}/v1/health answered {health.status_code}", "check [store] url")]
    results = [Result("store", "ok", f"{url} answers")]
    results.append(_clock_result(health.headers.get("Date"), (sent + received) / 2))
    results.extend(_token_result(session, url, health, config))
    session.close()
    return results


def _clock_result(date_header: str | None, local: float) -> Result:
    try:
        remote = email.utils.parsedate_to_datetime(date_header).timestamp() if date_header else None
    except (TypeError, ValueError):
        remote = None
    if remote is None:
        return Result("clock", "warn", "the store sent no usable Date header: the clock cannot be compared")
    skew = local - remote
    # The header has whole seconds: a skew under the bound plus one second is no skew.
    if abs(skew) > MAX_CLOCK_SKEW + 1:
        way = "ahead of" if skew > 0 else "behind"
        return Result(
            "clock",
            "fail",
            f"this clock is {abs(skew):.0f} s {way} the store's (items would appear and expire at the wrong time)",
            "enable time sync: timedatectl set-ntp true (systemd-timesyncd or chrony)",
        )
    return Result("clock", "ok", f"within {MAX_CLOCK_SKEW:.0f} s of the store's ({skew:+.0f} s)")


def _token_result(session: requests.Session, url: str, health: requests.Response, config: Config) -> list[Result]:
    """The device token accepted, and the feed signed by the store key pinned in [store]."""
    import requests

    if not config.store.device_token:
        return [
            Result(
                "token",
                "fail",
                "no device token configured",
                "kiosk-store device enroll NAME on the store, then paste [store] device_token",
            )
        ]
    try:
        answer = session.get(
            url + "/v1/feed/snapshot",
            timeout=min(config.store.timeout, PROBE_TIMEOUT),
            headers={"Authorization": f"Bearer {config.store.device_token}"},
            stream=True,
        )
        # At most one byte more than a feed may have: a hostile answer costs bounded memory.
        body = answer.raw.read(feed.MAX_FEED_BYTES + 1, decode_content=True) if answer.status_code == 200 else b""
        answer.close()
    except requests.RequestException as exc:
        return [Result("token", "fail", f"the token check failed: {_short(exc)}", "check the network")]
    if answer.status_code in (401, 403):
        return [
            Result(
                "token",
                "fail",
                f"the store refused this kiosk's device token ({answer.status_code})",
                "enroll the kiosk again (kiosk-store device enroll NAME) and paste the new token",
            )
        ]
    if answer.status_code != 200:
        return [
            Result(
                "token",
                "fail",
                f"the store answered {answer.status_code} to the token check",
                "look at the store's log",
            )
        ]
    accepted = Result("token", "ok", "the store accepts this kiosk's device token")
    if config.store.root_version > 0:  # protocol v2: trust is rooted in the pinned root, not a key
        return [accepted, _root_result(session, url, config)]
    return [accepted, _trust_result(body, config)]


def _root_result(session: requests.Session, url: str, config: Config) -> Result:
    """The store's root of the pinned version is the one this kiosk was enrolled with (its sha256)."""
    import requests

    from kiosk.sync.tuf_client import METADATA_LIMIT as ROOT_LIMIT  # the sync's own bound on metadata

    version = config.store.root_version
    try:
        answer = session.get(
            f"{url}/v2/metadata/{version}.root.json",
            timeout=min(config.store.timeout, PROBE_TIMEOUT),
            headers={"Authorization": f"Bearer {config.store.device_token}"},
            stream=True,
        )
        body = answer.raw.read(ROOT_LIMIT + 1, decode_content=True) if answer.status_code == 200 else b""
        answer.close()
    except requests.RequestException as exc:
        return Result("trust", "fail", f"the root check failed: {_short(exc)}", "check the network")
    if answer.status_code != 200:
        return Result(
            "trust",
            "fail",
            f"the store has no root version {version} ({answer.status_code})",
            "check [store] url and root_version against the store's enrolment",
        )
    if len(body) > ROOT_LIMIT or hashlib.sha256(body).hexdigest() != config.store.root_sha256:
        return Result(
            "trust",
            "fail",
            f"the store's root version {version} is not the root this kiosk was enrolled with (sha256 differs)",
            "enrol the kiosk again (kiosk-store device enroll NAME) and paste [store] root_version and root_sha256; "
            "if they are the office's, [store] url points at another server",
        )
    return Result("trust", "ok", f"the store's root version {version} is the pinned root")


def _trust_result(envelope: bytes, config: Config) -> Result:
    fix = (
        "paste the store's public key into [store] store_key (kiosk-store device enroll prints it); "
        "if it is already the store's, [store] url points at another server"
    )
    try:
        outer = json.loads(envelope)
        payload = base64.b64decode(outer["payload"], validate=True)
        signature = str(outer["signature"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        return Result("trust", "fail", "the store's feed is not a signed envelope", "check [store] url")
    if not signing.verify(config.store.store_key, payload, signature):
        return Result("trust", "fail", "the store's feed is not signed by the pinned store key", fix)
    return Result("trust", "ok", "the feed is signed by the pinned store key")


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:160] + "…"


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
    running = _run(["systemctl", "is-system-running"]).stdout.strip() if shutil.which("systemctl") else ""
    if running in _NO_SYSTEMD:
        return Result(
            "service",
            "warn",
            "systemd is not running here: the service unit cannot be checked",
            "on the kiosk machine, kiosk install-service",
        )
    result = _run(["systemctl", "is-enabled", SERVICE_UNIT])
    state = result.stdout.strip() or "not installed"
    if state != "enabled":
        return Result("service", "fail", f"{SERVICE_UNIT} is {state}", "kiosk install-service (as root)")
    return Result("service", "ok", f"{SERVICE_UNIT} is installed and enabled")


CHECKS: dict[str, Callable[[Config], Result | list[Result]]] = {
    "fonts": check_fonts,
    "qt-platform": check_platform_plugin,
    "keyboard": check_keyboard_plugin,
    "screens": check_screens,
    "store": check_store,
    "disk": check_disk,
    "state-dir": check_state_dir,
    "cache": lambda c: check_database("cache", c.cache_file, "delete it: the kiosk rebuilds the cache from the store"),
    "outbox": lambda c: check_database(
        "outbox",
        c.outbox_file,
        "move it aside and keep it: it holds feedback not yet uploaded; the kiosk starts a new one",
    ),
    "service": check_service,
}


def run(config: Config, skip: Sequence[str] = ()) -> list[Result]:
    results: list[Result] = []
    for name, check in CHECKS.items():
        if name in skip:
            continue
        try:
            outcome = check(config)
        except Exception as exc:  # a check that breaks is one line, never a traceback
            outcome = Result(
                name, "fail", f"the check itself failed: {_short(exc)}", "report this line to the kiosk's maintainers"
            )
        results.extend(outcome if isinstance(outcome, list) else [outcome])
    return results


def main(config: Config, skip: Sequence[str] = ()) -> int:
    unknown = sorted(set(skip) - set(CHECKS))
    if unknown:
        print(f"kiosk doctor: unknown check {unknown[0]!r} (checks: {', '.join(CHECKS)})", file=sys.stderr)
        return 2
    results = run(config, skip)
    for result in results:
        print(result.line(), flush=True)
    failed = [r.name for r in results if r.status == "fail"]
    print(f"kiosk doctor: {len(failed)} failed" + (f" ({', '.join(failed)})" if failed else ""))
    return 1 if failed else 0
