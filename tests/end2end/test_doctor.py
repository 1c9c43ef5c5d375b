"""``kiosk doctor`` as an administrator runs it: each broken part fails with its own line.

On a machine set up by .ci/setup every check passes except two that cannot pass in a
test session and are warnings by design: ``screens`` (no display in the session: run the
doctor in the kiosk's own session; compared under Xvfb below) and ``service`` (systemd is
not PID 1 here; a stand-in ``systemctl`` plays a machine run by systemd below).

A missing plugin library is simulated with a stand-in ``ldd`` first on PATH that reports
one library "not found" (libxcb-cursor for the xcb plugin, libpulse for the keyboard's
components): LD_LIBRARY_PATH cannot hide a library the system has, and the shared plugin
folder must not be touched. The rest is real: an empty fontconfig configuration, a
loopback store whose Date header is an hour off and whose feed is signed by a key the
configuration may or may not pin, the real store with an enrolled kiosk, a full and a
read-only tmpfs mounted for the test, a damaged SQLite file.
"""

from __future__ import annotations

import base64
import os
import re
import stat
import subprocess
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from e2e_support import assert_clean_stderr, kiosk_env
from store_support import StoreCommand
from xvfb_support import xvfb_server

from kiosk import signing

pytestmark = pytest.mark.e2e


def doctor(config: Path, *args: str, env_extra=None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "doctor", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=kiosk_env(env_extra),
    )
    assert_clean_stderr(result.stderr)
    return result


def lines(result) -> dict[str, str]:
    """Each check's line by its name (``FAIL fonts: ...`` → ``{"fonts": "FAIL fonts: ..."}``)."""
    found = {}
    for line in result.stdout.splitlines()[:-1]:
        status, rest = line.split(None, 1)
        found[rest.split(":", 1)[0]] = line
    return found


def write_config(tmp_path: Path, text: str = "", state_dir: Path | None = None) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'state_dir = "{state_dir or tmp_path / "state"}"\n' + text, encoding="utf-8")
    return path


def no_display() -> dict:
    return {"DISPLAY": "", "WAYLAND_DISPLAY": ""}


def test_doctor_passes_on_a_machine_set_up_for_the_kiosk(tmp_path):
    result = doctor(write_config(tmp_path), env_extra=no_display())
    assert result.returncode == 0, result.stdout
    found = lines(result)
    assert set(found) >= {
        "fonts",
        "qt-platform",
        "keyboard",
        "screens",
        "store",
        "disk",
        "state-dir",
        "cache",
        "outbox",
        "service",
    }
    warned = {name for name, line in found.items() if not line.startswith("OK ")}
    assert warned <= {"screens", "service"}, result.stdout
    assert all(found[name].startswith("WARN") for name in warned)
    assert result.stdout.splitlines()[-1] == "kiosk doctor: 0 failed"


def test_a_machine_without_chinese_fonts_fails_the_font_check(tmp_path):
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>\n')
    result = doctor(
        write_config(tmp_path),
        "--skip",
        "screens",
        env_extra={"FONTCONFIG_FILE": empty, "XDG_CACHE_HOME": tmp_path / "cache"},
    )
    assert result.returncode == 1
    found = lines(result)
    assert found["fonts"].startswith("FAIL fonts: no font for Chinese")
    assert "to mend: apt-get install fonts-noto-cjk" in found["fonts"]
    assert [n for n, line in found.items() if line.startswith("FAIL")] == ["fonts"]


@pytest.mark.parametrize(
    ("plugin", "library", "check", "expected"),
    [
        (
            "libqwayland.so",
            "libwayland-cursor.so.0",
            "qt-platform",
            "FAIL qt-platform: Qt's wayland platform plugin cannot load: missing libwayland-cursor.so.0; "
            "to mend: apt-get install libwayland-cursor0",
        ),
        (
            "libqxcb.so",
            "libxcb-cursor.so.0",
            "qt-platform",
            "FAIL qt-platform: Qt's xcb platform plugin cannot load: missing libxcb-cursor.so.0; "
            "to mend: apt-get install libxcb-cursor0",
        ),
        (
            "libqtvkbcomponentsplugin.so",
            "libpulse.so.0",
            "keyboard",
            "FAIL keyboard: the virtual keyboard (with libpulse) cannot load: missing libpulse.so.0; "
            "to mend: apt-get install libpulse0",
        ),
    ],
)
def test_a_missing_system_library_of_a_plugin_fails_with_its_package(tmp_path, plugin, library, check, expected):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "ldd"  # the real ldd, except that one library of one plugin is "not found"
    fake.write_text(
        f'#!/bin/sh\ncase "$1" in *{plugin}) /usr/bin/ldd "$1" | grep -v {library};'
        f' echo "\t{library} => not found";; *) exec /usr/bin/ldd "$@";; esac\n'
    )
    fake.chmod(stat.S_IRWXU)
    # A kiosk on Qt's wayland platform (QT_QPA_PLATFORM=wayland): that plugin is checked.
    platform = {"QT_QPA_PLATFORM": "wayland"} if "wayland" in plugin else {}
    path = {"PATH": f"{bin_dir}:{os.environ['PATH']}"}
    result = doctor(write_config(tmp_path), env_extra={**no_display(), **path, **platform})
    assert result.returncode == 1
    found = lines(result)
    assert found[check] == expected
    assert [n for n, line in found.items() if line.startswith("FAIL")] == [check]


