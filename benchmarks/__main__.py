"""``python -m benchmarks [--quick] [--row NAME] [--json FILE]``: run the rows, print the table.

Each row family is one module with a ``FAMILY`` tuple (the row names it produces) and a
``run(ctx)`` returning :class:`~benchmarks.core.Result` objects. Families that drive Qt
run in a child process of their own (``python -m benchmarks.child``), so that each
gets the renderer and environment it names and none inherits another's memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from benchmarks import data, report
from benchmarks.core import Result, not_measured, progress
from benchmarks.families import FAMILIES, TARGETS


@dataclass
class Context:
    """Sizes and the scratch folder every family shares."""

    work: Path
    quick: bool
    items: int
    rounds: int
    #: The rows asked for (a family may skip the work of rows nobody asked for).
    wanted: frozenset[str] = frozenset()

    def cache_state(self) -> Path:
        """A kiosk state folder whose cache holds the N items (built once, copied by users)."""
        state = self.work / "cache-state"
        if not state.exists():
            progress(f"writing a cache of {self.items} items")
            data.fill_cache(state / "cache" / "content.sqlite3", self.items).close()
        return state


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reduced sizes and rounds (under two minutes)")
    parser.add_argument("--row", action="append", help="run only this row (repeatable); see --list")
    parser.add_argument("--json", type=Path, help="also write the rows as a JSON list to this file")
    parser.add_argument("--list", action="store_true", help="list the rows and exit")
    parser.add_argument("--items", type=int, help="items to generate (default 10,000; 200 with --quick)")
    parser.add_argument("--rounds", type=int, help="interleaved rounds per row (default 3; 1 with --quick)")
    args = parser.parse_args(argv)
    names = [name for family in FAMILIES for name in family.FAMILY]
    if args.list:
        print("\n".join(names))
        return 0
    unknown = [r for r in args.row or [] if r not in names]
    if unknown:
        parser.error(f"unknown row {unknown[0]!r}; rows: {', '.join(names)}")
    wanted = set(args.row or names)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as work:
        ctx = Context(
            Path(work),
            args.quick,
            args.items or (200 if args.quick else 10_000),
            args.rounds or (1 if args.quick else 3),
            frozenset(wanted),
        )
        results: list[Result] = []
        started = time.perf_counter()
        for family in FAMILIES:
            if not wanted & set(family.FAMILY):
                continue
            progress(f"{family.__name__.rsplit('.', 1)[-1]}…")
            try:
                produced = family.run(ctx)
            except Exception as exc:  # one broken family must not hide the others' figures
                traceback.print_exc(file=sys.stderr)
                produced = [
                    not_measured(n, "", TARGETS.get(n, ""), f"{type(exc).__name__}: {exc}") for n in family.FAMILY
                ]
            got = {r.name for r in produced}
            produced += [
                not_measured(n, "", TARGETS.get(n, ""), "the family produced no figure")
                for n in family.FAMILY
                if n not in got
            ]
            results += [r for r in produced if r.name in wanted]
            for r in produced:  # each figure as soon as it exists: a long run cut short keeps them
                progress(f"{r.name}: {report.figure(r.measured, r.unit)} (floor {report.figure(r.floor, r.unit)})")
                print(file=sys.stderr)
        progress("")
        print(file=sys.stderr)
    print(report.table(results))
    print(
        f"\n{ctx.items} items, {ctx.rounds} rounds{' (quick)' if ctx.quick else ''}; "
        f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, Python {platform.python_version()}; "
        f"{time.perf_counter() - started:.0f} s"
    )
    if args.json:
        args.json.write_text(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
