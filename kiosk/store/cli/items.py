"""``kiosk-store item``: items and their workflow, each action as the authenticated ``--as``
person. Every action prints the item's id on stdout (scripts capture it) and says what it
did on stderr."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from kiosk.store.cli.common import EXIT_OK, Parser, actor_options, line, print_json, said


def add(commands, common: Parser) -> None:
    actor = actor_options()
    item = commands.add_parser("item", parents=[common], help="items and their workflow").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=Parser
    )
    add_item = item.add_parser("add", parents=[common, actor], help="add an item from a Markdown file; prints its id")
    add_item.add_argument("file", type=Path)
    edit = item.add_parser("edit", parents=[common, actor], help="a new revision of an item (a draft)")
    edit.add_argument("id")
    edit.add_argument("file", type=Path)
    edit.add_argument(
        "--after-feedback",
        metavar="REF",
        help="the feedback (its reference or id) this revision answers: recorded as re-disclosed after feedback",
    )
    for action, text in (
        ("submit", "submit the draft for approval"),
        ("approve", "approve the submitted revision, signing it with your key"),
        ("withdraw", "take the item off every screen"),
    ):
        item.add_parser(action, parents=[common, actor], help=text).add_argument("id")
    publish = item.add_parser("publish", parents=[common, actor], help="publish the approved revision, now or later")
    publish.add_argument("id")
    when = publish.add_mutually_exclusive_group()
    when.add_argument(
        "--at",
        type=_local_time,
        metavar="TIME",
        help="sign now, go live then: 2026-12-05 08:30 (office time) or an ISO 8601 instant",
    )
    when.add_argument("--cancel", action="store_true", help="cancel the item's scheduled publication")
    item.add_parser("list", parents=[common], help="list items").add_argument("--json", action="store_true")
    item.add_parser(
        "sign-publications",
        parents=[common, actor],
        help="protocol v2 migration: sign publication statements for items published before",
    )


def _local_time(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date and time: {text!r} (e.g. 2026-12-05 08:30)") from None


def _item_publish(store, args) -> int:
    if args.cancel:
        number = store.cancel_schedule(args.id, args.actor)
        done = "is no longer scheduled: it is approved, waiting to be published"
    elif args.at is not None:
        number = store.schedule(args.id, args.actor, args.at)
        zone = store.office_zone()
        at = args.at if args.at.tzinfo is not None else args.at.replace(tzinfo=zone)
        done = f"signed and scheduled: it goes live at {at.astimezone(zone):%Y-%m-%d %H:%M} (office time)"
    else:
        number = store.publish(args.id, args.actor)
        done = _DONE["publish"]
    print(args.id)
    said(f"item {args.id}: revision {number} {done}")
    return EXIT_OK


def _item_add(store, args) -> int:
    item_id = store.add_item(args.file, args.actor)
    print(item_id)  # the id alone on stdout: scripts capture it
    said(f"item {item_id}: revision 1 added as a draft")
    return EXIT_OK


_DONE = {
    "submit": "submitted for approval",
    "approve": "approved and signed",
    "publish": "published",
    "withdraw": "withdrawn from every screen",
}


def _item_action(action: str):
    def handler(store, args) -> int:
        if action == "edit":
            number = store.edit_item(args.id, args.file, args.actor, args.after_feedback)
            done = "added as a draft"
        else:
            number = getattr(store, action)(args.id, args.actor)
            done = _DONE[action]
        print(args.id)
        said(f"item {args.id}: revision {number} {done}")
        return EXIT_OK

    return handler


def _item_sign_publications(store, args) -> int:
    said(f"{store.sign_publications(args.actor)} publication(s) signed")
    return EXIT_OK


def _item_list(store, args) -> int:
    items = store.items()
    if args.json:
        print_json(items)
    else:
        for i in items:
            live = f"published r{i['published_revision']}" if i["published_revision"] else "not published"
            feed = "in feed" if i["in_feed"] else "not in feed"
            ratings = " ".join(f"{n}" for n in i["ratings"].values())
            line(
                i["id"],
                f"r{i['revision']} {i['state']}",
                f"{live}, {feed}",
                f"feedback {i['feedback']} (ratings {ratings})",
                i["title"],
            )
    return EXIT_OK


HANDLERS = {
    ("item", "add"): _item_add,
    ("item", "edit"): _item_action("edit"),
    ("item", "submit"): _item_action("submit"),
    ("item", "approve"): _item_action("approve"),
    ("item", "publish"): _item_publish,
    ("item", "withdraw"): _item_action("withdraw"),
    ("item", "list"): _item_list,
    ("item", "sign-publications"): _item_sign_publications,
}
