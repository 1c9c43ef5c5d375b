"""A visitor's typing stays in the state directory and leaves with the visitor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from e2e_support import assert_clean_stderr, kiosk_env
from qt_support import PINYIN_CANDIDATES_CLEARED

pytestmark = pytest.mark.e2e

SESSION = Path(__file__).resolve().parent / "keyboard_session.py"


def test_typing_writes_nothing_outside_state_dir_and_the_idle_reset_forgets_it(tmp_path):
    state = tmp_path / "state"
    personal = {name: tmp_path / name for name in ("home", "config", "data", "cache", "runtime")}
    for folder in personal.values():
        folder.mkdir(mode=0o700)
    env = kiosk_env(
        {
            "HOME": personal["home"],
            "XDG_CONFIG_HOME": personal["config"],
            "XDG_DATA_HOME": personal["data"],
            "XDG_CACHE_HOME": personal["cache"],
            "XDG_RUNTIME_DIR": personal["runtime"],
        }
    )
    result = subprocess.run(
        [sys.executable, str(SESSION), str(state)], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    # The reset clears the keyboard's candidates: its own list's warning, and only that.
    assert_clean_stderr(result.stderr, allow=[PINYIN_CANDIDATES_CLEARED])
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["typed"] == "十堰时延"
    # The keyboard kept its dictionary in the state directory, and the reset emptied it:
    # what is left is the empty dictionary the next visitor's decoder starts from.
    assert any(entry.startswith("qtvirtualkeyboard/pinyin/usr_dict.dat ") for entry in report["before_reset"])
    assert report["after_reset"] == ["qtvirtualkeyboard/pinyin/usr_dict.dat (0 B)"]
    # Nothing was learnt: the next visitor is offered what the first one was, not 十堰时延.
    assert report["next_offered"] == report["first_offered"]
    assert "十堰时延" not in report["next_offered"]
    # Nothing anywhere else: the home and every XDG folder are as empty as they started.
    for name, folder in personal.items():
        assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == [], name
