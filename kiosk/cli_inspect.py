"""The ``kiosk`` commands that read without showing screens: ``items --json``,
``plan --json`` and ``status --json`` (JSON on stdout, a fault in one line on stderr)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from datetime import datetime

from kiosk import cli_outbox, demo, usage_outbox
from kiosk.clock import SystemClock
from kiosk.config import Config
from kiosk.content import item_to_dict
from kiosk.exits import EXIT_CONFIG, EXIT_OK, EXIT_OUTBOX, EXIT_STATE_DIR
from kiosk.outbox import OutboxError


def instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no offset (e.g. 2026-11-26T09:00:00+08:00)")
    return value


def plan_json(config: Config, start: datetime | None, hours: float) -> int:
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


def items_json(config: Config) -> int:
    cache = demo.open_content(config)
    try:
        now = SystemClock().now()
        listing = [item_to_dict(item) for item in cache.items(now)]
    finally:
        cache.close()
    json.dump(listing, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def status_json(config: Config) -> int:
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
    try:
        # Hours of anonymous use: sealed and waiting for the store, set aside, still open.
        report["usage"] = usage_outbox.open_counts(config.state_dir)
    except sqlite3.Error as exc:
        report["usage"] = {"pending": None, "error": f"cannot read the use counts: {exc}"}
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    if problem is not None:
        print(f"kiosk: {problem}", file=sys.stderr)
        return EXIT_OUTBOX if problem.damaged else EXIT_STATE_DIR
    return EXIT_OK
