"""The sd_notify protocol and the service unit (kiosk.service), on real sockets."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from kiosk import service


@pytest.fixture
def listener(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify.sock"))
    sock.settimeout(5)
    yield sock
    sock.close()


def test_ready_and_ping_are_datagrams_on_the_notify_socket(tmp_path, listener, monkeypatch):
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify.sock"))
    notifier = service.Notifier()
    assert notifier.ready() and notifier.ping()
    assert listener.recv(4096).split(b"\n") == [b"READY=1", f"MAINPID={os.getpid()}".encode()]
    assert listener.recv(4096) == b"WATCHDOG=1"
    notifier.close()


def test_an_address_starting_with_at_is_in_the_abstract_namespace():
    name = f"kiosk-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(b"\0" + name.encode())
    sock.settimeout(5)
    try:
        notifier = service.Notifier("@" + name)
        assert notifier.ping()
        assert sock.recv(4096) == b"WATCHDOG=1"
        notifier.close()
    finally:
        sock.close()


def test_outside_a_service_nothing_is_sent_and_nothing_raises(monkeypatch, tmp_path):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert not service.Notifier().ping()
    # A manager that went away: the send fails quietly, the kiosk keeps running.
    gone = service.Notifier(str(tmp_path / "gone.sock"))
    assert not gone.ready()
    gone.close()


@pytest.mark.parametrize(
    ("usec", "pid", "expected"),
    [
        ("2000000", None, 1.0),
        ("2000000", "self", 1.0),
        ("2000000", "1", None),
        ("0", None, None),
        ("", None, None),
        ("x", None, None),
    ],
)
def test_watchdog_interval_is_half_of_watchdog_usec_for_this_process(monkeypatch, usec, pid, expected):
    monkeypatch.setenv("WATCHDOG_USEC", usec)
    if pid is None:
        monkeypatch.delenv("WATCHDOG_PID", raising=False)
    else:
        monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()) if pid == "self" else pid)
    assert service.watchdog_interval() == expected


def test_the_unit_is_a_notify_service_with_a_watchdog_and_restarts():
    text = service.render_unit("kiosk", Path("/etc/lobby-kiosk/kiosk.toml"), executable=None)
    lines = set(text.splitlines())
    for wanted in ("Type=notify", "Restart=always", "User=kiosk", "NotifyAccess=main"):
        assert wanted in lines
    assert any(line.startswith("WatchdogSec=") for line in lines)
    assert any(line.startswith("StartLimitBurst=") for line in lines)
    exec_start = next(line for line in lines if line.startswith("ExecStart="))
    assert exec_start.endswith("--config /etc/lobby-kiosk/kiosk.toml run")
    assert "@" not in text.replace("@USER@", "")  # every placeholder filled
