"""The screen power settings in the configuration: argument lists with bounds, not shell lines."""

from __future__ import annotations

import pytest

from kiosk import config as config_module
from kiosk.config import ConfigError


def _signage(**keys):
    return config_module.from_table({"signage": keys}).signage


def test_commands_are_argument_lists_and_default_to_none():
    signage = _signage(screen_off_command=["wlr-randr", "--output", "HDMI-2", "--off"], screen_command_timeout=5)
    assert signage.screen_off_command == ("wlr-randr", "--output", "HDMI-2", "--off")
    assert signage.screen_on_command == () and signage.screen_command_timeout == 5.0
    assert _signage().screen_off_command == () and _signage().screen_command_timeout == 10.0


@pytest.mark.parametrize(
    "keys",
    [
        {"screen_off_command": "wlr-randr --output HDMI-2 --off"},  # a shell line, not a list
        {"screen_off_command": ["wlr-randr", ""]},
        {"screen_on_command": ["x"] * 65},
        {"screen_on_command": ["a\0b"]},
        {"screen_command_timeout": 0},
        {"screen_command_timeout": 301},
    ],
)
def test_bad_values_are_one_clear_line(keys):
    with pytest.raises(ConfigError) as caught:
        _signage(**keys)
    assert "signage.screen_" in str(caught.value) and "\n" not in str(caught.value)