STORE_KEY = signing.generate()
#: The store's protocol-v2 root of version 1: the doctor compares its sha256, not its contents.
ROOT = b'{"signed": {"_type": "root", "version": 1}, "signatures": []}'


def _envelope(key) -> bytes:
    payload = b'{"kind": "snapshot"}'  # the doctor checks the signature, not the feed's contents
    return signing.canonical_json(
        {"payload": base64.b64encode(payload).decode(), "signature": signing.sign(key, payload)}
    )


class _Store(BaseHTTPRequestHandler):
    """A store on loopback: its Date header off by ``skew`` seconds, its feed signed by STORE_KEY."""

    skew = 0.0
    token = "good-token"

    def date_time_string(self, timestamp=None):  # the Date header of every answer
        return formatdate(time.time() + self.skew, usegmt=True)

    def do_GET(self):
        if self.path == "/v2/metadata/1.root.json":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(ROOT)))
            self.end_headers()
            self.wfile.write(ROOT)
        elif self.path == "/v1/health":
            body = b'{"version": 3}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.headers.get("Authorization") != f"Bearer {self.token}":
            self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            body = _envelope(STORE_KEY)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def store():
    def serve(skew: float):
        handler = type("Handler", (_Store,), {"skew": skew})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    servers = []
    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def store_table(url: str, token: str = "good-token", key: str | None = None) -> str:
    key = key or signing.public_text(STORE_KEY)
    return f'[store]\nurl = "{url}"\nstore_key = "{key}"\napprover_keys = ["{key}"]\ndevice_token = "{token}"\n'


def test_a_clock_an_hour_off_the_stores_fails_the_clock_check(tmp_path, store):
    result = doctor(write_config(tmp_path, store_table(store(skew=3600))), env_extra=no_display())
    assert result.returncode == 1
    found = lines(result)
    assert found["store"].startswith("OK ") and found["token"].startswith("OK ") and found["trust"].startswith("OK ")
    # The store's Date header has whole seconds and the request takes a moment: about an hour.
    skew = re.match(r"FAIL clock: this clock is (\d+) s behind the store's", found["clock"])
    assert skew and 3590 <= int(skew.group(1)) <= 3610, found["clock"]
    assert "timedatectl set-ntp true" in found["clock"]


def test_an_agreeing_clock_and_a_refused_token(tmp_path, store):
    result = doctor(write_config(tmp_path, store_table(store(skew=0), token="stale")), env_extra=no_display())
    assert result.returncode == 1
    found = lines(result)
    assert found["clock"].startswith("OK ")
    assert found["token"].startswith("FAIL token: the store refused this kiosk's device token (401)")


def test_a_store_key_that_is_not_the_stores_fails_the_trust_check(tmp_path, store):
    other = signing.public_text(signing.generate())
    result = doctor(write_config(tmp_path, store_table(store(skew=0), key=other)), env_extra=no_display())
    assert result.returncode == 1
    found = lines(result)
    assert found["token"].startswith("OK ")
    assert found["trust"].startswith("FAIL trust: the store's feed is not signed by the pinned store key")
    assert [n for n, line in found.items() if line.startswith("FAIL")] == ["trust"]


def test_an_unreachable_store_fails_the_store_check(tmp_path, store):
    url = store(skew=0)
    result = doctor(write_config(tmp_path, store_table(url.rsplit(":", 1)[0] + ":9")), env_extra=no_display())
    assert result.returncode == 1
    assert lines(result)["store"].startswith("FAIL store: cannot reach http://127.0.0.1:9")


@pytest.fixture
def mount(tmp_path):
    """A tmpfs of its own for the test (root only: skipped elsewhere)."""
    mounted = []

    def make(options: str) -> Path:
        target = tmp_path / f"mnt{len(mounted)}"
        target.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(target)
        return target

    yield make
    for target in reversed(mounted):
        subprocess.run(["umount", str(target)], check=True)


def test_a_full_disk_fails_the_disk_check(tmp_path, mount):
    small = mount("size=1m")
    (small / "state").mkdir()
    (small / "filler").write_bytes(b"\0" * 900_000)
    result = doctor(write_config(tmp_path, state_dir=small / "state"), env_extra=no_display())
    assert result.returncode == 1
    found = lines(result)
    assert found["disk"].startswith("FAIL disk: 0 MB free where the state directory is")
    assert [n for n, line in found.items() if line.startswith("FAIL")] == ["disk"]


