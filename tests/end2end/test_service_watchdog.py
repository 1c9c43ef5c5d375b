"""The watchdog restarts a frozen kiosk: the real program under a stand-in for systemd.

The stand-in (tests/end2end/supervisor.py) is used because systemd is not PID 1 here.
Each round waits for READY=1 and a few WATCHDOG=1 pings (a kiosk that works is not
killed), freezes it — the whole process with SIGSTOP, or only its UI thread — and expects
the supervisor to miss the ping, kill it, and see the new process ready.
"""

from __future__ import annotations

import sys
import time

import pytest
from e2e_support import kiosk_env
from supervisor import FREEZABLE_KIOSK, Supervisor, freeze

pytestmark = pytest.mark.e2e

WATCHDOG_SEC = 1.0
#: The suite freezes the kiosk 4 times (both ways, twice); the 20 rounds of the service's
#: promise take about three minutes here and run on demand: pytest -m soak.
ROUNDS = [4, pytest.param(20, marks=pytest.mark.soak)]
#: Generous: start-up on a loaded two-core machine, plus the watchdog and the kill grace.
RESTART_GUARD = 45.0


@pytest.fixture
def supervisor(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path / "state"}"\n', encoding="utf-8")
    command = [sys.executable, "-c", FREEZABLE_KIOSK, "--config", str(config), "run", "--offscreen"]
    sup = Supervisor(command, kiosk_env(), tmp_path / "notify.sock", tmp_path / "kiosk.log", watchdog_sec=WATCHDOG_SEC)
    sup.start()
    yield sup
    sup.close()


@pytest.mark.parametrize("rounds", ROUNDS)
def test_a_frozen_kiosk_is_restarted_every_time(supervisor, rounds):
    restarts = []  # seconds from a freeze to the new process's READY=1
    frozen_at = None
    for round_ in range(rounds + 1):
        ready = supervisor.wait_for("ready", timeout=RESTART_GUARD)
        if frozen_at is not None:
            restarts.append(ready.at - frozen_at)
        if round_ == rounds:
            break
        supervisor.wait_for("ping", count=2, timeout=10 * WATCHDOG_SEC)  # a working kiosk is left alone
        frozen = supervisor.process.pid
        frozen_at = time.monotonic()
        freeze(frozen, "stop" if round_ % 2 else "ui-thread")
        kill = supervisor.wait_for_kill(frozen, timeout=RESTART_GUARD)
        assert kill.kind == "watchdog-kill", f"round {round_}: {supervisor.events[-6:]}"
        assert supervisor.process.pid != frozen
    kills = [e for e in supervisor.events if e.kind == "watchdog-kill"]
    exits = [e for e in supervisor.events if e.kind == "exited"]
    assert len(kills) == rounds and not exits, supervisor.events
    print(
        f"freeze to READY of the new process: max {max(restarts):.1f} s, "
        f"mean {sum(restarts) / len(restarts):.1f} s over {len(restarts)} rounds"
    )  # for the record (-s)
