"""The Wayland compositor's side of placing the kiosk's windows: titles and a sway configuration.

On Wayland a client cannot choose the output its window goes to; the compositor does, and
under sway the same holds for X clients of its Xwayland, which is how the kiosk runs there
(Qt's virtual keyboard does not work on Qt's wayland platform). The kiosk's windows carry a
stable title per configured screen (its role and its place in the configuration, never
translated), and ``kiosk sway-config`` writes sway rules that match those titles and put
each window on the output its screen names: covering it, or floating over the screen's
region. The same configuration drives both, so the two cannot disagree.

sway was chosen over weston's kiosk-shell because kiosk-shell places windows by application
id, and a Qt process has one application id for all its windows; sway's rules match titles.

No Qt here: the Qt side sets the titles (kiosk.qt.windows).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kiosk.config import ScreenConfig

#: The application id of every kiosk window (Qt's desktop file name).
APP_ID = "lobby-kiosk"
#: Output names sway accepts in a rule without quoting trouble (e.g. ``HDMI-A-1``, ``DP-2``).
_OUTPUT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


class CompositorConfigError(ValueError):
    """The screens cannot be written as compositor rules; the message says how to mend it."""


def window_title(index: int, screen: ScreenConfig) -> str:
    """The title of the window of the ``index``-th configured screen (``lobby-kiosk touch 0``)."""
    return f"{APP_ID} {screen.role} {index}"


def output_name(screen: ScreenConfig, outputs: Mapping[int, str]) -> str:
    """The compositor's name of the screen's output: named in the configuration or in ``outputs``."""
    name = screen.screen
    if isinstance(name, int) or str(name).isdigit():
        number = int(name)
        if number not in outputs:
            raise CompositorConfigError(
                f"screen {number} is a number: sway needs the output's name; name it in the configuration "
                f'(screen = "HDMI-A-1"; `swaymsg -t get_outputs` lists them) or give --output {number}=NAME'
            )
        name = outputs[number]
    if not _OUTPUT_NAME.match(str(name)):
        raise CompositorConfigError(f"output name {name!r} is not one sway names outputs by")
    return str(name)


def sway_config(
    screens: Sequence[ScreenConfig], outputs: Mapping[int, str] | None = None, modes: Mapping[str, str] | None = None
) -> str:
    """A complete sway configuration for a kiosk with these screens.

    ``outputs`` names the outputs of screens configured by number; ``modes`` gives an
    output a mode (``"1920x1080"`` or ``"1920x1080@60Hz"``); outputs without one keep
    their preferred mode.
    """
    if not screens:
        raise CompositorConfigError("the configuration has no [[screens]]")
    outputs, modes = outputs or {}, modes or {}
    names = [output_name(screen, outputs) for screen in screens]
    lines = [
        "# sway for Lobby Kiosk: one kiosk window on each configured output, nothing else.",
        "# Written by `kiosk sway-config` from the kiosk's [[screens]]; write it again when they change.",
        "#",
        "# No bindsym and no bindcode at all: no key combination opens, closes, moves or quits",
        "# anything, and no exec but what the deployment adds. Ctrl+Alt+Fn (switching to a text",
        "# console) is not a binding in sway but a key of the keymap: srvrkeys:none removes it.",
        "input type:keyboard xkb_options srvrkeys:none",
        "focus_follows_mouse no",
        "mouse_warping none",
        "default_border none",
        "default_floating_border none",
        "# The pointer disappears at once; a touch screen needs none.",
        "seat * hide_cursor 1",
        "# The kiosk is an X client of Xwayland (QT_QPA_PLATFORM=xcb, DISPLAY=:0): Qt's virtual",
        "# keyboard does not work on Qt's wayland platform. Started with sway, so :0 is there.",
        "xwayland force",
        "",
    ]
    for name in dict.fromkeys(names):
        mode = f" mode {modes[name]}" if name in modes else ""
        lines.append(f"output {name}{mode} bg #000000 solid_color")
    lines.append("")
    touch_outputs = [name for screen, name in zip(screens, names, strict=True) if screen.role == "touch"]
    if touch_outputs:
        # Touches land on the touch screen's output, not spread over the whole desktop.
        lines += [f"input type:touch map_to_output {touch_outputs[0]}", ""]
    for index, (screen, name) in enumerate(zip(screens, names, strict=True)):
        criteria = f'[title="^{window_title(index, screen)}$"]'
        # The only window on its output: tiled, without borders, gaps or a bar, it covers the
        # whole output. (A `fullscreen enable` rule races with the window's first configure,
        # which then carries the fullscreen state with no size, and Qt warns.)
        lines.append(f"assign {criteria} output {name}")
        if screen.region is not None:
            x, y, width, height = screen.region
            # A region is part of the output: a floating window of that size, placed
            # relative to the output's corner.
            lines.append(
                f"for_window {criteria} floating enable, border none, "
                f"resize set {width} px {height} px, move position {x} px {y} px"
            )
    # Anything else that opens a window is not the kiosk: it gets no place of its own.
    lines += ["", f'for_window [title="^(?!{APP_ID} (touch|signage) [0-9]+$)"] kill', ""]
    return "\n".join(lines)
