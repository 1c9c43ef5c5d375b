"""``kiosk-store device`` and ``kiosk-store fleet``: enrolled kiosks and their heartbeats.

Enrolling and revoking are an admin's (``--as ADMIN``, password checked) and audited, as
in the console; listing needs no one."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from kiosk.store import devices
from kiosk.store.cli.common import EXIT_OK, Parser, actor_options, line, print_json, said
from kiosk.store.workflow import WorkflowError


def add(commands, common: Parser) -> None:
    admin = actor_options(required=True)
    device = commands.add_parser("device", parents=[common], help="enrolled kiosks").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=Parser
    )
    enroll = device.add_parser(
        "enroll",
        parents=[common, admin],
        help="enroll a kiosk (or give a revoked one a new token); prints its [store] table",
    )
    enroll.add_argument("name")
    enroll.add_argument("--url", help="the URL this kiosk reaches the store at (default: the store's)")
    device.add_parser("revoke", parents=[common, admin], help="revoke a kiosk's token at once").add_argument("name")
    device.add_parser("list", parents=[common], help="list kiosks and their last heartbeat").add_argument(
        "--json", action="store_true"
    )
    fleet = commands.add_parser(
        "fleet",
        parents=[common],
        help="enrolled kiosks, marking the silent, those behind the feed, and undelivered feedback",
    )
    fleet.add_argument("--json", action="store_true")
    fleet.add_argument(
        "--silent-after",
        type=float,
        metavar="SECONDS",
        default=devices.SILENT_AFTER.total_seconds(),
        help="a kiosk without a heartbeat for longer is silent (default %(default)g; "
        f"{devices.SILENT_AFTER_BOUNDS[0]} to {devices.SILENT_AFTER_BOUNDS[1]})",
    )
    fleet.add_argument("action", nargs="?", default="show", help=argparse.SUPPRESS)


def _device_enroll(store, args) -> int:
    sys.stdout.write(store.enroll(args.name, args.url, by=args.actor))
    said(f"kiosk {args.name} enrolled; its token is in the table above and is shown only this once")
    return EXIT_OK


def _device_revoke(store, args) -> int:
    store.revoke(args.name, by=args.actor)
    said(f"kiosk {args.name} revoked: its token is refused from now on")
    return EXIT_OK


def _device_list(store, args) -> int:
    listing = store.devices()
    if args.json:
        print_json(listing)
    else:
        for d in listing:
            seen = d["last_seen_at"] or "never seen"
            line(
                d["name"],
                d["status"],
                seen,
                f"feed v{d['feed_version']}",
                f"outbox {d['outbox_size']}",
                *([f"error: {d['last_error']}"] if d["last_error"] else []),
            )
    return EXIT_OK


def fleet_rows(store, silent_after: float) -> list[dict]:
    """``kiosk-store fleet``'s rows (the console's fleet page shows the same)."""
    low, high = devices.SILENT_AFTER_BOUNDS
    if not low <= silent_after <= high:
        raise WorkflowError(f"--silent-after must be between {low} and {high} seconds")
    return devices.fleet(store.devices(), store.feed_version(), store.clock.now(), timedelta(seconds=silent_after))


def _fleet(store, args) -> int:
    rows = fleet_rows(store, args.silent_after)
    if args.json:
        print_json(rows)
        return EXIT_OK
    for d in rows:
        seen = "never seen" if d["silent_seconds"] is None else f"seen {d['silent_seconds']} s ago"
        line(
            d["name"],
            ",".join(d["problems"]) or "ok",
            seen,
            f"feed v{d['feed_version']} of v{d['store_feed_version']}",
            f"outbox {d['outbox_size']}",
            f"set aside {d['outbox_set_aside']}",
            f"up {d['uptime']} s",
            f"app {d['app_version']}",
            f"screens {devices.screens_text(d['screens'])}",
            f"font {d['cjk_font'] or 'none'}",
            *([f"stale since {d['stale_since']}"] if d["stale_since"] else []),
            *([f"error: {d['last_error']}"] if d["last_error"] else []),
        )
    return EXIT_OK


HANDLERS = {
    ("device", "enroll"): _device_enroll,
    ("device", "revoke"): _device_revoke,
    ("device", "list"): _device_list,
    ("fleet", "show"): _fleet,
}