def test_a_read_only_state_directory_fails_the_state_dir_check(tmp_path, mount):
    read_only = mount("ro,size=300m")
    result = doctor(write_config(tmp_path, state_dir=read_only), env_extra=no_display())
    assert result.returncode == 1
    found = lines(result)
    assert found["state-dir"].startswith(f"FAIL state-dir: the state directory {read_only} is on a read-only")
    assert [n for n, line in found.items() if line.startswith("FAIL")] == ["state-dir"]


def test_a_damaged_cache_fails_the_cache_check_and_is_left_as_it_was(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    damaged = b"SQLite format 3\0" + b"\xff" * 4096
    (state / "cache.sqlite3").write_bytes(damaged)
    result = doctor(write_config(tmp_path), env_extra=no_display())
    assert result.returncode == 1
    found = lines(result)
    assert found["cache"].startswith("FAIL cache:")
    assert "the kiosk rebuilds the cache" in found["cache"]
    assert found["outbox"].startswith("OK ")
    assert (state / "cache.sqlite3").read_bytes() == damaged


@pytest.fixture
def x_display():
    with xvfb_server() as (_, display):
        yield display


def test_the_screens_are_compared_with_the_configuration_on_a_real_x_server(tmp_path, x_display):
    env = {"DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"}
    two = doctor(
        write_config(
            tmp_path, '[[screens]]\nrole = "touch"\nscreen = 0\n[[screens]]\nrole = "signage"\nscreen = "HDMI-2"\n'
        ),
        env_extra=env,
    )
    assert lines(two)["screens"].startswith("FAIL screens: configured screens not present: signage 'HDMI-2' (outputs: ")
    one = doctor(write_config(tmp_path, '[[screens]]\nrole = "touch"\nscreen = 0\n'), env_extra=env)
    assert lines(one)["screens"].startswith("OK   screens: 1 configured")


def test_against_the_real_store_an_enrolled_kiosk_passes_the_store_checks(tmp_path):
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", None)  # SQLite: the checks do not depend on it
    cmd.out("init")
    cmd.add_people(("dan", "admin"))
    with cmd.serve() as base:
        table = cmd.out("device", "enroll", "lobby-1", "--url", base, "--as", "dan")
        result = doctor(write_config(tmp_path, table + "\n"), env_extra=no_display())
    found = lines(result)
    assert result.returncode == 0, result.stdout
    for name in ("store", "clock", "token", "trust"):
        assert found[name].startswith("OK "), found[name]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("", "FAIL service: lobby-kiosk.service is not installed; to mend: kiosk install-service (as root)"),
        ("disabled", "FAIL service: lobby-kiosk.service is disabled; to mend: kiosk install-service (as root)"),
        ("enabled", "OK   service: lobby-kiosk.service is installed and enabled"),
    ],
)
def test_the_service_check_tells_a_unit_not_installed_or_not_enabled(tmp_path, answer, expected):
    """A machine run by systemd, played by a stand-in systemctl first on PATH (systemd is not PID 1 here)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "systemctl"  # `is-enabled` answers like systemctl 252 for a unit missing, disabled, enabled
    status = 0 if answer == "enabled" else 1
    missing = 'echo "Failed to get unit file state for $2: No such file or directory" >&2'
    fake.write_text(
        '#!/bin/sh\ncase "$1" in is-system-running) echo running;; '
        f"is-enabled) {f'echo {answer}' if answer else missing}; exit {status};; *) exit 1;; esac\n"
    )
    fake.chmod(stat.S_IRWXU)
    result = doctor(write_config(tmp_path), env_extra={**no_display(), "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    found = lines(result)
    assert found["service"] == expected
    assert result.returncode == (0 if answer == "enabled" else 1)
    assert [n for n, line in found.items() if line.startswith("FAIL")] == ([] if answer == "enabled" else ["service"])


@pytest.mark.parametrize("pinned", ["the-stores", "another"])
def test_a_pinned_root_that_is_not_the_stores_fails_the_trust_check(tmp_path, store, pinned):
    import hashlib

    root = ROOT if pinned == "the-stores" else ROOT.replace(b"root", b"r00t")
    extra = f'root_version = 1\nroot_sha256 = "{hashlib.sha256(root).hexdigest()}"\n'
    result = doctor(write_config(tmp_path, store_table(store(skew=0)) + extra), env_extra=no_display())
    found = lines(result)
    if pinned == "the-stores":
        assert found["trust"] == "OK   trust: the store's root version 1 is the pinned root"
        assert result.returncode == 0
    else:
        assert found["trust"].startswith(
            "FAIL trust: the store's root version 1 is not the root this kiosk was enrolled with (sha256 differs); "
            "to mend: enrol the kiosk again"
        )
        assert result.returncode == 1
        assert [n for n, line in found.items() if line.startswith("FAIL")] == ["trust"]
