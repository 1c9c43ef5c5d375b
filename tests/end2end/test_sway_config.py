"""`kiosk sway-config`: the compositor's rules, written from the kiosk's own [[screens]].

The shipped config/sway/kiosk.conf is what the command writes for the shipped
configuration with its two outputs named; the rest is how it refuses what sway cannot use.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from e2e_support import kiosk_env

from kiosk import compositor, paths
from kiosk.config import ScreenConfig

pytestmark = pytest.mark.e2e


def _sway_config(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "sway-config", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=kiosk_env(),
    )


def test_the_shipped_sway_config_is_what_the_command_writes():
    result = _sway_config("--output", "0=HDMI-A-1", "--output", "1=HDMI-A-2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (paths.CONFIG_DIR / "sway" / "kiosk.conf").read_text(encoding="utf-8")


def test_a_numbered_screen_without_an_output_name_is_refused_with_how_to_name_it():
    result = _sway_config("--output", "1=HDMI-A-2")
    assert result.returncode == 2
    assert result.stderr.startswith("kiosk: screen 0 is a number: sway needs the output's name")
    assert "--output 0=NAME" in result.stderr and not result.stdout


def test_rules_put_each_screen_on_its_output_and_a_region_in_its_place():
    screens = (
        ScreenConfig(role="touch", screen="DP-1"),
        ScreenConfig(role="signage", screen="HDMI-A-1", region=(0, 0, 1536, 768)),
    )
    text = compositor.sway_config(screens, modes={"HDMI-A-1": "1920x1080"})
    lines = text.splitlines()
    assert 'assign [title="^lobby-kiosk touch 0$"] output DP-1' in lines
    assert 'assign [title="^lobby-kiosk signage 1$"] output HDMI-A-1' in lines
    assert (
        'for_window [title="^lobby-kiosk signage 1$"] floating enable, border none, '
        "resize set 1536 px 768 px, move position 0 px 0 px"
    ) in lines
    assert "output HDMI-A-1 mode 1920x1080 bg #000000 solid_color" in lines
    assert "input type:touch map_to_output DP-1" in lines
    # Nothing a key can do: no bindings at all, and the console-switching keys removed.
    assert not any(line.startswith(("bindsym", "bindcode", "exec")) for line in lines)
    assert "input type:keyboard xkb_options srvrkeys:none" in lines


def test_an_output_name_sway_cannot_take_is_refused():
    with pytest.raises(compositor.CompositorConfigError, match="not one sway names outputs by"):
        compositor.sway_config((ScreenConfig(role="touch", screen='HDMI"; exec rm'),))
