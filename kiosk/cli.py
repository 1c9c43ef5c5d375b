"""The ``kiosk`` command line: run the screens, the demo, and inspection commands.

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
import json
import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from kiosk import __version__, cli_outbox, demo, extras, logs, paths
from kiosk import config as config_module
from kiosk.cache import CacheError
from kiosk.clock import SystemClock
from kiosk.config import Config, ConfigError
from kiosk.content import item_to_dict
from kiosk.exits import (
    EXIT_CONFIG,
    EXIT_FAILURE,
    EXIT_OK,
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
    from kiosk.qt.app import ScreenOptions

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
        type=_instant,
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
    _add_service_commands(commands, common)
    return parser


def _add_service_commands(commands: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
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
    if args.command in ("doctor", "install-service"):  # these must work with a broken state directory
        return _service_command(args, config)
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
        return _items_json(config)
    if args.command == "plan":
        return _plan_json(config, args.start, args.hours)
    if args.command == "sync":
        return _sync(config, once=args.once)
    if args.command == "status":
        return _status_json(config)
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
    from kiosk.qt.app import ScreenOptions, run

    quit_after = args.quit_after if args.quit_after is not None else (3.0 if args.screenshot else None)
    options = ScreenOptions(
        offscreen=args.offscreen,
        screenshot_dir=args.screenshot,
        quit_after=quit_after,
        demo=args.command == "demo",
        tour=getattr(args, "tour", False),
    )
    if args.command == "demo" and not args.embedded and not config.uses_store:
        from kiosk.qt.app import StartError, check_display

        try:
            check_display(options)  # before starting a store for windows that cannot open
        except StartError as exc:
            print(f"kiosk: {exc}", file=sys.stderr)
            return EXIT_FAILURE
        return _demo_with_store(config, options, run)
    return run(config, options)


def _service_command(args: argparse.Namespace, config: Config) -> int:
    if args.command == "doctor":
        from kiosk import doctor

        return doctor.main(config, skip=args.skip)
    from kiosk import service

    config_file = (config.source or paths.CONFIG_DIR / "kiosk.toml").resolve()
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


def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no offset (e.g. 2026-11-26T09:00:00+08:00)")
    return value


def _plan_json(config: Config, start: datetime | None, hours: float) -> int:
    from kiosk import preview

    if not 0 < hours <= 24 * 31:
        print("kiosk: --hours must be more than 0 and at most 744 (31 days)", file=sys.stderr)
        return EXIT_CONFIG
    cache = demo.open_content(config)
    try:
        items = cache.candidates()
    finally:
        cache.close()
    entries = preview.plan_entries(items, config, start or SystemClock().now(), hours)
    json.dump(entries, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return EXIT_OK


def _items_json(config: Config) -> int:
    cache = demo.open_content(config)
    try:
        now = SystemClock().now()
        listing = [item_to_dict(item) for item in cache.items(now)]
    finally:
        cache.close()
    json.dump(listing, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def _sync(config: Config, *, once: bool) -> int:
    from kiosk.sync import SyncError, sync_once

    if not config.uses_store:
        print(
            f"kiosk: {config.source or 'the configuration'}: no [store] url is configured; nothing to sync "
            "(paste the table that `kiosk-store device enroll` prints)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    if not once:
        return _sync_forever(config)
    # The outcome is reported in exactly one line below; the sync's own warnings go to the
    # log file only, so stderr never holds the same refusal twice.
    _keep_off_console("kiosk.sync")
    status = EXIT_OK
    cache = demo.open_content(config)
    try:
        result = sync_once(config, cache)
    except SyncError as exc:
        print(f"kiosk: {exc.line}", file=sys.stderr)
        status = EXIT_FAILURE
    else:
        print(result.summary())
    finally:
        cache.close()
    # Feedback waiting is sent too, whatever the sync's outcome: it needs only the store.
    return cli_outbox.upload_once(config) or status


def _keep_off_console(prefix: str) -> None:
    """Drop log records of ``prefix`` from the stderr handler (the log file still gets them)."""

    class _NotThese(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return not record.name.startswith(prefix)

    for handler in logging.getLogger().handlers:
        if getattr(handler, "_kiosk", False) and not isinstance(handler, logging.FileHandler):
            handler.addFilter(_NotThese())


def _sync_forever(config: Config) -> int:
    """Sync until SIGTERM or SIGINT: the long-poll and interval jobs, without screens."""
    import signal
    import threading

    from kiosk.sync.jobs import SyncService

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _stop)
    service = SyncService(config)
    service.start()
    log.info("syncing with %s until stopped", config.store.url)
    try:
        while not stop.wait(1.0):
            pass
    finally:
        service.stop()
    return EXIT_OK


def _status_json(config: Config) -> int:
    from kiosk.cache import ContentCache
    from kiosk.sync import status

    cache = ContentCache(config.cache_file, on_rebuilt=demo.refill(config))
    try:
        report = status.read(cache, config.store.url).to_dict()
    finally:
        cache.close()
    report["uses_store"] = config.uses_store
    problem = None
    try:
        report["outbox"] = cli_outbox.counts(config)
    except OutboxError as exc:
        # The rest of the status is still worth reading; the outbox's fault gets its line.
        problem = exc
        report["outbox"] = {"pending": None, "rejected": None, "error": str(exc)}
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    if problem is not None:
        print(f"kiosk: {problem}", file=sys.stderr)
        return EXIT_OUTBOX if problem.damaged else EXIT_STATE_DIR
    return EXIT_OK
