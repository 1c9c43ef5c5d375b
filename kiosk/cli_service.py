"""The ``kiosk`` commands that set the machine up: ``install-service`` (the systemd unit),
``doctor`` (one line per check, with how to mend each failure) and ``sway-config`` (the
compositor's rules that put each screen's window on its output)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.config import Config
from kiosk.exits import EXIT_CONFIG, EXIT_FAILURE, EXIT_OK


def add_commands(commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    """``install-service``, ``doctor`` and ``sway-config``, on the command line's parser."""
    install = commands.add_parser(
        "install-service",
        parents=[common],
        help="install the systemd unit that runs `kiosk run` at boot, and enable it",
    )
    install.add_argument("--dry-run", action="store_true", help="print the unit and the commands; change nothing")
    install.add_argument(
        "--user",
        default=None,
        metavar="NAME",
        help="the dedicated account the kiosk runs as (default kiosk; created when missing)",
    )
    install.add_argument("--unit-dir", type=Path, default=None, help=argparse.SUPPRESS)  # tests only
    doctor = commands.add_parser(
        "doctor",
        parents=[common],
        help="check this machine can run the kiosk: one line per check, with how to mend each failure",
    )
    doctor.add_argument(
        "--skip", action="append", default=[], metavar="CHECK", help="leave out a check by name (repeatable)"
    )
    sway = commands.add_parser(
        "sway-config",
        parents=[common],
        help="print a sway configuration that puts each configured screen's window on its output",
    )
    sway.add_argument(
        "--output",
        action="append",
        default=[],
        metavar="N=NAME",
        help="the output name of a screen configured by number (repeatable)",
    )
    sway.add_argument(
        "--mode", action="append", default=[], metavar="NAME=MODE", help="an output's mode, e.g. HDMI-A-1=1920x1080"
    )


def run(args: argparse.Namespace, config: Config) -> int:
    """Run ``doctor``, ``install-service`` or ``sway-config``: each works with a broken state directory."""
    if args.command == "sway-config":
        return _sway_config(args, config)
    if args.command == "doctor":
        from kiosk import doctor

        return doctor.main(config, skip=args.skip)
    from kiosk import service

    config_file = (config.source or paths.DEFAULT_CONFIG_FILE).resolve()
    plan = service.plan_installation(args.user or service.DEFAULT_USER, config_file, args.unit_dir or service.UNIT_DIR)
    if args.dry_run:
        print(f"# {plan.unit_path} (not written: --dry-run)")
        print(plan.unit_text, end="" if plan.unit_text.endswith("\n") else "\n")
        for command in plan.commands:
            print(f"# would run: {' '.join(command)}")
        return EXIT_OK
    try:
        for line in service.install(plan):
            print(f"kiosk: {line}")
    except service.InstallError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"kiosk: {service.UNIT_NAME} is enabled; start it now with: systemctl start {service.UNIT_NAME}")
    return EXIT_OK


def _sway_config(args: argparse.Namespace, config: Config) -> int:
    from kiosk import compositor

    try:
        outputs = {int(n): name for n, name in (_pair(text, "--output") for text in args.output)}
        modes = dict(_pair(text, "--mode") for text in args.mode)
        print(compositor.sway_config(config.screens, outputs, modes), end="")
    except (ValueError, compositor.CompositorConfigError) as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    return EXIT_OK


def _pair(text: str, option: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key or not value:
        raise ValueError(f"{option} {text!r}: give KEY=VALUE")
    return key, value
