"""The ``kiosk`` command line: its parser, its faults, and the commands that open screens.

The other command groups sit beside it: :mod:`kiosk.cli_inspect` (``items``, ``plan``,
``status``), :mod:`kiosk.cli_sync`, :mod:`kiosk.cli_outbox` and :mod:`kiosk.cli_service`
(``install-service``, ``doctor``).

Every failure a person can cause or meet ends with one line on stderr and a documented
status (the README's table): 2 for a configuration (or command line) the kiosk cannot use,
3 for a state directory it cannot write (read-only, no permission, not a folder), 4 for a
damaged feedback outbox (kept untouched: it holds feedback not yet uploaded), 1 for
anything else — a refused or failed sync, a full disk, an unexpected error. Tracebacks go
to the log file only.

The process runs under umask 0077: whatever the caller's umask, nothing the kiosk writes
(cache, outbox, assets, logs, screenshots) is readable by anyone but its owner.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kiosk import __version__, cli_inspect, cli_outbox, cli_service, cli_sync, extras, logs, paths
from kiosk import config as config_module
from kiosk.cache import CacheError
from kiosk.config import Config, ConfigError
from kiosk.exits import (
    EXIT_CONFIG,
    EXIT_FAILURE,
    EXIT_OUTBOX,
    EXIT_STATE_DIR,
    FULL,
    NOT_WRITABLE,
    describe,
    log_to_file_only,
    one_line,
    state_dir_problem,
)
from kiosk.outbox import OutboxError

if TYPE_CHECKING:
    from kiosk.qt.startup import ScreenOptions

log = logging.getLogger("kiosk")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line and status 2, as argparse does, but named
        self.exit(EXIT_CONFIG, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--config", type=Path, default=argparse.SUPPRESS, help="configuration file (default: config/kiosk.toml)"
    )
    common.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log debug messages to stderr"
    )

    parser = _Parser(
        prog="kiosk",
        description="Lobby Kiosk: public disclosure on a touch screen and an LED display.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    screens = _Parser(add_help=False)
    screens.add_argument("--offscreen", action="store_true", help="render without a display (Qt's offscreen platform)")
    screens.add_argument(
        "--screenshot", type=Path, metavar="DIR", help="write one PNG per window into DIR before quitting"
    )
    screens.add_argument(
        "--quit-after",
        type=float,
        metavar="SECONDS",
        help="quit after this many seconds (3 when --screenshot is given)",
    )

    commands.add_parser("run", parents=[common, screens], help="open one fullscreen window per configured screen")
    demo_command = commands.add_parser(
        "demo",
        parents=[common, screens],
        help="show the whole kiosk on this computer: both screens as windows, "
        "synced from a local central store serving the demo pack",
    )
    demo_command.add_argument(
        "--embedded", action="store_true", help="no store: show the demo pack straight from the local cache"
    )
    demo_command.add_argument(
        "--tour",
        action="store_true",
        help="with --screenshot: one PNG per touch-screen state (attract, home, list, item, "
        "PDF page, search, keyboard) and the signage window",
    )
    plan = commands.add_parser("plan", parents=[common], help="preview the LED display's rotation")
    plan.add_argument("--hours", type=float, default=24.0, help="how far ahead (default 24)")
    plan.add_argument(
        "--from",
        dest="start",
        type=cli_inspect.instant,
        metavar="TIME",
        help="start at this ISO 8601 time with an offset (default now)",
    )
    plan.add_argument("--json", action="store_true", required=True, help="as a JSON list, one entry per slide")
    items = commands.add_parser("items", parents=[common], help="list the items the kiosk would show now")
    items.add_argument("--json", action="store_true", required=True, help="as a JSON list")
    sync = commands.add_parser(
        "sync", parents=[common], help="sync the content with the central store ([store] in the configuration)"
    )
    sync.add_argument(
        "--once",
        action="store_true",
        help="one sync, then exit: 0 on success, 1 with one line on stderr when refused or failed",
    )
    status = commands.add_parser("status", parents=[common], help="the content held and the state of syncing")
    status.add_argument("--json", action="store_true", required=True, help="as a JSON object")
    outbox = commands.add_parser(
        "outbox",
        parents=[common],
        help="feedback waiting for the store (no text, no contact data); `outbox retry` sends set-aside records again",
    )
    outbox.add_argument("--json", action="store_true", help="as a JSON object (required without an action)")
    actions = outbox.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    retry = actions.add_parser(
        "retry", parents=[common], help="put records set aside after a refusal back in the queue (all without IDs)"
    )
    retry.add_argument("ids", nargs="*", metavar="ID", help="a record's id or reference code (ABC-DEF)")
    cli_service.add_commands(commands, common)
    commands.add_parser(
        "set-pin",
        parents=[common],
        help="set the administrator's PIN of the admin overlay (asked for twice; stored as an Argon2 hash)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    # Before anything is written: owner-only whatever umask the caller had.
    os.umask(paths.PRIVATE_UMASK)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "outbox" and args.action is None and not args.json:
        parser.exit(EXIT_CONFIG, "kiosk outbox: give --json (the listing) or an action such as `retry`\n")
    config_path = getattr(args, "config", None)
    try:
        # The demo too reads the shipped config/kiosk.toml (every key of which is optional):
        # it needs no configuration of the user's, and shows the example contact details.
        config = config_module.load(config_path)
    except ConfigError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if args.command in ("doctor", "install-service", "sway-config"):  # these must work with a broken state directory
        return cli_service.run(args, config)
    problem = state_dir_problem(config.state_dir)
    if problem is not None:
        print(f"kiosk: {problem}", file=sys.stderr)
        return EXIT_FAILURE if problem.endswith(FULL) else EXIT_STATE_DIR
    # The long-running commands log every event to stdout (the journal, under systemd);
    # the others keep stdout for their results.
    long_running = args.command in ("run", "demo") or (args.command == "sync" and not args.once)
    log_file = logs.setup(config.state_dir, verbose=getattr(args, "verbose", False), events_to_stdout=long_running)
    try:
        return _dispatch(args, config)
    except OutboxError as exc:
        log.debug("outbox unusable", exc_info=True)
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_OUTBOX if exc.damaged else EXIT_STATE_DIR
    except (CacheError, OSError) as exc:
        log.debug("failed", exc_info=True)
        print(f"kiosk: {describe(exc)}", file=sys.stderr)
        not_writable = isinstance(exc, OSError) and exc.errno in NOT_WRITABLE
        return EXIT_STATE_DIR if not_writable else EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: a line for the person, the details for the log
        missing = extras.missing_line(exc)
        if missing is not None:  # a command that needs a part not installed
            print(f"kiosk: {missing}", file=sys.stderr)
            return EXIT_FAILURE
        log.debug("unexpected error", exc_info=True)
        if log_file is not None:
            log_to_file_only(log_file, exc)
        where = f" (details in {log_file})" if log_file else ""
        print(f"kiosk: unexpected error: {one_line(exc)}{where}", file=sys.stderr)
        return EXIT_FAILURE


def _dispatch(args: argparse.Namespace, config: Config) -> int:
    if args.command == "items":
        return cli_inspect.items_json(config)
    if args.command == "plan":
        return cli_inspect.plan_json(config, args.start, args.hours)
    if args.command == "sync":
        return cli_sync.run(config, once=args.once)
    if args.command == "status":
        return cli_inspect.status_json(config)
    if args.command == "set-pin":
        from kiosk import cli_pin

        return cli_pin.set_pin(config)
    if args.command == "outbox":
        return cli_outbox.retry(config, args.ids) if args.action == "retry" else cli_outbox.listing_json(config)
    # Qt is imported only for the commands that open windows: inspection stays light, and
    # runs where only the plain core is installed.
    if importlib.util.find_spec("PySide6") is None:
        print(
            f'kiosk: {args.command} opens screens, which need the kiosk part (pip install ".[kiosk]"): '
            "PySide6 is not installed",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    from kiosk.qt.app import run
    from kiosk.qt.startup import ScreenOptions

    quit_after = args.quit_after if args.quit_after is not None else (3.0 if args.screenshot else None)
    options = ScreenOptions(
        offscreen=args.offscreen,
        screenshot_dir=args.screenshot,
        quit_after=quit_after,
        demo=args.command == "demo",
        tour=getattr(args, "tour", False),
    )
    if args.command == "demo" and not args.embedded and not config.uses_store:
        from kiosk.qt.startup import StartError, check_display

        try:
            check_display(options)  # before starting a store for windows that cannot open
        except StartError as exc:
            print(f"kiosk: {exc}", file=sys.stderr)
            return EXIT_FAILURE
        return _demo_with_store(config, options, run)
    return run(config, options)


def _demo_with_store(config: Config, options: ScreenOptions, run: Callable[[Config, ScreenOptions], int]) -> int:
    """The demo as the real system: a local store serving the pack, the kiosk syncing from it."""
    from dataclasses import replace

    from kiosk import demo_store

    print("kiosk: starting the demo's central store on 127.0.0.1…", file=sys.stderr, flush=True)
    try:
        served = demo_store.start(config.state_dir)
    except demo_store.DemoStoreError as exc:
        log.debug("demo store failed", exc_info=True)
        print(f"kiosk: {exc}; showing the demo pack without a store (kiosk demo --embedded)", file=sys.stderr)
        return run(config, options)
    try:
        print(f"kiosk: demo store at {served.url}; the kiosk syncs from it", file=sys.stderr, flush=True)
        return run(replace(config, store=served.store), options)
    finally:
        served.stop()
