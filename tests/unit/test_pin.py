"""The administrator's PIN: an Argon2 hash at rest, never in a log, and the lockout guard."""

from __future__ import annotations

import io
import logging
import stat

import pytest
from support import NOW

from kiosk import cli
from kiosk.clock import FakeClock
from kiosk.pin import PinError, PinGuard, PinStore

PIN = "73915604"


def test_pin_at_rest_is_an_argon2_hash_owner_only(tmp_path):
    store = PinStore(tmp_path)
    store.set(PIN)
    stored = store.path.read_text()
    assert stored.startswith("$argon2id$")
    assert PIN not in stored
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.verify(PIN)
    assert not store.verify("73915605")
    assert not store.verify("")


def test_no_pin_set_opens_nothing(tmp_path):
    store = PinStore(tmp_path)
    assert not store.is_set()
    assert not store.verify(PIN)
    store.path.write_text("not a hash\n")
    assert not store.verify(PIN)


@pytest.mark.parametrize("bad", ["123", "12345678901234", "12a4", " 1234", "１２３４"])
def test_a_pin_is_four_to_twelve_ascii_digits(tmp_path, bad):
    with pytest.raises(PinError):
        PinStore(tmp_path).set(bad)


def test_guard_locks_after_the_attempts_for_the_lockout():
    clock = FakeClock(NOW)
    guard = PinGuard(clock, attempts=5, lockout=300)
    for _ in range(4):
        guard.failed()
        assert not guard.locked()
    guard.failed()
    assert guard.locked()
    assert guard.seconds_left() == 300
    clock.advance(299)
    assert guard.locked()
    clock.advance(1)
    assert not guard.locked()
    guard.failed()  # the count starts again after a lockout
    assert not guard.locked()


def test_set_pin_reads_stdin_twice_and_logs_no_pin(tmp_path, monkeypatch, caplog, capsys):
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path / "state"}"\n')
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n{PIN}\n"))
    with caplog.at_level(logging.DEBUG):
        assert cli.main(["--config", str(config), "-v", "set-pin"]) == 0
    assert PinStore(tmp_path / "state").verify(PIN)
    out, err = capsys.readouterr()
    logged = [caplog.text, out, err] + [p.read_text() for p in (tmp_path / "state" / "logs").rglob("*") if p.is_file()]
    assert "admin PIN set" in caplog.text
    assert not any(PIN in text for text in logged)


def test_set_pin_refuses_two_different_pins(tmp_path, monkeypatch, capsys):
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path / "state"}"\n')
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n12345\n"))
    assert cli.main(["--config", str(config), "set-pin"]) == 2
    assert "differ" in capsys.readouterr().err
    assert not PinStore(tmp_path / "state").is_set()
