"""The ``kiosk`` command line: run the screens, the demo, and inspection commands.

Every failure a person can cause or meet — a bad configuration, an unwritable state
directory, a full disk — ends with one line on stderr and a non-zero status: 2 for a
configuration the kiosk cannot use, 1 for anything else. Tracebacks go to the log file.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import datetime
from pathlib import Path

from kiosk import __version__, demo, logs
from kiosk import config as config_module
from kiosk.cache import CacheError
from kiosk.clock import SystemClock
from kiosk.config import Config, ConfigError
from kiosk.content import item_to_dict

log = logging.getLogger("kiosk")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and status 2, as argparse does, but named
        self.exit(EXIT_CONFIG, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                        help="configuration file (default: config/kiosk.toml)")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="log debug messages to stderr")

    parser = _Parser(prog="kiosk", description="Lobby Kiosk: public disclosure on a touch screen and an LED display.",
                     parents=[common])
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    screens = argparse.ArgumentParser(add_help=False)
    screens.add_argument("--offscreen", action="store_true", help="render without a display (Qt's offscreen platform)")
    screens.add_argument("--screenshot", type=Path, metavar="DIR", help="write one PNG per window into DIR before quitting")
    screens.add_argument("--quit-after", type=float, metavar="SECONDS",
                         help="quit after this many seconds (3 when --screenshot is given)")

    commands.add_parser("run", parents=[common, screens], help="open one fullscreen window per configured screen")
    demo_command = commands.add_parser("demo", parents=[common, screens],
                                       help="show the whole kiosk on this computer: both screens as windows, "
                                            "synced from a local central store serving the demo pack")
    demo_command.add_argument("--embedded", action="store_true",
                              help="no store: show the demo pack straight from the local cache")
    demo_command.add_argument("--tour", action="store_true",
                              help="with --screenshot: one PNG per touch-screen state (attract, home, list, item, "
                                   "PDF page, search, keyboard) and the signage window")
    plan = commands.add_parser("plan", parents=[common], help="preview the LED display's rotation")
    plan.add_argument("--hours", type=float, default=24.0, help="how far ahead (default 24)")
    plan.add_argument("--from", dest="start", type=_instant, metavar="TIME",
                      help="start at this ISO 8601 time with an offset (default now)")
    plan.add_argument("--json", action="store_true", required=True, help="as a JSON list, one entry per slide")
    items = commands.add_parser("items", parents=[common], help="list the items the kiosk would show now")
    items.add_argument("--json", action="store_true", required=True, help="as a JSON list")
    sync = commands.add_parser("sync", parents=[common],
                               help="sync the content with the central store ([store] in the configuration)")
    sync.add_argument("--once", action="store_true",
                      help="one sync, then exit: 0 on success, 1 with one line on stderr when refused or failed")
    status = commands.add_parser("status", parents=[common], help="the content held and the state of syncing")
    status.add_argument("--json", action="store_true", required=True, help="as a JSON object")
    outbox = commands.add_parser("outbox", parents=[common],
                                 help="feedback waiting for the store (no text, no contact data)")
    outbox.add_argument("--json", action="store_true", required=True, help="as a JSON object")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    config_path = getattr(args, "config", None)
    try:
        # The demo too reads the shipped config/kiosk.toml (every key of which is optional):
        # it needs no configuration of the user's, and shows the example contact details.
        config = config_module.load(config_path)
    except ConfigError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        config.state_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"kiosk: cannot use the state directory {config.state_dir}: {exc.strerror or exc}; "
              "set state_dir in the configuration to a writable folder", file=sys.stderr)
        return EXIT_FAILURE
    log_file = logs.setup(config.state_dir, verbose=getattr(args, "verbose", False))
    try:
        return _dispatch(args, config)
    except (CacheError, OSError) as exc:
        log.debug("failed", exc_info=True)
        print(f"kiosk: {_describe_os_error(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: a line for the person, the details for the log
        log.exception("unexpected error")
        where = f" (details in {log_file})" if log_file else ""
        print(f"kiosk: unexpected error: {exc}{where}", file=sys.stderr)
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
        return _outbox_json(config)
    # Qt is imported only for the commands that open windows: inspection stays light.
    from kiosk.qt.app import ScreenOptions, run

    quit_after = args.quit_after if args.quit_after is not None else (3.0 if args.screenshot else None)
    options = ScreenOptions(offscreen=args.offscreen, screenshot_dir=args.screenshot, quit_after=quit_after,
                            demo=args.command == "demo", tour=getattr(args, "tour", False))
    if args.command == "demo" and not args.embedded and not config.uses_store:
        from kiosk.qt.app import StartError, check_display

        try:
            check_display(options)  # before starting a store for windows that cannot open
        except StartError as exc:
            print(f"kiosk: {exc}", file=sys.stderr)
            return EXIT_FAILURE
        return _demo_with_store(config, options, run)
    return run(config, options)


def _demo_with_store(config: Config, options, run) -> int:
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


def _instant(text: str):
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no offset (e.g. 2026-11-26T09:00:00+08:00)")
    return value


def _plan_json(config: Config, start, hours: float) -> int:
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
        print(f"kiosk: {config.source or 'the configuration'}: no [store] url is configured; nothing to sync "
              "(paste the table that `kiosk-store device enroll` prints)", file=sys.stderr)
        return EXIT_CONFIG
    if not once:
        return _sync_forever(config)
    # The outcome is reported in exactly one line below; the sync's own warnings go to the
    # log file only, so stderr never holds the same refusal twice.
    _keep_off_console("kiosk.sync")
    cache = demo.open_content(config)
    try:
        result = sync_once(config, cache)
    except SyncError as exc:
        print(f"kiosk: {exc.line}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        cache.close()
    print(result.summary())
    return EXIT_OK


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

    def _stop(signum, frame) -> None:
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

    cache = ContentCache(config.cache_file)
    try:
        report = status.read(cache, config.store.url).to_dict()
    finally:
        cache.close()
    report["uses_store"] = config.uses_store
    report["outbox"] = _outbox_counts(config)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def _outbox_counts(config: Config) -> dict[str, int]:
    """Feedback waiting for the store, and set aside after a permanent refusal."""
    from kiosk.outbox import Outbox

    if not config.outbox_file.exists():
        return {"pending": 0, "rejected": 0}
    outbox = Outbox(config.outbox_file)
    try:
        return outbox.counts()
    finally:
        outbox.close()


def _outbox_json(config: Config) -> int:
    from kiosk.outbox import Outbox

    entries: list[dict] = []
    if config.outbox_file.exists():
        outbox = Outbox(config.outbox_file)
        try:
            entries = outbox.listing()  # without text or contact data
        finally:
            outbox.close()
    report = {"pending": sum(e["state"] == "pending" for e in entries),
              "rejected": sum(e["state"] == "rejected" for e in entries), "entries": entries}
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def _describe_os_error(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        import errno

        where = f"{exc.filename}: " if exc.filename else ""
        if exc.errno == errno.ENOSPC:
            return f"{where}the disk is full; nothing stored was changed. Free some space and start again."
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"{where}not writable ({exc.strerror}); check state_dir in the configuration."
        return f"{where}{exc.strerror or exc}"
    return str(exc)
