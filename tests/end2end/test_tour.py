"""``kiosk demo --tour``: the real program walks every touch-screen state and writes its PNGs.

The README's screenshots come from this command, so it is run here as a visitor's walk
would be: each state's picture is written, none is blank, and no two states look alike
(a step that silently failed would leave the previous state on screen, or nothing).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
from e2e_support import assert_clean_stderr, kiosk_env
from support import png_size

pytestmark = pytest.mark.e2e

TOUCH_STATES = (
    "attract",
    "home",
    "list",
    "item",
    "pdf",
    "search",
    "keyboard",
    "feedback-keyboard",
    "handwriting",
    "care",
    "offline",
)


def test_the_tour_writes_one_distinct_picture_per_state(tmp_path):
    shots = tmp_path / "shots"
    env = kiosk_env({"XDG_STATE_HOME": tmp_path / "xdg"})
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--embedded", "--offscreen", "--screenshot", str(shots), "--tour"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "tour step" not in result.stderr  # a failed step is reported, and must not happen
    assert_clean_stderr(result.stderr)
    names = [f"touch-{state}.png" for state in TOUCH_STATES] + ["signage.png", "signage-long.png"]
    missing = [name for name in names if not (shots / name).is_file()]
    assert not missing, sorted(p.name for p in shots.iterdir())
    for name in names:
        width, height = png_size(shots / name)
        assert width > 100 and height > 100, name
    digests = {name: hashlib.sha256((shots / name).read_bytes()).hexdigest() for name in names}
    alike = [(a, b) for a in names for b in names if a < b and digests[a] == digests[b]]
    assert not alike, f"states that look the same: {alike}"
