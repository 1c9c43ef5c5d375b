"""``kiosk-store timeliness``: every item's next disclosure due, in three groups — late, due
this week, on time — and the items no rule can judge until their schedule is written."""

from __future__ import annotations

from kiosk.store.cli.common import EXIT_OK, Parser, line, print_json
from kiosk.store.timeliness_record import groups

HEADINGS = {
    "late": "late",
    "due-this-week": "due this week",
    "on-time": "on time",
    "unscheduled": "unscheduled (add the field named)",
}


def add(commands, common: Parser) -> None:
    command = commands.add_parser(
        "timeliness", parents=[common], help="what is late, what is due this week, what is on time"
    )
    command.add_argument("--json", action="store_true", help="every item's row as JSON, late first")
    command.set_defaults(action="show")


def _show(store, args) -> int:
    rows = store.timeliness()
    if args.json:
        print_json(rows)
        return EXIT_OK
    for status, members in groups(rows).items():
        if status == "unscheduled" and not members:
            continue
        print(f"{HEADINGS[status]}: {len(members)}")
        for r in members:
            line(
                f"  {r['id']}",
                r["cadence"] + (f" {r['period']}" if r["period"] else ""),
                f"due {r['due']}" if r["due"] else (f"needs {r['missing']}" if r["missing"] else r["what"]),
                r["what"],
                f"last published {r['last_published'] or 'never'}",
                *(["revised after feedback"] if r["revised_after_feedback"] else []),
                r["title"],
            )
    return EXIT_OK


HANDLERS = {("timeliness", "show"): _show}
