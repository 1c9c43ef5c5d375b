"""The mutation score per module from mutmut 3's result files (``mutants/**/*.py.meta``).

    python tools/mutation_score.py mutants

Killed counts kills and timeouts; a mutant no selected test reaches counts as not killed.
Survivors are listed by name, for ``mutmut show NAME``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 36, 24, -24, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}


def main(folder: str) -> int:
    root = Path(folder)
    total_killed = total = 0
    survivors: list[str] = []
    for meta in sorted(root.rglob("*.py.meta")):
        module = meta.relative_to(root).as_posix().removesuffix(".meta")
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        counts: Counter[str] = Counter()
        for name, code in codes.items():
            if code in KILLED:
                counts["killed"] += 1
            elif code in SURVIVED:
                counts["survived"] += 1
                survivors.append(name)
            elif code in NO_TESTS:
                counts["no tests"] += 1
                survivors.append(name + " (no test reaches it)")
            elif code is None:
                continue  # not checked (yet)
            else:
                counts["other"] += 1
        checked = sum(counts.values())
        if not checked:
            continue
        total += checked
        total_killed += counts["killed"]
        print(
            f"{module:28} {counts['killed']:4d}/{checked:<4d} killed {100 * counts['killed'] / checked:5.1f} %  "
            f"({counts['survived']} survived, {counts['no tests']} reached by no test, {counts['other']} other)"
        )
    if total:
        print(f"{'all':28} {total_killed:4d}/{total:<4d} killed {100 * total_killed / total:5.1f} %")
    for name in survivors:
        print("  survived:", name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "mutants"))
