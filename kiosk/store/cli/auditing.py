"""``kiosk-store audit``: check the audit log's chain, list it, export it."""

from __future__ import annotations

import sys

from kiosk.store import audit
from kiosk.store.cli.common import EXIT_FAILURE, EXIT_OK, Parser, line, print_json
from kiosk.store.feedback import office_zone


def add(commands, common: Parser) -> None:
    group = commands.add_parser("audit", parents=[common], help="the audit log").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=Parser
    )
    group.add_parser(
        "verify", parents=[common], help="check every entry's hash and link; status 1 when one was changed or removed"
    )
    listing = group.add_parser("list", parents=[common], help="the newest entries")
    listing.add_argument("--actor", default="")
    listing.add_argument("--action-prefix", dest="prefix", default="", metavar="ACTION")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true")


def _verify(store, args) -> int:
    with store.db.read() as session:
        verdict = audit.verify(session)
    for problem in verdict.problems:
        print(f"kiosk-store: audit log: {problem}", file=sys.stderr)
    if not verdict.intact:
        return EXIT_FAILURE
    print(f"audit log intact: {verdict.entries} entries; head {verdict.head or '-'}")
    return EXIT_OK


def _list(store, args) -> int:
    with store.db.read() as session:
        zone = office_zone(session)
        _, rows = audit.search(session, audit.Query(actor=args.actor, action=args.prefix), limit=max(1, args.limit))
    records = [
        {
            "seq": e.seq,
            "at": e.at.astimezone(zone).isoformat(),
            "actor": e.actor,
            "action": e.action,
            "target": e.target,
            "origin": e.origin,
            "detail": e.detail,
        }
        for e in rows
    ]
    if args.json:
        print_json(records)
    else:
        for r in records:
            when = str(r["at"])[:19].replace("T", " ")
            line(r["seq"], when, r["actor"], r["action"], r["target"], r["origin"], r["detail"])
    return EXIT_OK


HANDLERS = {("audit", "verify"): _verify, ("audit", "list"): _list}
